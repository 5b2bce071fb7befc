namespace Autonomus.Core.Agents;

/// <summary>The agents' names as stored (suggestions, policies, pauses, the ledger); each is a module in <see cref="AgentCatalogue"/>.</summary>
public static class AgentNames
{
    public const string LeadIntelligence = "lead_intelligence";
    public const string DealStrategy = "deal_strategy";
    public const string Communication = "communication";
    public const string CustomerRisk = "customer_risk";
    public const string DataQuality = "data_quality";
    public const string Compliance = "compliance";
    public const string AutomationOptimizer = "automation_optimizer";

    public static IReadOnlyList<string> All => AgentCatalogue.Names;
}
