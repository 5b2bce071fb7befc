using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.DealStrategy;

/// <summary>
/// Open deals that moved back a stage recently and still sit in the stage they fell to. The stage-move event
/// raises these at once; the scan catches moves made while the machinery was off.
/// </summary>
public sealed class DealRegressedDetector : SqlTriggerDetector
{
    public override string TriggerType => TriggerTypes.DealRegressed;
    protected override RecordType RecordType => RecordType.Deal;

    public override string CandidatesSql => """
        SELECT DISTINCT ON (c.deal_id) c.deal_id AS record_id,
               jsonb_build_object('stage_before', c.from_stage, 'stage_after', c.to_stage, 'changed_at', c.changed_at,
                                  'changed_by', c.changed_by, 'amount', d.amount, 'currency', d.currency) AS context,
               c.changed_at AS sort_key
        FROM deal_stage_changes c
        JOIN deals d ON d.id = c.deal_id AND d.tenant_id = c.tenant_id
        WHERE c.tenant_id = @tenant AND c.is_regression AND c.changed_at >= @since
          AND d.stage = c.to_stage AND d.stage NOT IN ('ClosedWon', 'ClosedLost')
        ORDER BY c.deal_id, c.changed_at DESC
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("since", now.AddDays(-s.DealRegressedWithinDays))];
}
