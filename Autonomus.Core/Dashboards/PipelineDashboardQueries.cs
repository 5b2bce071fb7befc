using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Dashboards;

/// <summary>
/// Pipeline, closed deals and leads for one tenant and range: one aggregate query per widget, all grouping in SQL.
/// Row-level security already limits every table to the tenant; the queries say <c>tenant_id</c> as well, as the
/// detectors do. The figures are tenant-wide for every role allowed to see them (managers included): they are
/// aggregates, not records.
/// </summary>
public sealed class PipelineDashboardQueries(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext tenant)
{
    private sealed record StageRow(string Stage, string Currency, int Deals, decimal Amount);
    private sealed record ClosedRow(DateOnly Start, string? Currency, int Won, int Lost, decimal? WonAmount, decimal? LostAmount);
    private sealed record LeadRow(bool ByStatus, string Name, int Leads);

    public async Task<PipelineDashboard> LoadAsync(DashboardRange range, CancellationToken ct = default)
    {
        access.EnsureCanSeeDashboards();
        range.EnsureValid();
        var t = tenant.TenantId ?? throw new InvalidOperationException("Dashboards are drawn for one tenant at a time.");
        await using var db = await dbFactory.OpenAsync(ct);

        // Open deals as they stand now (the range does not apply: an open deal has no closing date yet).
        var stages = await db.Database.SqlQuery<StageRow>($"""
            SELECT stage AS stage, currency AS currency, count(*)::int AS deals, sum(amount) AS amount
            FROM deals
            WHERE tenant_id = {t} AND stage IN ('Prospecting', 'Qualification', 'Proposal', 'Negotiation')
            GROUP BY stage, currency
            ORDER BY array_position(ARRAY['Prospecting', 'Qualification', 'Proposal', 'Negotiation'], stage::text), currency
            """).ToListAsync(ct);

        var closed = await ClosedAsync(db, t, range, ct);

        // GROUPING SETS: one scan gives both breakdowns; GROUPING(status) = 0 marks the rows grouped by status.
        var leads = await db.Database.SqlQuery<LeadRow>($"""
            SELECT GROUPING(status) = 0 AS by_status, coalesce(status, source) AS name, count(*)::int AS leads
            FROM leads
            WHERE tenant_id = {t} AND archived_at IS NULL AND created_at >= {range.Start} AND created_at < {range.End}
            GROUP BY GROUPING SETS ((status), (source))
            ORDER BY 1 DESC, 3 DESC, 2
            """).ToListAsync(ct);

        // See LeadFunnel for what each step counts.
        var funnel = await db.Database.SqlQuery<LeadFunnel>($"""
            SELECT count(*)::int AS created,
                   count(*) FILTER (WHERE status IN ('Qualified', 'Converted'))::int AS qualified,
                   count(*) FILTER (WHERE status = 'Converted')::int AS converted
            FROM leads
            WHERE tenant_id = {t} AND archived_at IS NULL AND created_at >= {range.Start} AND created_at < {range.End}
            """).SingleAsync(ct);

        return new PipelineDashboard(range, range.Bucket,
            stages.Select(s => new StageValue(Enum.Parse<DealStage>(s.Stage), s.Currency.Trim(), s.Deals, s.Amount)).ToList(),
            closed.Where(c => c.Currency is null).Select(c => new ClosedDealsInBucket(c.Start, c.Won, c.Lost)).ToList(),
            closed.Where(c => c.Currency is not null)
                .Select(c => new ClosedAmountInBucket(c.Start, c.Currency!.Trim(), c.WonAmount ?? 0, c.LostAmount ?? 0)).ToList(),
            leads.Where(l => l.ByStatus).Select(l => new LeadStatusCount(Enum.Parse<LeadStatus>(l.Name), l.Leads)).ToList(),
            leads.Where(l => !l.ByStatus).Select(l => new LeadSourceCount(Enum.Parse<LeadSource>(l.Name), l.Leads)).ToList(),
            funnel);
    }

    /// <summary>
    /// Deals won and lost by <c>closed_at</c> in the range, per bucket: every bucket of the range appears (zeros
    /// included, so a line chart has no gaps). One query, two grouping sets: per bucket (Currency null: the counts of
    /// all currencies, amounts left null since they cannot be added) and per bucket and currency (the amounts).
    /// </summary>
    private static Task<List<ClosedRow>> ClosedAsync(ICrmDb db, Guid t, DashboardRange range, CancellationToken ct)
    {
        var unit = range.Bucket == TimeBucket.Week ? "week" : "month";
        var step = "1 " + unit;
        return db.Database.SqlQuery<ClosedRow>($"""
            WITH buckets AS (
                SELECT generate_series(date_trunc({unit}, {range.From}::timestamp), {range.To}::timestamp, {step}::interval) AS start
            ), closed AS (
                SELECT date_trunc({unit}, closed_at AT TIME ZONE 'UTC') AS start, stage, currency, amount
                FROM deals
                WHERE tenant_id = {t} AND stage IN ('ClosedWon', 'ClosedLost') AND closed_at >= {range.Start} AND closed_at < {range.End}
            )
            SELECT b.start::date AS start,
                   CASE WHEN GROUPING(c.currency) = 0 THEN c.currency END AS currency,
                   count(*) FILTER (WHERE c.stage = 'ClosedWon')::int AS won,
                   count(*) FILTER (WHERE c.stage = 'ClosedLost')::int AS lost,
                   CASE WHEN GROUPING(c.currency) = 0 THEN coalesce(sum(c.amount) FILTER (WHERE c.stage = 'ClosedWon'), 0) END AS won_amount,
                   CASE WHEN GROUPING(c.currency) = 0 THEN coalesce(sum(c.amount) FILTER (WHERE c.stage = 'ClosedLost'), 0) END AS lost_amount
            FROM buckets b LEFT JOIN closed c ON c.start = b.start
            GROUP BY GROUPING SETS ((b.start), (b.start, c.currency))
            -- An empty bucket yields a (bucket, NULL currency) row in the second set too: keep only its first-set twin.
            HAVING GROUPING(c.currency) = 1 OR c.currency IS NOT NULL
            ORDER BY 1, 2 NULLS FIRST
            """).ToListAsync(ct);
    }
}
