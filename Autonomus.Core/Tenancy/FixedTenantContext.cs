namespace Autonomus.Core.Tenancy;

/// <summary>A tenant context set explicitly: background jobs and the seeder (no user: the system), tests.</summary>
public sealed class FixedTenantContext(Guid? tenantId, Guid? userId = null, IEnumerable<string>? roles = null, string team = "", string? displayName = null, Guid? apiKeyId = null) : ITenantContext
{
    public Guid? TenantId { get; } = tenantId;
    public Guid? UserId { get; } = userId;
    public IReadOnlySet<string> Roles { get; } = new HashSet<string>(roles ?? []);
    public string Team { get; } = team;
    public string? DisplayName { get; } = displayName;
    public Guid? ApiKeyId { get; } = apiKeyId;
}
