using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Alerts;

/// <summary>
/// Finds the tenant's suggestions pending longer than its review SLA that nobody was alerted about yet, marks
/// them, and alerts the reviewers who can see them (one alert per owning team). One statement: the marking and the
/// alerts commit together, so each breach is announced exactly once, whichever node runs the job.
/// </summary>
public sealed class WatchReviewSla(ICrmDbFactory dbFactory, ITenantContext tenant, TimeProvider clock)
{
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("No tenant.");
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.OpenAsync(ct);
        // Not composed (ToList, not Single): EF would wrap it in a sub-select, where a data-modifying WITH is not allowed.
        var announced = await db.Database.SqlQuery<int>($"""
            WITH limits AS (
                SELECT coalesce((SELECT review_sla_hours FROM autonomy_settings WHERE tenant_id = {tenantId}), 24) AS hours
            ), breached AS (
                UPDATE suggestions s SET sla_alerted_at = {now}
                FROM limits
                WHERE s.tenant_id = {tenantId} AND s.status = 'Pending' AND s.sla_alerted_at IS NULL
                  AND s.created_at < {now} - make_interval(hours => limits.hours)
                  AND (s.deferred_until IS NULL OR s.deferred_until <= {now}) -- a reviewer put it off on purpose
                RETURNING s.tenant_id, s.record_type, s.record_id, s.created_at, limits.hours
            ), per_team AS (
                SELECT record_owner_team(tenant_id, record_type, record_id) AS team, count(*)::int AS n, min(created_at) AS oldest, min(hours) AS hours
                FROM breached GROUP BY 1
            )
            SELECT coalesce(sum(n), 0)::int AS "Value" FROM (
                SELECT n, alert_notify(jsonb_build_object(
                    'kind', {AlertKinds.SlaBreach}, 'tenant', {tenantId}, 'team', team, 'count', n,
                    'reason', format('pending for more than %s hours', hours), 'at', oldest))
                FROM per_team) sent
            """).ToListAsync(ct);
        return announced.Single();
    }
}
