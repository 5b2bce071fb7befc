using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.DealStrategy;

/// <summary>Watches deals that stall, slip or move back, and the ones about to close; predicts each open deal's chance of winning.</summary>
public sealed class DealStrategyAgent : AgentModule
{
    public const string CloseDateSlipping = "deal_close_date_slipping";

    public override string Name => AgentNames.DealStrategy;
    public override string OwnerRole => Roles.SalesManager;

    public override IReadOnlyList<TriggerDefinition> Triggers { get; } =
    [
        new(TriggerTypes.DealDecay, AgentNames.DealStrategy, RecordType.Deal, "An open deal with no activity for a while."),
        new(TriggerTypes.DealRegressed, AgentNames.DealStrategy, RecordType.Deal, "An open deal moved back a stage."),
        new(TriggerTypes.OpportunityHot, AgentNames.DealStrategy, RecordType.Deal, "A likely deal (by its win probability) expected to close within days."),
        new(CloseDateSlipping, AgentNames.DealStrategy, RecordType.Deal, "A deal still being worked whose expected close date has passed."),
    ];

    public override IReadOnlyList<string> Actions { get; } =
        ["schedule_follow_up", "update_deal_close_date", "create_activity", "update_deal_stage", "assign_owner", "add_note"];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        AgentSetting.Days("deal_decay_days", s => s.DealDecayDays, (s, v) => s.DealDecayDays = v, 1, 180) with { Bounds = (TriggerTypes.DealDecay, "days_without_activity") },
        AgentSetting.Days("deal_regressed_within_days", s => s.DealRegressedWithinDays, (s, v) => s.DealRegressedWithinDays = v, 1, 365),
        AgentSetting.Percent("hot_probability", s => s.HotProbability, (s, v) => s.HotProbability = v, 1, 100),
        AgentSetting.Days("hot_within_days", s => s.HotWithinDays, (s, v) => s.HotWithinDays = v, 1, 90),
        AgentSetting.Days("deal_slipping_days", s => s.DealSlippingDays, (s, v) => s.DealSlippingDays = v, 1, 90) with { Bounds = (CloseDateSlipping, "days_overdue") },
        new("deal_win_min_outcomes", "deals", 30, 100_000, s => s.DealWinMinOutcomes, (s, v) => s.DealWinMinOutcomes = v),
    ];

    public override Prediction.IPrediction Prediction => WinProbability.WinProbabilityPrediction.Instance;
}
