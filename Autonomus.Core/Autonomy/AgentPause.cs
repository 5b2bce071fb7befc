using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Autonomy;

/// <summary>
/// An agent an Admin paused for the organisation: while the row exists the agent detects nothing, proposes nothing and
/// nothing of its is applied (checked inside each of those transactions, like the kill switch). Resuming removes it; both
/// are on the ledger.
/// </summary>
public sealed class AgentPause : ITenantOwned
{
    private AgentPause() { }

    public AgentPause(Guid tenantId, string agent, string reason, Guid pausedBy, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new InputInvalid(new Dictionary<string, string[]> { ["reason"] = ["Say why you pause this agent: it goes on the ledger."] });
        (TenantId, Agent, Reason, PausedBy, PausedAt) = (tenantId, agent, reason.Trim(), pausedBy, at);
    }

    public Guid TenantId { get; set; }
    public string Agent { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public Guid PausedBy { get; private set; }
    public DateTimeOffset PausedAt { get; private set; }
}
