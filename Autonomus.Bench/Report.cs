using System.Text;

namespace Autonomus.Bench;

public enum Goal
{
    /// <summary>measured / baseline must be at most the target.</summary>
    AtMost,
    /// <summary>baseline / measured (how many times faster) must be at least the target.</summary>
    FasterBy,
    /// <summary>measured / baseline must equal the target (to two decimals).</summary>
    Exactly,
    /// <summary>Reported for transparency, no target.</summary>
    None,
}

/// <summary>One line of the results table.</summary>
public sealed record Result(string Benchmark, string Measured, string Baseline, double Ratio, Goal Goal, double Target, bool Headline = false)
{
    public static Result Timed(string benchmark, Samples measured, Samples baseline, Goal goal, double target, bool headline = false) =>
        new(benchmark, Format.Ms(measured.Median), Format.Ms(baseline.Median),
            goal == Goal.FasterBy ? baseline.Median / measured.Median : measured.Median / baseline.Median, goal, target, headline);

    public bool? Passed => Goal switch
    {
        Goal.AtMost => Ratio <= Target,
        Goal.FasterBy => Ratio >= Target,
        Goal.Exactly => Math.Abs(Ratio - Target) < 0.005,
        _ => null,
    };

    public string RatioText => double.IsNaN(Ratio) ? "-" : Goal == Goal.FasterBy ? $"{Ratio:F1}× faster" : $"{Ratio:F2}×";

    public string TargetText => Goal switch
    {
        Goal.AtMost => $"≤ {Target:0.##}×",
        Goal.FasterBy => $"≥ {Target:0.##}× faster",
        Goal.Exactly => $"= {Target:0.##}×",
        _ => "(info)",
    };

    public string Verdict => Passed switch { true => "PASS", false => "MISS", null => "-" };
}

public static class Report
{
    public static string Table(IReadOnlyList<Result> results)
    {
        string[] header = ["benchmark", "measured", "baseline", "ratio", "target", "result"];
        var rows = results.Select(r => new[]
        {
            (r.Headline ? "* " : "  ") + r.Benchmark, r.Measured, r.Baseline, r.RatioText, r.TargetText, r.Verdict,
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => Math.Max(header[i].Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) =>
            sb.AppendLine(string.Join(" | ", cells.Select((c, i) => i is 0 or 5 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
        Line(header);
        sb.AppendLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (var r in rows) Line(r);
        return sb.ToString();
    }
}
