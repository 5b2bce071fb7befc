using System.Reflection;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents;

/// <summary>
/// The agents, one registration line each. An agent's detectors, playbooks and tools are found in the assemblies by type
/// (<see cref="Implementations{T}"/>), so adding one touches its own folders and the line here.
/// </summary>
public static class AgentCatalogue
{
    public static readonly IReadOnlyList<AgentModule> Modules =
    [
        new LeadIntelligence.LeadIntelligenceAgent(),
        new DealStrategy.DealStrategyAgent(),
        new CustomerRisk.CustomerRiskAgent(),
        new Communication.CommunicationAgent(),
        new DataQuality.DataQualityAgent(),
        new Compliance.ComplianceAgent(),
        new AutomationOptimizer.AutomationOptimizerAgent(),
    ];

    public static readonly IReadOnlyList<string> Names = Modules.Select(m => m.Name).ToList();

    public static readonly IReadOnlyList<TriggerDefinition> Triggers = Modules.SelectMany(m => m.Triggers).ToList();

    /// <summary>The models the agents train (Lead Intelligence's lead score, Deal Strategy's win probability).</summary>
    public static readonly IReadOnlyList<Prediction.IPrediction> Predictions = Modules.Select(m => m.Prediction).OfType<Prediction.IPrediction>().ToList();

    public static AgentModule? Find(string name) => Modules.FirstOrDefault(m => m.Name == name);

    /// <summary>The concrete classes implementing <typeparamref name="T"/> in the assembly, in a stable order.</summary>
    public static IEnumerable<Type> Implementations<T>(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(T).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
}
