using Autonomus.Core.Agents.LeadIntelligence;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.LeadIntelligence;

/// <summary>
/// New leads never touched by their owner since they were created (the organisation's days, default 5), each with the
/// sales rep of the owner's team who has the fewest open leads (not the owner, not locked out): the open-lead counts are
/// one GROUP BY, the choice one small lateral over the team's reps.
/// </summary>
public sealed class LeadUntouchedByOwnerDetector : SqlTriggerDetector
{
    public override string TriggerType => LeadIntelligenceAgent.UntouchedByOwner;
    protected override RecordType RecordType => RecordType.Lead;

    public override string CandidatesSql => $"""
        SELECT l.id AS record_id,
               jsonb_build_object('days_untouched', {Days("l.created_at")}, 'candidate_id', c.id, 'candidate_name', c.display_name, 'candidate_open', c.open_leads) AS context,
               l.created_at AS sort_key
        FROM leads l
        JOIN users o ON o.id = l.owner_id
        CROSS JOIN LATERAL (
            SELECT u.id, u.display_name, coalesce(load.n, 0) AS open_leads
            FROM users u
            JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id AND r.name = 'SalesRep'
            LEFT JOIN (SELECT owner_id, count(*) AS n FROM leads
                       WHERE tenant_id = @tenant AND archived_at IS NULL AND status IN ('New', 'Contacted', 'Qualified') GROUP BY owner_id) load ON load.owner_id = u.id
            WHERE u.tenant_id = @tenant AND u.team = o.team AND u.team <> '' AND u.id <> o.id AND (u.lockout_end IS NULL OR u.lockout_end < @now)
            ORDER BY coalesce(load.n, 0), u.id
            LIMIT 1) c
        WHERE l.tenant_id = @tenant AND l.archived_at IS NULL AND l.status = 'New' AND l.last_activity_at IS NULL AND l.created_at < @cutoff
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) => [new("cutoff", now.AddDays(-s.LeadReassignDays))];
}
