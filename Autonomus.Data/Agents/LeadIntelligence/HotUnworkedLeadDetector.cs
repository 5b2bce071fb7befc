using Autonomus.Core.Agents.LeadIntelligence;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.LeadIntelligence;

/// <summary>Open leads the model scores at least the organisation's hot score (70) that nobody has touched for its days (2), hottest first.</summary>
public sealed class HotUnworkedLeadDetector : SqlTriggerDetector
{
    public override string TriggerType => LeadIntelligenceAgent.HotUnworked;
    protected override RecordType RecordType => RecordType.Lead;

    public override string CandidatesSql => $"""
        SELECT l.id AS record_id,
               jsonb_build_object('predicted_score', l.predicted_score, 'days_untouched', {Days("coalesce(l.last_activity_at, l.created_at)")}) AS context,
               -l.predicted_score AS sort_key
        FROM leads l
        WHERE l.tenant_id = @tenant AND l.archived_at IS NULL AND l.status IN ('New', 'Contacted', 'Qualified')
          AND l.predicted_score >= @hot AND coalesce(l.last_activity_at, l.created_at) < @cutoff
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("hot", s.LeadHotScore), new("cutoff", now.AddDays(-s.LeadHotUntouchedDays))];
}
