using Autonomus.Core.Crm;

namespace Autonomus.Core.Triggers;

/// <summary>
/// A condition the trigger engine watches for, and the agent that owns it (of one kind of record, or null for any). A
/// condition <paramref name="RequestedByPerson"/> is not detected: a person raises it (a restore asked for from a record's
/// history), and it goes through the same proposal, policy and review path as the detected ones.
/// </summary>
public sealed record TriggerDefinition(string Type, string Agent, RecordType? RecordType, string Description, bool RequestedByPerson = false);

public static class TriggerTypes
{
    public const string LeadStagnant = "lead_stagnant";
    public const string DealDecay = "deal_decay";
    public const string DealRegressed = "deal_regressed";
    public const string ActivityOverdue = "activity_overdue";
    public const string OpportunityHot = "opportunity_hot";
    public const string ContactInactive = "contact_inactive";
    public const string AccountRisk = "account_risk";

    /// <summary>Every agent's conditions, in the catalogue's order (each agent module declares its own).</summary>
    public static IReadOnlyList<TriggerDefinition> All => Agents.AgentCatalogue.Triggers;

    /// <summary>The conditions detectors look for (each has one detector and one playbook).</summary>
    public static IEnumerable<TriggerDefinition> Detected => All.Where(d => !d.RequestedByPerson);

    public static TriggerDefinition Get(string type) =>
        All.FirstOrDefault(d => d.Type == type) ?? throw new ArgumentException($"Unknown trigger type '{type}'.", nameof(type));
}
