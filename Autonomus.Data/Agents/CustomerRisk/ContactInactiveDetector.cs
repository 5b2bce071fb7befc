using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.CustomerRisk;

/// <summary>Contacts nobody has touched for the tenant's threshold (default 30 days).</summary>
public sealed class ContactInactiveDetector : SqlTriggerDetector
{
    public override string TriggerType => TriggerTypes.ContactInactive;
    protected override RecordType RecordType => RecordType.Contact;

    public override string CandidatesSql => $"""
        SELECT c.id AS record_id,
               jsonb_build_object('days_inactive', {Days("coalesce(c.last_activity_at, c.created_at)")},
                                  'last_activity_at', c.last_activity_at, 'threshold_days', @days) AS context,
               coalesce(c.last_activity_at, c.created_at) AS sort_key
        FROM contacts c
        WHERE c.tenant_id = @tenant AND c.archived_at IS NULL AND coalesce(c.last_activity_at, c.created_at) < @cutoff
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("cutoff", now.AddDays(-s.ContactInactiveDays)), new("days", s.ContactInactiveDays)];
}
