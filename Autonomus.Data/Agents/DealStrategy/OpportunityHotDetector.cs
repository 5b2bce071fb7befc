using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.DealStrategy;

/// <summary>
/// Open deals at or above the probability threshold (default 70%) expected to close within days (default 7). The
/// probability is Deal Strategy's predicted win probability where its model has scored the deal, else the one set by hand.
/// </summary>
public sealed class OpportunityHotDetector : SqlTriggerDetector
{
    public override string TriggerType => TriggerTypes.OpportunityHot;
    protected override RecordType RecordType => RecordType.Deal;

    public override string CandidatesSql => """
        SELECT d.id AS record_id,
               jsonb_build_object('probability', coalesce(d.win_probability, d.probability),
                                  'probability_source', CASE WHEN d.win_probability IS NULL THEN 'hand' ELSE 'model' END,
                                  'expected_close_date', d.expected_close_date,
                                  'days_to_close', d.expected_close_date - @today, 'amount', d.amount, 'currency', d.currency,
                                  'stage', d.stage) AS context,
               d.expected_close_date AS sort_key
        FROM deals d
        WHERE d.tenant_id = @tenant AND d.stage NOT IN ('ClosedWon', 'ClosedLost')
          AND coalesce(d.win_probability, d.probability) >= @probability AND d.expected_close_date BETWEEN @today AND @until
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return [new("today", today), new("until", today.AddDays(s.HotWithinDays)), new("probability", s.HotProbability)];
    }
}
