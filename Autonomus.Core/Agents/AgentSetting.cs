using Autonomus.Core.Policies;

namespace Autonomus.Core.Agents;

/// <summary>
/// A threshold an Admin may tune for an agent, kept on the organisation's settings row (which the detectors read under the
/// kill switch's lock) and bounded so a typo cannot silence or flood the agent. Every change is a new version
/// (<see cref="AgentSettingsVersion"/>) and a ledger entry.
/// </summary>
public sealed record AgentSetting(string Key, string Unit, int Min, int Max, Func<AutonomySettings, int> Read, Action<AutonomySettings, int> Write)
{
    /// <summary>For a threshold: the condition it bounds and the fact in that condition's context it is compared with.</summary>
    public (string TriggerType, string Fact)? Bounds { get; init; }

    private static readonly AutonomySettings Defaults = new(Guid.Empty);

    public int Default => Read(Defaults);

    public bool Allows(int value) => value >= Min && value <= Max;

    public static AgentSetting Days(string key, Func<AutonomySettings, int> read, Action<AutonomySettings, int> write, int min, int max) =>
        new(key, "days", min, max, read, write);

    public static AgentSetting Percent(string key, Func<AutonomySettings, int> read, Action<AutonomySettings, int> write, int min = 1, int max = 100) =>
        new(key, "percent", min, max, read, write);
}
