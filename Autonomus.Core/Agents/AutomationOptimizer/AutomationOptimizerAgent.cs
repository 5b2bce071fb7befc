using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents.AutomationOptimizer;

/// <summary>
/// Watches the other agents rather than the records: from what people decided, it recommends a threshold change or pausing
/// an action nobody accepts. An Admin applies a recommendation (through the settings' or the pause's own versioned path)
/// or dismisses it.
/// </summary>
public sealed class AutomationOptimizerAgent : AgentModule
{
    public override string Name => AgentNames.AutomationOptimizer;
    public override string OwnerRole => Roles.Admin;
    public override IReadOnlyList<TriggerDefinition> Triggers { get; } = [];
    public override IReadOnlyList<string> Actions { get; } = [];

    public override IReadOnlyList<AgentSetting> Settings { get; } =
    [
        new("optimizer_min_decisions", "decisions", 10, 10_000, s => s.OptimizerMinDecisions, (s, v) => s.OptimizerMinDecisions = v),
    ];
}
