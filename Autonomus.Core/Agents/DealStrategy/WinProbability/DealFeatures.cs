using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Agents.DealStrategy.WinProbability;

/// <summary>
/// The feature rows of an organisation's deals in one set-based statement: the deals with their stage history aggregated
/// once (last open stage, when it was entered, regressions), their activities up to the moment of the row aggregated once,
/// and the average amount of the account's other deals from one window.
/// </summary>
internal static class DealFeatures
{
    private sealed record Row(Guid Id, string Stage, string LastOpenStage, int Probability, double DaysInStage, double AgeDays, int Activities,
        int Calls, int Meetings, int Regressions, double AmountRatio, DateTimeOffset At, int? Stored, int? StoredVersion);

    /// <summary>The closed deals, or the open ones (or the one named, if it is open).</summary>
    public static async Task<List<DealFeatureRow>> LoadAsync(ICrmDb db, Guid tenantId, bool closed, Guid? dealId, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH deal AS (
                SELECT d.id, d.stage, d.probability, d.created_at, d.stage_changed_at, coalesce(d.closed_at, {now}) AS at,
                       d.win_probability, d.win_model_version,
                       d.amount / nullif((sum(d.amount) OVER w - d.amount) / nullif(count(*) OVER w - 1, 0), 0) AS amount_ratio
                FROM deals d
                WHERE d.tenant_id = {tenantId} AND d.archived_at IS NULL
                WINDOW w AS (PARTITION BY d.account_id)),
            moves AS (
                SELECT c.deal_id, count(*) FILTER (WHERE c.is_regression)::int AS regressions,
                       (array_agg(c.to_stage ORDER BY c.changed_at DESC) FILTER (WHERE c.to_stage NOT IN ('ClosedWon', 'ClosedLost')))[1] AS last_open_stage,
                       max(c.changed_at) FILTER (WHERE c.to_stage NOT IN ('ClosedWon', 'ClosedLost')) AS entered_last_open
                FROM deal_stage_changes c WHERE c.tenant_id = {tenantId} GROUP BY c.deal_id),
            acts AS (
                SELECT a.related_id, count(*)::int AS activities, count(*) FILTER (WHERE a.type = 'Call')::int AS calls,
                       count(*) FILTER (WHERE a.type = 'Meeting')::int AS meetings
                FROM activities a JOIN deal ON deal.id = a.related_id
                WHERE a.tenant_id = {tenantId} AND a.related_type = 'Deal' AND a.created_at <= deal.at GROUP BY a.related_id)
            SELECT deal.id, deal.stage, coalesce(m.last_open_stage, deal.stage) AS last_open_stage, deal.probability,
                   (extract(epoch FROM deal.at - coalesce(m.entered_last_open, deal.stage_changed_at)))::float8 / 86400 AS days_in_stage,
                   extract(epoch FROM deal.at - deal.created_at)::float8 / 86400 AS age_days,
                   coalesce(a.activities, 0) AS activities, coalesce(a.calls, 0) AS calls, coalesce(a.meetings, 0) AS meetings,
                   coalesce(m.regressions, 0) AS regressions, coalesce(deal.amount_ratio, 1)::float8 AS amount_ratio, deal.at,
                   deal.win_probability AS stored, deal.win_model_version AS stored_version
            FROM deal
            LEFT JOIN moves m ON m.deal_id = deal.id
            LEFT JOIN acts a ON a.related_id = deal.id
            WHERE ({dealId}::uuid IS NULL OR deal.id = {dealId})
              AND (deal.stage IN ('ClosedWon', 'ClosedLost')) = {closed}
            """).ToListAsync(ct);
        return rows.Select(r => new DealFeatureRow
        {
            Id = r.Id, Label = r.Stage == nameof(DealStage.ClosedWon), Stage = r.LastOpenStage,
            DaysInStage = (float)Math.Max(0, r.DaysInStage), AgeDays = (float)Math.Max(0, r.AgeDays),
            Activities = r.Activities, Calls = r.Calls, Meetings = r.Meetings, Regressions = r.Regressions, AmountRatio = (float)r.AmountRatio,
            HandScore = closed ? Enum.Parse<DealStage>(r.LastOpenStage).DefaultProbability() : r.Probability, At = r.At,
            Stored = r.Stored, StoredVersion = r.StoredVersion,
        }).ToList();
    }
}
