namespace Autonomus.Core.Agents.AutomationOptimizer;

/// <summary>People's decisions on the conditions raised at one value of a threshold's fact (e.g. 8 days stagnant).</summary>
public sealed record DecisionsAt(int Value, int Accepted, int Rejected);

/// <summary>
/// Whether a threshold should be raised, from the decisions on the conditions it raised: among the values at which at
/// least <see cref="KeepAccepted"/> of the accepted ones would still be raised and most (<see cref="TooEarly"/>) of those
/// raised below were rejected, the one that spares people the most rejections net of the acceptances it gives up (the
/// lowest such value on a tie). Lowering a threshold cannot be judged from decisions (what it does not raise is never
/// decided), so it is never recommended.
/// </summary>
public static class ThresholdAnalysis
{
    public const decimal KeepAccepted = 0.90m;
    public const decimal TooEarly = 0.50m;

    public static (int Proposed, RecommendationEvidence Evidence)? Recommend(IReadOnlyList<DecisionsAt> decisions, int current, int minDecisions)
    {
        // Only what the current threshold still raises counts (history from a lower, earlier threshold does not).
        decisions = decisions.Where(d => d.Value >= current).ToList();
        var total = decisions.Sum(d => d.Accepted + d.Rejected);
        var accepted = decisions.Sum(d => d.Accepted);
        if (total < minDecisions || accepted == 0) return null;
        (int, RecommendationEvidence)? best = null;
        var bestNet = 0;
        foreach (var candidate in decisions.Select(d => d.Value).Where(v => v > current).Distinct().Order())
        {
            var below = decisions.Where(d => d.Value < candidate).ToList();
            var raisedBelow = below.Sum(d => d.Accepted + d.Rejected);
            var kept = (decimal)decisions.Where(d => d.Value >= candidate).Sum(d => d.Accepted) / accepted;
            if (kept < KeepAccepted) break;
            var rejectedBelow = below.Sum(d => d.Rejected);
            var rejected = raisedBelow == 0 ? 0 : (decimal)rejectedBelow / raisedBelow;
            var net = rejectedBelow - below.Sum(d => d.Accepted);
            if (raisedBelow >= minDecisions / 3 && rejected >= TooEarly && net > bestNet)
                (best, bestNet) = ((candidate, new RecommendationEvidence(total, raisedBelow, Math.Round(rejected, 4), Math.Round(kept, 4))), net);
        }
        return best;
    }
}
