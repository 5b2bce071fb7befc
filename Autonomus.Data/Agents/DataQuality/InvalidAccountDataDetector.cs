using Autonomus.Core.Agents.DataQuality;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.DataQuality;

/// <summary>
/// An account's first problem: a RUT whose check digit does not match its body (the database's <c>rut_check_digit</c>,
/// the rule of <see cref="Rut"/>), or a phone not in E.164 once its spacing is set aside.
/// </summary>
public sealed class InvalidAccountDataDetector : SqlTriggerDetector
{
    public override string TriggerType => DataQualityAgent.InvalidAccountData;
    protected override RecordType RecordType => RecordType.Account;

    public override string CandidatesSql => """
        SELECT a.id AS record_id, jsonb_build_object('field', x.field, 'value', x.value, 'problem', x.problem) AS context, a.created_at AS sort_key
        FROM accounts a
        CROSS JOIN LATERAL (
            SELECT 'rut' AS field, a.rut AS value, 'rut_check_digit' AS problem
            WHERE a.rut IS NOT NULL AND right(a.rut, 1) <> rut_check_digit(split_part(a.rut, '-', 1))
            UNION ALL
            SELECT 'phone', a.phone, 'not_e164' WHERE a.phone IS NOT NULL AND regexp_replace(a.phone, @separators, '', 'g') !~ @e164
            LIMIT 1) x
        WHERE a.tenant_id = @tenant AND a.archived_at IS NULL
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("e164", ContactDetails.E164Pattern), new("separators", ContactDetails.PhoneSeparators)];
}
