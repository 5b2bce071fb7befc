using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Agents;

/// <summary>
/// An agent, or one action of it, an Admin paused for the organisation. A paused agent detects nothing, proposes nothing
/// and nothing of its is applied; a paused action is not proposed and none of its suggestions is applied, by a person or
/// a policy. Both are checked inside those transactions, like the kill switch. Resuming removes the row; both are on the
/// ledger.
/// </summary>
public sealed class AgentPause : ITenantOwned
{
    /// <summary>The <see cref="Action"/> of a pause of the whole agent.</summary>
    public const string WholeAgent = "";

    private AgentPause() { }

    public AgentPause(Guid tenantId, string agent, string action, string reason, Guid pausedBy, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new InputInvalid(new Dictionary<string, string[]> { ["reason"] = ["Say why you pause this agent: it goes on the ledger."] });
        (TenantId, Agent, Action, Reason, PausedBy, PausedAt) = (tenantId, agent, action, reason.Trim(), pausedBy, at);
    }

    public Guid TenantId { get; set; }
    public string Agent { get; private set; } = "";
    /// <summary>The paused tool ("schedule_follow_up"), or <see cref="WholeAgent"/>.</summary>
    public string Action { get; private set; } = WholeAgent;
    public string Reason { get; private set; } = "";
    public Guid PausedBy { get; private set; }
    public DateTimeOffset PausedAt { get; private set; }

    public bool IsWholeAgent => Action == WholeAgent;
}
