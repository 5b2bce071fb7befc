using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// What a policy would have done over the last <see cref="Days"/> days: of the action's suggestions, how many it would have
/// applied on its own, and of those how many people in fact accepted as proposed, edited, rejected, let expire or undid.
/// Writes nothing.
/// </summary>
public sealed record DryRunResult(string Agent, string Action, int Days, int Considered, int WouldApply, int Accepted, int Edited,
    int Rejected, int Expired, int Undone, int StillOpen, string? Refusal)
{
    /// <summary>Of what it would have applied, the share people accepted as proposed (null when it would apply nothing).</summary>
    public decimal? Precision => WouldApply == 0 ? null : Math.Round((decimal)Accepted / WouldApply, 4);
}

public sealed class PolicyDryRun(ICrmDbFactory dbFactory, ITenantContext tenant, RecordAccess access, ToolCatalogue tools, TimeProvider clock)
{
    public const int Days = 30;

    // The gate in SQL, row by row over the window: confidence floor (calibrated when it was), quiet hours at the moment the
    // suggestion was made in the organisation's time zone, then the caps in the order they would have been used (per clock
    // hour, per local day, per record per local day: the apply counts rolling windows, so this is close, not exact).

    public async Task<DryRunResult> RunAsync(string agent, string action, PolicyRules rules, CancellationToken ct = default)
    {
        // A dry run writes nothing: whoever reads how autonomy is doing may run one.
        if (!access.CanSeeDashboards) throw new AccessDenied("Admins, sales managers and Auditors read the autonomy policies.");
        var tenantId = tenant.TenantId ?? throw new AccessDenied("No organisation.");
        ManagePolicies.EnsureKnown(tools, agent, action);
        await using var db = await dbFactory.OpenAsync(ct);
        var zone = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZone).SingleAsync(ct);
        return await RunAsync(db, tenantId, zone, agent, action, tools.GetMutation(action).Risk, rules, clock.GetUtcNow(), ct);
    }

    internal static async Task<DryRunResult> RunAsync(ICrmDb db, Guid tenantId, string zone, string agent, string action, ToolRisk risk,
        PolicyRules rules, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-Days);
        zone = PolicyGate.IanaId(zone);
        // Mode and risk do not depend on the suggestion: when they refuse, nothing would have applied.
        var refusal = PolicyGate.Evaluate(rules with { ConfidenceFloor = null, QuietFrom = null, QuietTo = null }, risk, 1m, now, TimeZoneInfo.Utc);
        var counts = await db.Database.SqlQuery<Counts>($"""
            WITH candidates AS (
                SELECT status, applied_by_policy, edited_payload, undo_until, record_id, created_at,
                       coalesce(calibrated_confidence, confidence) AS confidence,
                       (created_at AT TIME ZONE {zone})::time AS local_time, (created_at AT TIME ZONE {zone})::date AS local_day
                FROM suggestions
                WHERE tenant_id = {tenantId} AND agent = {agent} AND tool = {action} AND created_at >= {since} AND status <> 'Superseded'
            ), passing AS (
                SELECT c.*,
                       row_number() OVER (PARTITION BY date_trunc('hour', created_at) ORDER BY created_at) AS nth_in_hour,
                       row_number() OVER (PARTITION BY local_day ORDER BY created_at) AS nth_in_day,
                       row_number() OVER (PARTITION BY record_id, local_day ORDER BY created_at) AS nth_for_record
                FROM candidates c
                WHERE {refusal == GateVerdict.Apply}
                  AND confidence >= {rules.ConfidenceFloor ?? 0m}
                  AND NOT ({rules.QuietFrom.HasValue} AND CASE WHEN {rules.QuietFrom ?? TimeOnly.MinValue} < {rules.QuietTo ?? TimeOnly.MinValue}
                      THEN local_time >= {rules.QuietFrom ?? TimeOnly.MinValue} AND local_time < {rules.QuietTo ?? TimeOnly.MinValue}
                      ELSE local_time >= {rules.QuietFrom ?? TimeOnly.MinValue} OR local_time < {rules.QuietTo ?? TimeOnly.MinValue} END)
            )
            SELECT (SELECT count(*) FROM candidates)::int AS considered,
                   count(*)::int AS would_apply,
                   count(*) FILTER (WHERE status = 'Applied' AND edited_payload IS NULL AND (applied_by_policy IS NULL OR undo_until IS NULL OR undo_until <= {now}))::int AS accepted,
                   count(*) FILTER (WHERE status = 'Applied' AND applied_by_policy IS NULL AND edited_payload IS NOT NULL)::int AS edited,
                   count(*) FILTER (WHERE status = 'Rejected')::int AS rejected,
                   count(*) FILTER (WHERE status = 'Expired')::int AS expired,
                   count(*) FILTER (WHERE status = 'Undone')::int AS undone,
                   count(*) FILTER (WHERE status IN ('Pending', 'Approved', 'Failed') OR (status = 'Applied' AND applied_by_policy IS NOT NULL AND undo_until > {now}))::int AS still_open
            FROM passing
            WHERE nth_in_hour <= {rules.MaxPerHour ?? int.MaxValue} AND nth_in_day <= {rules.MaxPerDay ?? int.MaxValue}
              AND nth_for_record <= {rules.MaxPerRecordPerDay ?? int.MaxValue}
            """).SingleAsync(ct);
        return new DryRunResult(agent, action, Days, counts.Considered, counts.WouldApply, counts.Accepted, counts.Edited, counts.Rejected,
            counts.Expired, counts.Undone, counts.StillOpen, refusal == GateVerdict.Apply ? null : refusal.ToString());
    }

    private sealed record Counts(int Considered, int WouldApply, int Accepted, int Edited, int Rejected, int Expired, int Undone, int StillOpen);
}
