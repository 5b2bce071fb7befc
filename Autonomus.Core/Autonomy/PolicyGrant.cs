using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// One policy version's permission to apply its action without a person: the actor every entry it causes names
/// (<c>policy:&lt;agent&gt;/&lt;action&gt;@v&lt;N&gt;</c>), its undo window, and its caps, counted under a transaction lock
/// so that proposers on several nodes never exceed them together.
/// </summary>
public sealed record PolicyGrant(string Agent, string Action, int Version, PolicyRules Rules, TimeSpan? UndoWindow)
{
    public string Name => $"policy:{Agent}/{Action}@v{Version}";

    public LedgerActor Actor => new("policy", null, Name);

    public static PolicyGrant Of(AutonomyPolicy policy, int undoWindowHours) =>
        new(policy.Agent, policy.Action, policy.Version, policy.Rules,
            policy.Mode == PolicyMode.AutoWithUndo ? TimeSpan.FromHours(undoWindowHours) : null);

    public bool HasCaps => Rules is not { MaxPerHour: null, MaxPerDay: null, MaxPerRecordPerDay: null };

    /// <summary>
    /// Why this apply would exceed a cap, or null. The caller holds the transaction lock of this organisation × agent × action
    /// (the Safe Apply Engine takes it with the suggestion's), so concurrent appliers, on any node, count one after another.
    /// </summary>
    public async Task<string?> ExceededCapAsync(ICrmDb db, Suggestion s, DateTimeOffset now, CancellationToken ct)
    {
        if (!HasCaps) return null;
        var hourAgo = now.AddHours(-1);
        var dayAgo = now.AddDays(-1);
        var counts = await db.Database.SqlQuery<CapCounts>($"""
            SELECT count(*) FILTER (WHERE applied_at > {hourAgo})::int AS last_hour,
                   count(*)::int AS last_day,
                   count(*) FILTER (WHERE record_id = {s.RecordId})::int AS record_last_day
            FROM suggestions
            WHERE tenant_id = {s.TenantId} AND agent = {Agent} AND tool = {Action} AND applied_by_policy IS NOT NULL AND applied_at > {dayAgo}
            """).SingleAsync(ct);
        if (Rules.MaxPerHour is { } hour && counts.LastHour >= hour) return $"the cap of {hour} per hour is reached";
        if (Rules.MaxPerDay is { } day && counts.LastDay >= day) return $"the cap of {day} per day is reached";
        if (Rules.MaxPerRecordPerDay is { } record && counts.RecordLastDay >= record) return $"the cap of {record} per record per day is reached";
        return null;
    }

    private sealed record CapCounts(int LastHour, int LastDay, int RecordLastDay);
}
