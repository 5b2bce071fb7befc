using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.LeadIntelligence;

/// <summary>Watches leads going cold: the next contact, or an honest status for one that will not answer.</summary>
public sealed class LeadIntelligenceAgent : AgentModule
{
    public override string Name => AgentNames.LeadIntelligence;
    public override string OwnerRole => Roles.SalesManager;

    public override IReadOnlyList<TriggerDefinition> Triggers { get; } =
    [
        new(TriggerTypes.LeadStagnant, AgentNames.LeadIntelligence, RecordType.Lead, "An open lead with no activity for a while."),
    ];

    public override IReadOnlyList<string> Actions { get; } = ["schedule_follow_up", "update_lead_status", "assign_owner", "create_activity", "add_note"];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        AgentSetting.Days("lead_stagnant_days", s => s.LeadStagnantDays, (s, v) => s.LeadStagnantDays = v, 1, 90) with { Bounds = (TriggerTypes.LeadStagnant, "days_stagnant") },
        new("lead_score_min_outcomes", "leads", 30, 100_000, s => s.LeadScoreMinOutcomes, (s, v) => s.LeadScoreMinOutcomes = v),
    ];
}
