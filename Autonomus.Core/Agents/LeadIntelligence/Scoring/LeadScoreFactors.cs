using System.Text.Json;

namespace Autonomus.Core.Agents.LeadIntelligence.Scoring;

/// <summary>One reason a lead scores as it does, in words the page renders: "source Referral", "6+ activities", "no first touch within 2 days".</summary>
/// <param name="Factor">source, activities, fast_response, phone, email, company, meetings</param>
/// <param name="Value">The lead's value of it ("Referral", "6+", "yes"/"no").</param>
/// <param name="Lift">How much it moves the odds in this organisation's history (log odds ratio; positive raises).</param>
public sealed record ScoreFactor(string Factor, string Value, double Lift);

/// <summary>
/// The words behind a score: from the training outcomes, how much each value of each factor moves the odds of converting
/// (a smoothed log odds ratio against the base rate); a lead's top three are its factors with the largest moves. Kept
/// with the model, so the explanation always matches the model that scored.
/// </summary>
public sealed class LeadScoreFactors
{
    public Dictionary<string, Dictionary<string, double>> Lifts { get; init; } = [];

    public static LeadScoreFactors Learn(IReadOnlyList<LeadFeatureRow> rows)
    {
        var basePositives = rows.Count(r => r.Label) + 1.0;
        var baseNegatives = rows.Count(r => !r.Label) + 1.0;
        var lifts = new Dictionary<string, Dictionary<string, double>>();
        foreach (var (factor, value) in Extractors)
            lifts[factor] = rows.GroupBy(value).ToDictionary(g => g.Key, g =>
                Math.Log((g.Count(r => r.Label) + 1.0) / (g.Count(r => !r.Label) + 1.0)) - Math.Log(basePositives / baseNegatives));
        return new LeadScoreFactors { Lifts = lifts };
    }

    public IReadOnlyList<ScoreFactor> Top(LeadFeatureRow lead, int count = 3) =>
        Extractors.Select(e => (e.Factor, Value: e.Value(lead)))
            .Select(x => new ScoreFactor(x.Factor, x.Value, Math.Round(Lifts.GetValueOrDefault(x.Factor)?.GetValueOrDefault(x.Value) ?? 0, 3)))
            .Where(f => f.Lift != 0).OrderByDescending(f => Math.Abs(f.Lift)).Take(count).ToList();

    public string ToJson() => JsonSerializer.Serialize(this);

    public static LeadScoreFactors FromJson(string json) => JsonSerializer.Deserialize<LeadScoreFactors>(json) ?? new LeadScoreFactors();

    private static readonly (string Factor, Func<LeadFeatureRow, string> Value)[] Extractors =
    [
        ("source", r => r.Source),
        ("activities", r => r.Activities switch { 0 => "0", <= 2 => "1-2", <= 5 => "3-5", _ => "6+" }),
        ("fast_response", r => r.FastResponse > 0 ? "yes" : "no"),
        ("meetings", r => r.Meetings > 0 ? "yes" : "no"),
        ("phone", r => r.HasPhone > 0 ? "yes" : "no"),
        ("email", r => r.HasEmail > 0 ? "yes" : "no"),
    ];
}
