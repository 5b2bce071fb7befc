using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Dashboards;

/// <summary>
/// The autonomy side of the dashboard: three aggregate queries (a one-row summary, acceptance and failures per agent
/// and tool, rejection reasons), all grouping in SQL. Definitions are on the records in <see cref="AutonomyDashboard"/>.
/// </summary>
public sealed class AutonomyDashboardQueries(ICrmDbFactory dbFactory, RecordAccess access, ITenantContext tenant)
{
    private sealed record SummaryRow(int Triggers, int Suggestions, int Approved, int Applied, int AppliedUnedited, int Failed,
        int Rejected, int Expired, int Superseded, int Open, int Reviewed, double? ReviewMedianSeconds, double? ReviewNinetiethSeconds);
    private sealed record GroupRow(string Dimension, string Name, int Applied, int Failed, int Rejected, double? Rate);
    private sealed record ReasonRow(string? Reason, int Rejections);

    public async Task<AutonomyDashboard> LoadAsync(DashboardRange range, CancellationToken ct = default)
    {
        access.EnsureCanSeeDashboards();
        range.EnsureValid();
        var t = tenant.TenantId ?? throw new InvalidOperationException("Dashboards are drawn for one tenant at a time.");
        await using var db = await dbFactory.OpenAsync(ct);

        // percentile_cont interpolates linearly between the two nearest reviewed values; its FILTER keeps unreviewed ones out.
        var s = await db.Database.SqlQuery<SummaryRow>($"""
            SELECT (SELECT count(*)::int FROM triggers
                    WHERE tenant_id = {t} AND detected_at >= {range.Start} AND detected_at < {range.End}) AS triggers,
                   count(*)::int AS suggestions,
                   count(*) FILTER (WHERE approved_by IS NOT NULL)::int AS approved,
                   count(*) FILTER (WHERE status = 'Applied')::int AS applied,
                   count(*) FILTER (WHERE status = 'Applied' AND edited_payload IS NULL)::int AS applied_unedited,
                   count(*) FILTER (WHERE status = 'Failed')::int AS failed,
                   count(*) FILTER (WHERE status = 'Rejected')::int AS rejected,
                   count(*) FILTER (WHERE status = 'Expired')::int AS expired,
                   count(*) FILTER (WHERE status = 'Superseded')::int AS superseded,
                   count(*) FILTER (WHERE status IN ('Pending', 'Approved'))::int AS open,
                   count(*) FILTER (WHERE reviewed_at IS NOT NULL)::int AS reviewed,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', reviewed_at - created_at))
                       FILTER (WHERE reviewed_at IS NOT NULL) AS review_median_seconds,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY date_part('epoch', reviewed_at - created_at))
                       FILTER (WHERE reviewed_at IS NOT NULL) AS review_ninetieth_seconds
            FROM suggestions
            WHERE tenant_id = {t} AND created_at >= {range.Start} AND created_at < {range.End}
            """).SingleAsync(ct);

        // Only suggestions resolved by a human (see Acceptance); the empty grouping set () is the overall figure, and yields a
        // row (of zeros) even when nothing matched, hence the nullif.
        var groups = await db.Database.SqlQuery<GroupRow>($"""
            SELECT CASE GROUPING(agent, tool) WHEN 1 THEN 'agent' WHEN 2 THEN 'tool' ELSE 'all' END AS dimension,
                   coalesce(agent, tool, '') AS name,
                   count(*) FILTER (WHERE status = 'Applied')::int AS applied,
                   count(*) FILTER (WHERE status = 'Failed')::int AS failed,
                   count(*) FILTER (WHERE status = 'Rejected')::int AS rejected,
                   (count(*) FILTER (WHERE status = 'Applied'))::float8 / nullif(count(*), 0) AS rate
            FROM suggestions
            WHERE tenant_id = {t} AND created_at >= {range.Start} AND created_at < {range.End}
              AND status IN ('Applied', 'Failed', 'Rejected')
            GROUP BY GROUPING SETS ((agent), (tool), ())
            ORDER BY 1, 6 DESC, 2
            """).ToListAsync(ct);

        // Rejection notes are people's words, not aggregates: a manager reads those of their own team's reviewers only.
        var allNotes = access.SeesWholeTenant;
        var (team, me) = (tenant.Team, tenant.UserId ?? Guid.Empty);
        var reasons = await db.Database.SqlQuery<ReasonRow>($"""
            SELECT (array_agg(btrim(review_note) ORDER BY reviewed_at DESC NULLS LAST))[1] AS reason, count(*)::int AS rejections
            FROM suggestions
            WHERE tenant_id = {t} AND created_at >= {range.Start} AND created_at < {range.End} AND status = 'Rejected'
              AND ({allNotes} OR reviewed_by IN (SELECT id FROM users WHERE tenant_id = {t} AND ((team = {team} AND team <> '') OR id = {me})))
            GROUP BY lower(regexp_replace(btrim(coalesce(review_note, '')), '\s+', ' ', 'g'))
            ORDER BY 2 DESC, lower(regexp_replace(btrim(coalesce(review_note, '')), '\s+', ' ', 'g'))
            LIMIT 5
            """).ToListAsync(ct);

        Acceptance Row(GroupRow g) => new(g.Name, g.Applied, g.Failed, g.Rejected, g.Rate);
        var overall = groups.FirstOrDefault(g => g.Dimension == "all") is { } all ? Row(all) : new Acceptance("", 0, 0, 0, null);
        return new AutonomyDashboard(range,
            new AutonomyFunnel(s.Triggers, s.Suggestions, s.Approved, s.Applied, s.Failed, s.Rejected, s.Expired, s.Superseded, s.Open),
            new ReviewTimes(s.Reviewed, Seconds(s.ReviewMedianSeconds), Seconds(s.ReviewNinetiethSeconds)),
            new AutonomyScore(s.Applied, s.AppliedUnedited),
            overall,
            groups.Where(g => g.Dimension == "agent").Select(Row).ToList(),
            groups.Where(g => g.Dimension == "tool").Select(Row).ToList(),
            groups.Where(g => g.Dimension == "tool" && g.Failed > 0).OrderByDescending(g => g.Failed).ThenBy(g => g.Name)
                .Select(g => new ToolFailures(g.Name, g.Failed)).ToList(),
            reasons.Select(r => new RejectionReason(string.IsNullOrEmpty(r.Reason) ? "(no reason given)" : r.Reason, r.Rejections)).ToList());
    }

    private static TimeSpan? Seconds(double? seconds) => seconds is { } v ? TimeSpan.FromSeconds(v) : null;
}
