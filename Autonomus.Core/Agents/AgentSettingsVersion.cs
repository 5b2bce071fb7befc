using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents;

/// <summary>
/// One version of an agent's settings for the organisation: every value after the change, who made it and why. Versions
/// are only added; version 0 (no row) is the defaults. The current values themselves are on the settings row the
/// detectors read.
/// </summary>
public sealed class AgentSettingsVersion : ITenantOwned
{
    private AgentSettingsVersion() { }

    public AgentSettingsVersion(Guid tenantId, string agent, int version, string values, string reason, Guid changedBy, string changedByName, DateTimeOffset changedAt) =>
        (TenantId, Agent, Version, Values, Reason, ChangedBy, ChangedByName, ChangedAt) = (tenantId, agent, version, values, reason, changedBy, changedByName, changedAt);

    public Guid TenantId { get; set; }
    public string Agent { get; private set; } = "";
    public int Version { get; private set; }
    /// <summary>Every setting of the agent after this change, as a JSON object of key → value.</summary>
    public string Values { get; private set; } = "{}";
    public string Reason { get; private set; } = "";
    public Guid ChangedBy { get; private set; }
    public string ChangedByName { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }
}
