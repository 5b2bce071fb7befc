using System.Diagnostics;

namespace Autonomus.Bench;

/// <summary>Timings of one operation, in milliseconds, after its warm-up runs.</summary>
public sealed class Samples(string name)
{
    private readonly List<double> _ms = [];
    public string Name { get; } = name;
    public IReadOnlyList<double> Values => _ms;
    public int Count => _ms.Count;
    public void Add(double ms) => _ms.Add(ms);
    public double Median => Percentile(0.5);
    public double Min => _ms.Min();
    public double Max => _ms.Max();

    public double Percentile(double p)
    {
        var sorted = _ms.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public override string ToString() =>
        $"{Name}: median {Format.Ms(Median)} (min {Format.Ms(Min)}, max {Format.Ms(Max)}, n={Count})";
}

public static class Sampler
{
    public static async Task<double> TimeAsync(Func<Task> body)
    {
        var started = Stopwatch.GetTimestamp();
        await body();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>
    /// Measured and baseline alternate within every repetition, and which goes first alternates too, so that
    /// drift (cache, checkpoints, the other engineer's build) falls on both alike. Warm-up runs are not recorded.
    /// <paramref name="between"/> runs untimed after each run (e.g. rolling back, collecting garbage).
    /// </summary>
    public static async Task<(Samples Measured, Samples Baseline)> PairAsync(
        string measuredName, Func<Task> measured, string baselineName, Func<Task> baseline, int warmup, int repetitions,
        Func<Task>? between = null)
    {
        var (m, b) = (new Samples(measuredName), new Samples(baselineName));
        for (var i = 0; i < warmup + repetitions; i++)
        {
            var first = i % 2 == 0;
            for (var turn = 0; turn < 2; turn++)
            {
                var runMeasured = first == (turn == 0);
                var ms = await TimeAsync(runMeasured ? measured : baseline);
                if (between is not null) await between();
                if (i >= warmup) (runMeasured ? m : b).Add(ms);
            }
        }
        return (m, b);
    }
}

public static class Format
{
    public static string Ms(double ms) => ms switch
    {
        double.NaN => "-",
        >= 10_000 => $"{ms / 1000:F1} s",
        >= 1_000 => $"{ms / 1000:F2} s",
        >= 100 => $"{ms:F0} ms",
        >= 10 => $"{ms:F1} ms",
        _ => $"{ms:F2} ms",
    };
}
