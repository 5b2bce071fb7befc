namespace Autonomus.Core.Alerts;

/// <summary>
/// Folds alerts that arrived together into one per (kind, tenant, team): a commit that saved 40 suggestions row by row
/// announces 40 times, and should read as "40 new suggestions", not 40 toasts.
/// </summary>
public static class AlertCoalescing
{
    public const int MaxItems = 5;

    public static IReadOnlyList<Alert> Coalesce(IReadOnlyList<Alert> alerts)
    {
        var folded = new List<Alert>(alerts.Count);
        foreach (var alert in alerts)
        {
            var into = Countable(alert.Kind)
                ? folded.FindIndex(f => f.Kind == alert.Kind && f.Tenant == alert.Tenant && f.Team == alert.Team)
                : -1;
            if (into < 0)
            {
                folded.Add(alert);
                continue;
            }
            var earlier = folded[into];
            folded[into] = earlier with
            {
                Count = earlier.Count + alert.Count,
                HighCount = earlier.HighCount + alert.HighCount,
                Items = [.. earlier.ItemsOrEmpty.Concat(alert.ItemsOrEmpty).Take(MaxItems)],
                Reason = earlier.Reason ?? alert.Reason,
            };
        }
        return folded;
    }

    private static bool Countable(string kind) =>
        kind is AlertKinds.SuggestionsCreated or AlertKinds.SuggestionsResolved or AlertKinds.ApplyFailed or AlertKinds.SlaBreach;
}
