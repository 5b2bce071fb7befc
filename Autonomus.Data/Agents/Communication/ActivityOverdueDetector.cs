using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.Communication;

/// <summary>Open calls, emails, meetings and tasks past due by the tenant's threshold (default 3 days).</summary>
public sealed class ActivityOverdueDetector : SqlTriggerDetector
{
    public override string TriggerType => TriggerTypes.ActivityOverdue;
    protected override RecordType RecordType => RecordType.Activity;

    public override string CandidatesSql => $"""
        SELECT a.id AS record_id,
               jsonb_build_object('days_overdue', {Days("a.due_at")}, 'due_at', a.due_at, 'activity_type', a.type,
                                  'subject', a.subject, 'related_type', a.related_type, 'related_id', a.related_id,
                                  'threshold_days', @days) AS context,
               a.due_at AS sort_key
        FROM activities a
        WHERE a.tenant_id = @tenant AND a.completed_at IS NULL AND a.due_at < @cutoff
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("cutoff", now.AddDays(-s.ActivityOverdueDays)), new("days", s.ActivityOverdueDays)];
}
