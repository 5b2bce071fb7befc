using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.LeadIntelligence;

/// <summary>
/// Watches leads going cold (the next contact, or an honest status for one that will not answer), scores every open lead
/// with the organisation's own model, and puts the hot ones nobody is working at the top of the queue.
/// </summary>
public sealed class LeadIntelligenceAgent : AgentModule
{
    /// <summary>A lead the model scores hot that nobody has touched for a couple of days.</summary>
    public const string HotUnworked = "lead_hot_unworked";
    /// <summary>A new lead its owner never touched: the least loaded sales rep of the owner's team could take it.</summary>
    public const string UntouchedByOwner = "lead_untouched_by_owner";

    public override string Name => AgentNames.LeadIntelligence;
    public override string OwnerRole => Roles.SalesManager;

    public override IReadOnlyList<TriggerDefinition> Triggers { get; } =
    [
        new(TriggerTypes.LeadStagnant, AgentNames.LeadIntelligence, RecordType.Lead, "An open lead with no activity for a while."),
        new(HotUnworked, AgentNames.LeadIntelligence, RecordType.Lead, "An open lead the model scores hot that nobody has touched for two days."),
        new(UntouchedByOwner, AgentNames.LeadIntelligence, RecordType.Lead, "A new lead its owner has not touched since it was assigned, with a less loaded rep on the team."),
    ];

    public override IReadOnlyList<string> Actions { get; } = ["schedule_follow_up", "update_lead_status", "assign_owner", "create_activity", "add_note"];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        AgentSetting.Days("lead_stagnant_days", s => s.LeadStagnantDays, (s, v) => s.LeadStagnantDays = v, 1, 90) with { Bounds = (TriggerTypes.LeadStagnant, "days_stagnant") },
        AgentSetting.Percent("lead_hot_score", s => s.LeadHotScore, (s, v) => s.LeadHotScore = v, 1, 100),
        AgentSetting.Days("lead_hot_untouched_days", s => s.LeadHotUntouchedDays, (s, v) => s.LeadHotUntouchedDays = v, 1, 30) with { Bounds = (HotUnworked, "days_untouched") },
        AgentSetting.Days("lead_reassign_days", s => s.LeadReassignDays, (s, v) => s.LeadReassignDays = v, 1, 60) with { Bounds = (UntouchedByOwner, "days_untouched") },
        new("lead_score_min_outcomes", "leads", 30, 100_000, s => s.LeadScoreMinOutcomes, (s, v) => s.LeadScoreMinOutcomes = v),
    ];

    public override Prediction.IPrediction Prediction => Scoring.LeadScorePrediction.Instance;
}
