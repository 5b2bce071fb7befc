using Autonomus.Core.Agents.CustomerRisk;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.CustomerRisk;

/// <summary>Accounts whose latest health score is under the organisation's threshold (default 50), with the reasons in the context.</summary>
public sealed class AccountUnhealthyDetector : SqlTriggerDetector
{
    public override string TriggerType => CustomerRiskAgent.AccountUnhealthy;
    protected override RecordType RecordType => RecordType.Account;

    public override string CandidatesSql => """
        SELECT h.account_id AS record_id, jsonb_build_object('health', h.score, 'reasons', h.reasons) AS context, h.score AS sort_key
        FROM (SELECT DISTINCT ON (account_id) account_id, score, reasons FROM account_health WHERE tenant_id = @tenant ORDER BY account_id, day DESC) h
        JOIN accounts a ON a.id = h.account_id
        WHERE a.tenant_id = @tenant AND a.archived_at IS NULL AND h.score < @threshold
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) => [new("threshold", s.AccountHealthThreshold)];
}
