using System.Text.Json;

namespace Autonomus.Core.Agents.Prediction;

/// <summary>One reason a record scores as it does, in words the page renders: "source Referral", "6+ activities", "moved back a stage".</summary>
/// <param name="Factor">The factor's name (source, activities, regressions…); the console words it.</param>
/// <param name="Value">The record's value of it ("Referral", "6+", "yes"/"no").</param>
/// <param name="Lift">How much it moves the odds in this organisation's history (log odds ratio; positive raises).</param>
public sealed record ScoreFactor(string Factor, string Value, double Lift)
{
    /// <summary>The factors as a record stores them (a JSON list), or null.</summary>
    public static IReadOnlyList<ScoreFactor>? ListFrom(string? json) => json is null ? null : JsonSerializer.Deserialize<List<ScoreFactor>>(json);
}

/// <summary>A factor a prediction explains itself with: its name and a record's value of it, in a few buckets.</summary>
public sealed record FactorExtractor<TRow>(string Factor, Func<TRow, string> Value);

/// <summary>
/// The words behind a score: from the training outcomes, how much each value of each factor moves the odds of the good
/// outcome (a smoothed log odds ratio against the base rate); a record's top three are its factors with the largest
/// moves. Kept with the model, so the explanation always matches the model that scored.
/// </summary>
public sealed class OutcomeFactors
{
    public Dictionary<string, Dictionary<string, double>> Lifts { get; init; } = [];

    public static OutcomeFactors Learn<TRow>(IReadOnlyList<TRow> rows, IReadOnlyList<FactorExtractor<TRow>> extractors) where TRow : IOutcomeRow
    {
        var basePositives = rows.Count(r => r.Label) + 1.0;
        var baseNegatives = rows.Count(r => !r.Label) + 1.0;
        var lifts = new Dictionary<string, Dictionary<string, double>>();
        foreach (var e in extractors)
            lifts[e.Factor] = rows.GroupBy(e.Value).ToDictionary(g => g.Key, g =>
                Math.Log((g.Count(r => r.Label) + 1.0) / (g.Count(r => !r.Label) + 1.0)) - Math.Log(basePositives / baseNegatives));
        return new OutcomeFactors { Lifts = lifts };
    }

    public IReadOnlyList<ScoreFactor> Top<TRow>(TRow row, IReadOnlyList<FactorExtractor<TRow>> extractors, int count = 3) =>
        extractors.Select(e => (e.Factor, Value: e.Value(row)))
            .Select(x => new ScoreFactor(x.Factor, x.Value, Math.Round(Lifts.GetValueOrDefault(x.Factor)?.GetValueOrDefault(x.Value) ?? 0, 3)))
            .Where(f => f.Lift != 0).OrderByDescending(f => Math.Abs(f.Lift)).Take(count).ToList();

    public string ToJson() => JsonSerializer.Serialize(this);

    public static OutcomeFactors FromJson(string json) => JsonSerializer.Deserialize<OutcomeFactors>(json) ?? new OutcomeFactors();
}
