using Autonomus.Core.Agents.CustomerRisk;
using Autonomus.Core.Agents.CustomerRisk.Health;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Tools;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents;

/// <summary>
/// Agents acting on each other's results, inside the apply's transaction: what one agent's applied action changes can
/// raise another agent's trigger, carrying the applied suggestion's correlation id (the ledger shows the whole chain under
/// it) and a depth one more than its cause's; past <see cref="MaxDepth"/> nothing more is raised, so agents cannot feed
/// each other for ever. A paused agent is not raised.
/// </summary>
public static class Cooperation
{
    public const int MaxDepth = 3;

    /// <summary>
    /// A lead took over a duplicate's activities (a merge): Lead Intelligence re-scores it now with the model in use, rather
    /// than at its next scoring run. Call after the change is saved (the features read it).
    /// </summary>
    public static Task LeadChangedAsync(ICrmDb db, Guid tenantId, Guid leadId, DateTimeOffset now, CancellationToken ct) =>
        LeadIntelligence.Scoring.LeadScorePrediction.Instance.ScoreAsync(db, tenantId, leadId, now, ct);

    /// <summary>
    /// An account changed in a way its health depends on (a deal lost, a duplicate merged into it): its health is recomputed
    /// now, and if it fell under the organisation's threshold, Customer Risk gets an <c>account_unhealthy</c> trigger.
    /// Call after the change is saved (the health reads it).
    /// </summary>
    public static async Task AccountChangedAsync(ICrmDb db, Guid tenantId, Guid accountId, ApplyCause? cause, DateTimeOffset now, CancellationToken ct)
    {
        await RefreshAccountHealth.ForAsync(db, tenantId, accountId, now, ct);
        if (cause is null) return;
        var depth = 1 + (await db.Database.SqlQuery<int>($"SELECT coalesce((context ->> 'depth')::int, 0) AS value FROM triggers WHERE id = {cause.TriggerId}")
            .ToListAsync(ct)).SingleOrDefault();
        if (depth > MaxDepth || (await ManageAgents.PausedTriggerTypesAsync(db, ct)).Contains(CustomerRiskAgent.AccountUnhealthy)) return;
        var threshold = (await AutonomySettingsReader.ReadAsync(db, tenantId, ct)).AccountHealthThreshold;
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO triggers (id, tenant_id, type, record_type, record_id, context, detected_at, correlation_id)
            SELECT {Guid.CreateVersion7()}, {tenantId}, {CustomerRiskAgent.AccountUnhealthy}, 'Account', h.account_id,
                   jsonb_build_object('health', h.score, 'reasons', h.reasons, 'depth', {depth}, 'caused_by', {cause.TriggerId}), {now}, {cause.CorrelationId}
            FROM account_health h
            WHERE h.tenant_id = {tenantId} AND h.account_id = {accountId} AND h.day = {day} AND h.score < {threshold}
            ON CONFLICT (tenant_id, type, record_type, record_id) WHERE closed_at IS NULL DO NOTHING
            """, ct);
    }
}
