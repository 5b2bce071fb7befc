using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.DataQuality;

/// <summary>
/// A lead's or contact's first problem with how to reach them: an email that is not one, a phone not in E.164 once its
/// spacing is set aside, or neither an email nor a phone. The patterns are <see cref="ContactDetails"/>'s.
/// </summary>
public abstract class InvalidDataDetector : SqlTriggerDetector
{
    protected abstract string Table { get; }

    public override string CandidatesSql => $"""
        SELECT r.id AS record_id, jsonb_build_object('field', x.field, 'value', x.value, 'problem', x.problem) AS context, r.created_at AS sort_key
        FROM {Table} r
        CROSS JOIN LATERAL (
            SELECT 'email' AS field, r.email AS value, 'invalid_email' AS problem WHERE r.email IS NOT NULL AND r.email !~ @email
            UNION ALL
            SELECT 'phone', r.phone, 'not_e164' WHERE r.phone IS NOT NULL AND regexp_replace(r.phone, @separators, '', 'g') !~ @e164
            UNION ALL
            SELECT 'email', NULL, 'unreachable' WHERE r.email IS NULL AND r.phone IS NULL
            LIMIT 1) x
        WHERE r.tenant_id = @tenant AND r.archived_at IS NULL
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("email", ContactDetails.EmailPattern), new("e164", ContactDetails.E164Pattern), new("separators", ContactDetails.PhoneSeparators)];
}

public sealed class InvalidContactDataDetector : InvalidDataDetector
{
    public override string TriggerType => DataQualityAgent.InvalidContactData;
    protected override RecordType RecordType => RecordType.Contact;
    protected override string Table => "contacts";
}

public sealed class InvalidLeadDataDetector : InvalidDataDetector
{
    public override string TriggerType => DataQualityAgent.InvalidLeadData;
    protected override RecordType RecordType => RecordType.Lead;
    protected override string Table => "leads";
}
