using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.CustomerRisk;

/// <summary>
/// Accounts whose completed activity (on the account, its deals and its contacts) fell in the last window
/// compared with the one before, and which lost a deal recently. Aggregated in one statement.
/// </summary>
public sealed class AccountRiskDetector : SqlTriggerDetector
{
    public override string TriggerType => TriggerTypes.AccountRisk;
    protected override RecordType RecordType => RecordType.Account;

    public override string CandidatesSql => """
        SELECT a.id AS record_id,
               jsonb_build_object('activities_recent', coalesce(k.recent, 0), 'activities_previous', k.previous,
                                  'deals_lost', l.lost, 'last_lost_at', l.last_lost_at, 'window_days', @window) AS context,
               l.last_lost_at AS sort_key
        FROM accounts a
        JOIN (SELECT account_id, count(*) AS lost, max(closed_at) AS last_lost_at
              FROM deals WHERE tenant_id = @tenant AND stage = 'ClosedLost' AND closed_at >= @lost_since
              GROUP BY account_id) l ON l.account_id = a.id
        JOIN (SELECT coalesce(acc.id, d.account_id, ct.account_id) AS account_id,
                     count(*) FILTER (WHERE x.completed_at >= @recent_since) AS recent,
                     count(*) FILTER (WHERE x.completed_at < @recent_since) AS previous
              FROM activities x
              LEFT JOIN accounts acc ON x.related_type = 'Account' AND acc.id = x.related_id
              LEFT JOIN deals d ON x.related_type = 'Deal' AND d.id = x.related_id
              LEFT JOIN contacts ct ON x.related_type = 'Contact' AND ct.id = x.related_id
              WHERE x.tenant_id = @tenant AND x.completed_at >= @previous_since
              GROUP BY 1) k ON k.account_id = a.id
        WHERE a.tenant_id = @tenant AND a.archived_at IS NULL AND k.recent < k.previous
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
    [
        new("window", s.AccountRiskWindowDays),
        new("recent_since", now.AddDays(-s.AccountRiskWindowDays)),
        new("previous_since", now.AddDays(-2 * s.AccountRiskWindowDays)),
        new("lost_since", now.AddDays(-s.AccountRiskLostWithinDays)),
    ];
}
