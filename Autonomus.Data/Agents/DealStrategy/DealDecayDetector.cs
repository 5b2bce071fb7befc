using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.DealStrategy;

/// <summary>Open deals with no activity for the tenant's threshold (default 14 days).</summary>
public sealed class DealDecayDetector : SqlTriggerDetector
{
    public override string TriggerType => TriggerTypes.DealDecay;
    protected override RecordType RecordType => RecordType.Deal;

    public override string CandidatesSql => $"""
        SELECT d.id AS record_id,
               jsonb_build_object('days_without_activity', {Days("coalesce(d.last_activity_at, d.created_at)")},
                                  'last_activity_at', d.last_activity_at, 'stage', d.stage,
                                  'expected_close_date', d.expected_close_date, 'amount', d.amount, 'currency', d.currency,
                                  'threshold_days', @days) AS context,
               coalesce(d.last_activity_at, d.created_at) AS sort_key
        FROM deals d
        WHERE d.tenant_id = @tenant AND d.stage NOT IN ('ClosedWon', 'ClosedLost')
          AND coalesce(d.last_activity_at, d.created_at) < @cutoff
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("cutoff", now.AddDays(-s.DealDecayDays)), new("days", s.DealDecayDays)];
}
