using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Tools;

/// <summary>Everything a tool runs with: one unit of work, the actor and the rules that bind them, and the clock.</summary>
public sealed record ToolContext(ICrmDb Db, RecordAccess Access, ITenantContext Actor, TimeProvider Clock)
{
    public DateTimeOffset Now { get; } = Clock.GetUtcNow();

    /// <summary>When a suggestion is being applied: its trigger and correlation id, for what the action raises in turn (cooperation).</summary>
    public ApplyCause? Cause { get; init; }
}

/// <summary>The suggestion an action is applied for: another agent's trigger it raises carries the same correlation id.</summary>
public sealed record ApplyCause(Guid TriggerId, Guid CorrelationId);
