using Autonomus.Core.Agents;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.CustomerRisk;

/// <summary>Finds accounts and contacts drifting away before they are lost.</summary>
public sealed class CustomerRiskAgent : AgentModule
{
    /// <summary>An account whose health (<see cref="Health.RefreshAccountHealth"/>) is under the threshold.</summary>
    public const string AccountUnhealthy = "account_unhealthy";

    public override string Name => AgentNames.CustomerRisk;
    public override string OwnerRole => Roles.SalesManager;

    public override IReadOnlyList<TriggerDefinition> Triggers { get; } =
    [
        new(TriggerTypes.ContactInactive, AgentNames.CustomerRisk, RecordType.Contact, "A contact nobody has talked to for a long time."),
        new(TriggerTypes.AccountRisk, AgentNames.CustomerRisk, RecordType.Account, "An account whose activity is falling and which lost a deal."),
        new(AccountUnhealthy, AgentNames.CustomerRisk, RecordType.Account, "An account whose health score fell under the threshold."),
    ];

    public override IReadOnlyList<string> Actions { get; } = ["schedule_follow_up", "tag_record", "create_activity", "assign_owner", "add_note"];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        AgentSetting.Days("contact_inactive_days", s => s.ContactInactiveDays, (s, v) => s.ContactInactiveDays = v, 7, 365) with { Bounds = (TriggerTypes.ContactInactive, "days_inactive") },
        AgentSetting.Days("account_risk_window_days", s => s.AccountRiskWindowDays, (s, v) => s.AccountRiskWindowDays = v, 7, 180),
        AgentSetting.Percent("account_health_threshold", s => s.AccountHealthThreshold, (s, v) => s.AccountHealthThreshold = v, 1, 100),
        AgentSetting.Days("account_risk_lost_within_days", s => s.AccountRiskLostWithinDays, (s, v) => s.AccountRiskLostWithinDays = v, 7, 365),
    ];
}
