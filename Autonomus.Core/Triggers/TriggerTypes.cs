using Autonomus.Core.Crm;

namespace Autonomus.Core.Triggers;

/// <summary>A condition the trigger engine watches for, and the agent that owns it.</summary>
public sealed record TriggerDefinition(string Type, string Agent, RecordType RecordType, string Description);

public static class TriggerTypes
{
    public const string LeadStagnant = "lead_stagnant";
    public const string DealDecay = "deal_decay";
    public const string DealRegressed = "deal_regressed";
    public const string ActivityOverdue = "activity_overdue";
    public const string OpportunityHot = "opportunity_hot";
    public const string ContactInactive = "contact_inactive";
    public const string AccountRisk = "account_risk";

    public static readonly IReadOnlyList<TriggerDefinition> All =
    [
        new(LeadStagnant, Agents.LeadIntelligence, RecordType.Lead, "An open lead with no activity for a while."),
        new(DealDecay, Agents.DealStrategy, RecordType.Deal, "An open deal with no activity for a while."),
        new(DealRegressed, Agents.DealStrategy, RecordType.Deal, "An open deal moved back a stage."),
        new(ActivityOverdue, Agents.Communication, RecordType.Activity, "An open task or call days past its due date."),
        new(OpportunityHot, Agents.DealStrategy, RecordType.Deal, "A likely deal expected to close within days."),
        new(ContactInactive, Agents.CustomerRisk, RecordType.Contact, "A contact nobody has talked to for a long time."),
        new(AccountRisk, Agents.CustomerRisk, RecordType.Account, "An account whose activity is falling and which lost a deal."),
    ];

    public static TriggerDefinition Get(string type) =>
        All.FirstOrDefault(d => d.Type == type) ?? throw new ArgumentException($"Unknown trigger type '{type}'.", nameof(type));
}

/// <summary>The agents: each owns detectors and playbooks and is measured on its own.</summary>
public static class Agents
{
    public const string LeadIntelligence = "lead_intelligence";
    public const string DealStrategy = "deal_strategy";
    public const string Communication = "communication";
    public const string CustomerRisk = "customer_risk";

    public static readonly IReadOnlyList<string> All = [LeadIntelligence, DealStrategy, Communication, CustomerRisk];
}
