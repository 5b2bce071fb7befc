namespace Autonomus.Core.Tenancy;

/// <summary>A tenant context set explicitly: background jobs, the seeder, tests.</summary>
public sealed class FixedTenantContext(Guid? tenantId, Guid? userId = null) : ITenantContext
{
    public Guid? TenantId { get; } = tenantId;
    public Guid? UserId { get; } = userId;
}
