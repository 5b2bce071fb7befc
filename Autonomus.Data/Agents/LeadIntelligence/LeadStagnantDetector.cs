using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Triggers;
using Npgsql;

namespace Autonomus.Data.Agents.LeadIntelligence;

/// <summary>
/// Open leads (New, Contacted, Qualified) with no activity for the tenant's threshold (default 7 days). The context
/// holds the one fact the scan computes, the days without a touch; the lead itself (status, last activity) is read
/// with the batch when proposing. This is the scan the benchmark holds to 1.3× a bare SELECT.
/// </summary>
public sealed class LeadStagnantDetector : SqlTriggerDetector
{
    /// <summary>The predicate, shared with the benchmark's bare SELECT; ix_leads_stagnation serves it.</summary>
    public const string Predicate = "l.tenant_id = @tenant AND l.archived_at IS NULL AND l.status IN ('New', 'Contacted', 'Qualified') AND coalesce(l.last_activity_at, l.created_at) < @cutoff";

    public override string TriggerType => TriggerTypes.LeadStagnant;
    protected override RecordType RecordType => RecordType.Lead;

    public override string CandidatesSql => $"""
        SELECT l.id AS record_id,
               jsonb_build_object('days_stagnant', {Days("coalesce(l.last_activity_at, l.created_at)")}) AS context,
               coalesce(l.last_activity_at, l.created_at) AS sort_key
        FROM leads l
        WHERE {Predicate}
        """;

    public override IEnumerable<NpgsqlParameter> Parameters(AutonomySettings s, DateTimeOffset now) =>
        [new("cutoff", now.AddDays(-s.LeadStagnantDays))];
}
