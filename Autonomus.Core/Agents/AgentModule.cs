using Autonomus.Core.Triggers;

namespace Autonomus.Core.Agents;

/// <summary>
/// One agent: the conditions it watches (its detectors and playbooks live in its folder, found by type), the actions it
/// may propose, the role whose people review its work and the settings an Admin may tune. Every action starts in suggest
/// (a person reviews it) until a policy says otherwise; its name and description are console texts ("Agent.{name}").
/// </summary>
public abstract class AgentModule
{
    public abstract string Name { get; }
    /// <summary>The role whose people review this agent's suggestions and are told about what it does.</summary>
    public abstract string OwnerRole { get; }
    public abstract IReadOnlyList<TriggerDefinition> Triggers { get; }
    /// <summary>The tools its playbooks (and the model, for its triggers) may propose.</summary>
    public abstract IReadOnlyList<string> Actions { get; }
    public virtual IReadOnlyList<AgentSetting> Settings => [];
    /// <summary>The model it trains on the organisation's own outcomes and writes onto its open records, if it has one.</summary>
    public virtual Prediction.IPrediction? Prediction => null;

    public AgentSetting? Setting(string key) => Settings.FirstOrDefault(s => s.Key == key);
}
