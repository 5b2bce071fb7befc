using Autonomus.Core.Alerts;
using Autonomus.Core.Crm;
using Autonomus.Core.Ledger;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Autonomus.Core.Agents.Compliance.Access;

/// <summary>
/// Compliance &amp; Security's watch on who reads how much. Adds the organisation's drained counts to its daily rows (one
/// UPSERT), then, unless the agent is paused, finds in one statement the people and API keys shown far more records today
/// than their baseline — at least <c>unusual_access_floor</c> records and more than <c>unusual_access_multiple</c> times
/// their daily average over the 28 days before (no history counts as an average of zero) — and reports each once a day:
/// a ledger entry (who, how many, the baseline) and an alert to the Admins.
/// </summary>
public sealed class WatchDataAccess(ICrmDbFactory dbFactory, ITenantContext tenant, LedgerWriter ledger, TimeProvider clock, ILogger<WatchDataAccess> logger)
{
    public const int BaselineDays = 28;

    private sealed record Unusual(string ActorType, Guid ActorId, int Records, double Average, int Days, string? Name);

    public async Task<int> HandleAsync(IReadOnlyList<DataAccessCount> counts, CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Data access is watched for one organisation at a time.");
        var mine = counts.Where(c => c.TenantId == tenantId).ToList();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var db = await dbFactory.OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (mine.Count > 0)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO data_access_days (tenant_id, actor_type, actor_id, day, records)
                SELECT {tenantId}, u.actor_type, u.actor_id, u.day, u.records
                FROM unnest({mine.Select(c => c.ActorType).ToArray()}, {mine.Select(c => c.ActorId).ToArray()}, {mine.Select(c => c.Day).ToArray()},
                            {mine.Select(c => c.Records).ToArray()}) AS u(actor_type, actor_id, day, records)
                ON CONFLICT (tenant_id, day, actor_type, actor_id) DO UPDATE SET records = data_access_days.records + excluded.records
                """, ct);

        var paused = await ManageAgents.IsPausedAsync(db, AgentNames.Compliance, ct);
        var unusual = paused ? [] : await FindAsync(db, tenantId, today, now, ct);
        foreach (var u in unusual)
        {
            await ledger.AppendAsync(db, tenantId,
            [
                new LedgerDraft(LedgerKinds.UnusualDataAccess, "agent", null, AgentNames.Compliance, u.ActorType, u.ActorId, Guid.CreateVersion7(),
                    CanonicalJson.Serialize(new { actor_type = u.ActorType, actor = u.Name, records = u.Records, day = today, baseline_average = Math.Round(u.Average, 1), baseline_days = u.Days })),
            ], ct);
            await AlertNotifier.NotifyAsync(db, new Alert(AlertKinds.UnusualDataAccess, tenantId, Count: u.Records, By: u.Name ?? u.ActorType,
                Reason: Math.Round(u.Average).ToString(System.Globalization.CultureInfo.InvariantCulture), At: now), ct);
            logger.LogWarning("Unusual data access in tenant {Tenant}: {ActorType} {ActorId} shown {Records} records today (baseline {Average:F0}/day)",
                tenantId, u.ActorType, u.ActorId, u.Records, u.Average);
        }
        await tx.CommitAsync(ct);
        return unusual.Count;
    }

    private static async Task<List<Unusual>> FindAsync(ICrmDb db, Guid tenantId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        return await db.Database.SqlQuery<Unusual>($"""
            WITH baseline AS (
                SELECT actor_type, actor_id, sum(records)::float8 / {BaselineDays} AS average, count(*)::int AS days
                FROM data_access_days
                WHERE tenant_id = {tenantId} AND day >= {today.AddDays(-BaselineDays)} AND day < {today}
                GROUP BY actor_type, actor_id)
            UPDATE data_access_days d SET reported_at = {now}
            FROM data_access_days t LEFT JOIN baseline b ON (b.actor_type, b.actor_id) = (t.actor_type, t.actor_id)
            WHERE t.tenant_id = {tenantId} AND t.day = {today} AND t.reported_at IS NULL
              AND t.records >= {settings.UnusualAccessFloor} AND t.records > {settings.UnusualAccessMultiple} * coalesce(b.average, 0)
              AND (d.tenant_id, d.day, d.actor_type, d.actor_id) = (t.tenant_id, t.day, t.actor_type, t.actor_id)
            RETURNING d.actor_type, d.actor_id, d.records, coalesce(b.average, 0) AS average, coalesce(b.days, 0) AS days,
                      CASE d.actor_type WHEN 'user' THEN (SELECT u.display_name FROM users u WHERE u.id = d.actor_id)
                                        ELSE (SELECT k.name FROM api_keys k WHERE k.id = d.actor_id) END AS name
            """).ToListAsync(ct);
    }
}
