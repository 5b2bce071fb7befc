using Autonomus.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// How an agent's action has done with people over the last <see cref="WindowDays"/> days: decisions and what they taught
/// (<see cref="Outcomes"/>), the lower bound of its acceptance, shadow precision (of the suggestions the policy would have
/// applied on its own, the share a person accepted as proposed), and undos in the last seven days.
/// </summary>
public sealed record ActionRecord(string Agent, string Action, int Decisions, decimal Accepted, int ShadowDecided, int ShadowAccepted,
    int UndosLastWeek, int AutoApplied)
{
    public const int WindowDays = 90;

    public decimal Acceptance => Decisions == 0 ? 0 : Math.Round(Accepted / Decisions, 4);
    public decimal LowerBound => AcceptanceBound.LowerBound(Accepted, Decisions);
    /// <summary>Null until a person has decided a suggestion the policy would have applied.</summary>
    public decimal? ShadowPrecision => ShadowDecided == 0 ? null : Math.Round((decimal)ShadowAccepted / ShadowDecided, 4);

    private static readonly string Query = $$"""
        SELECT agent, tool AS action,
               count({{Outcomes.Sql("{1}")}})::int AS decisions,
               coalesce(sum({{Outcomes.Sql("{1}")}}), 0) AS accepted,
               count(*) FILTER (WHERE shadow_auto_apply AND {{Outcomes.HumanDecisionSql}})::int AS shadow_decided,
               count(*) FILTER (WHERE shadow_auto_apply AND {{Outcomes.HumanDecisionSql}} AND status = 'Applied' AND edited_payload IS NULL)::int AS shadow_accepted,
               count(*) FILTER (WHERE status = 'Undone' AND undone_at > {2})::int AS undos_last_week,
               count(*) FILTER (WHERE applied_by_policy IS NOT NULL AND status IN ('Applied', 'Undone'))::int AS auto_applied
        FROM suggestions
        WHERE tenant_id = {0} AND created_at >= {3}
        GROUP BY agent, tool
        """;

    /// <summary>Every agent × action of the organisation in one GROUP BY over its suggestions.</summary>
    public static async Task<IReadOnlyList<ActionRecord>> LoadAsync(ICrmDb db, Guid tenantId, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<ActionRecord>(Query, tenantId, now, now.AddDays(-7), now.AddDays(-WindowDays)).ToListAsync(ct);
}
