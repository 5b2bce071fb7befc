using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.CustomerRisk.Health;

/// <summary>
/// Recomputes the health of the organisation's accounts — all of them, or one (after a lost deal or a merge) — in one
/// set-based statement: from 100, up to 30 points for activity falling against the window before (on the account, its
/// contacts and its deals), 15 per deal lost within the window (at most 30), 5 per open activity past due (at most 20),
/// and up to 20 for contacts silent beyond 30 days. The day's row is written or replaced; earlier days stay as history.
/// </summary>
public sealed class RefreshAccountHealth(ICrmDbFactory dbFactory, ITenantContext tenant, TimeProvider clock)
{
    public async Task<int> HandleAsync(CancellationToken ct = default)
    {
        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Health is computed for one organisation at a time.");
        await using var db = await dbFactory.OpenAsync(ct);
        return await ForAsync(db, tenantId, null, clock.GetUtcNow(), ct);
    }

    /// <summary>Inside the caller's transaction: one account (<paramref name="accountId"/>) or every account of the organisation.</summary>
    public static async Task<int> ForAsync(ICrmDb db, Guid tenantId, Guid? accountId, DateTimeOffset now, CancellationToken ct)
    {
        var settings = await AutonomySettingsReader.ReadAsync(db, tenantId, ct);
        var window = settings.AccountRiskWindowDays;
        var (recent, previous, lostSince) = (now.AddDays(-window), now.AddDays(-2 * window), now.AddDays(-settings.AccountRiskLostWithinDays));
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        return await db.Database.ExecuteSqlAsync($"""
            WITH act AS (
                SELECT coalesce(acc.id, d.account_id, ct.account_id) AS account_id,
                       count(*) FILTER (WHERE x.completed_at >= {recent}) AS recent,
                       count(*) FILTER (WHERE x.completed_at < {recent}) AS previous,
                       count(*) FILTER (WHERE x.completed_at IS NULL AND x.due_at < {now}) AS overdue
                FROM activities x
                LEFT JOIN accounts acc ON x.related_type = 'Account' AND acc.id = x.related_id
                LEFT JOIN deals d ON x.related_type = 'Deal' AND d.id = x.related_id
                LEFT JOIN contacts ct ON x.related_type = 'Contact' AND ct.id = x.related_id
                WHERE x.tenant_id = {tenantId} AND (x.completed_at >= {previous} OR (x.completed_at IS NULL AND x.due_at < {now}))
                GROUP BY 1),
            lost AS (
                SELECT account_id, count(*) AS lost FROM deals
                WHERE tenant_id = {tenantId} AND stage = 'ClosedLost' AND closed_at >= {lostSince} GROUP BY account_id),
            silence AS (
                SELECT account_id, floor((date_part('epoch', {now}::timestamptz) - date_part('epoch', max(coalesce(last_activity_at, created_at)))) / 86400)::int AS days
                FROM contacts WHERE tenant_id = {tenantId} AND archived_at IS NULL GROUP BY account_id),
            p AS (
                SELECT a.id,
                       CASE WHEN coalesce(k.previous, 0) > 0 AND coalesce(k.recent, 0) < k.previous
                            THEN least(30, round(30.0 * (k.previous - coalesce(k.recent, 0)) / k.previous))::int ELSE 0 END AS trend,
                       least(30, 15 * coalesce(l.lost, 0))::int AS lost,
                       least(20, 5 * coalesce(k.overdue, 0))::int AS overdue,
                       CASE WHEN s.days > 30 THEN least(20, round((s.days - 30) / 3.0))::int ELSE 0 END AS silence,
                       coalesce(k.recent, 0) AS recent_n, coalesce(k.previous, 0) AS previous_n, coalesce(l.lost, 0) AS lost_n,
                       coalesce(k.overdue, 0) AS overdue_n, s.days AS silence_days
                FROM accounts a
                LEFT JOIN act k ON k.account_id = a.id LEFT JOIN lost l ON l.account_id = a.id LEFT JOIN silence s ON s.account_id = a.id
                WHERE a.tenant_id = {tenantId} AND a.archived_at IS NULL AND ({accountId}::uuid IS NULL OR a.id = {accountId}))
            INSERT INTO account_health (tenant_id, account_id, day, score, reasons)
            SELECT {tenantId}, p.id, {day}, 100 - p.trend - p.lost - p.overdue - p.silence,
                   jsonb_strip_nulls(jsonb_build_object(
                       'activity_trend', CASE WHEN p.trend > 0 THEN jsonb_build_array(p.previous_n, p.recent_n) END,
                       'lost_deals', CASE WHEN p.lost > 0 THEN p.lost_n END,
                       'overdue', CASE WHEN p.overdue > 0 THEN p.overdue_n END,
                       'contact_silence', CASE WHEN p.silence > 0 THEN p.silence_days END))
            FROM p
            ON CONFLICT (tenant_id, account_id, day) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons
            """, ct);
    }
}
