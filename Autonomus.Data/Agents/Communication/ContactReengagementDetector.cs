using Autonomus.Core.Agents.Communication;
using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.Communication;

/// <summary>Contacts with a valid email who have not unsubscribed and have had no activity for the organisation's re-engagement days (default 60).</summary>
public sealed class ContactReengagementDetector : SqlTriggerDetector
{
    public override string TriggerType => CommunicationAgent.ContactReengagement;
    protected override RecordType RecordType => RecordType.Contact;

    public override string CandidatesSql => $"""
        SELECT c.id AS record_id, jsonb_build_object('days_silent', {Days("coalesce(c.last_activity_at, c.created_at)")}) AS context,
               coalesce(c.last_activity_at, c.created_at) AS sort_key
        FROM contacts c
        WHERE c.tenant_id = @tenant AND c.archived_at IS NULL AND NOT c.email_opt_out AND c.email ~ @email
          AND coalesce(c.last_activity_at, c.created_at) < @cutoff
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("cutoff", now.AddDays(-s.ReengagementDays)), new("email", ContactDetails.EmailPattern)];
}
