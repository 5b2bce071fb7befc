using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;

namespace Autonomus.Core.Tools;

/// <summary>Everything a tool runs with: one unit of work, the actor and the rules that bind them, and the clock.</summary>
public sealed record ToolContext(ICrmDb Db, RecordAccess Access, ITenantContext Actor, TimeProvider Clock)
{
    public DateTimeOffset Now { get; } = Clock.GetUtcNow();
}
