using Autonomus.Core.Agents.DealStrategy;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.DealStrategy;

/// <summary>
/// Open deals still being worked (an activity within the decay threshold) whose expected close date passed at least the
/// slipping threshold ago (default 3 days): the forecast counts them in a month they did not close in. A quiet deal past
/// its date is deal_decay's.
/// </summary>
public sealed class CloseDateSlippingDetector : SqlTriggerDetector
{
    public override string TriggerType => DealStrategyAgent.CloseDateSlipping;
    protected override RecordType RecordType => RecordType.Deal;

    public override string CandidatesSql => """
        SELECT d.id AS record_id,
               jsonb_build_object('days_overdue', @today - d.expected_close_date, 'expected_close_date', d.expected_close_date,
                                  'stage', d.stage, 'win_probability', d.win_probability, 'last_activity_at', d.last_activity_at,
                                  'threshold_days', @days) AS context,
               d.expected_close_date AS sort_key
        FROM deals d
        WHERE d.tenant_id = @tenant AND d.archived_at IS NULL AND d.stage NOT IN ('ClosedWon', 'ClosedLost')
          AND d.expected_close_date <= @latest AND coalesce(d.last_activity_at, d.created_at) >= @worked
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [new("today", today), new("latest", today.AddDays(-s.DealSlippingDays)), new("days", s.DealSlippingDays), new("worked", now.AddDays(-s.DealDecayDays))];
    }
}
