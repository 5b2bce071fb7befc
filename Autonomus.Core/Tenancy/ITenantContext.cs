namespace Autonomus.Core.Tenancy;

/// <summary>
/// The tenant whose data the current unit of work may see. Null means "no tenant": tenant-owned
/// tables then read as empty and writes are refused.
/// </summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>The signed-in user, when there is one (null for background work and seeding).</summary>
    Guid? UserId { get; }
}
