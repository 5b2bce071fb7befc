using Autonomus.Core.Agents.Compliance;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.Compliance;

/// <summary>
/// Activities written or changed within the organisation's scan window whose description may hold personal data (one
/// regular expression over the candidates; the playbook confirms each kind, a card number by Luhn). The context names no
/// value: nothing personal is copied into triggers, suggestions or the ledger.
/// </summary>
public sealed class PersonalDataInNotesDetector : SqlTriggerDetector
{
    public override string TriggerType => ComplianceAgent.PersonalDataInNotes;
    protected override RecordType RecordType => RecordType.Activity;

    public override string CandidatesSql => """
        SELECT a.id AS record_id, jsonb_build_object('field', 'description') AS context, a.updated_at AS sort_key
        FROM activities a
        WHERE a.tenant_id = @tenant AND a.archived_at IS NULL AND a.updated_at >= @since AND a.body ~ @pattern
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("since", now.AddDays(-s.PersonalDataScanDays)), new("pattern", PersonalData.SqlCandidates)];
}
