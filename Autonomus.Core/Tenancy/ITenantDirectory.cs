namespace Autonomus.Core.Tenancy;

/// <summary>
/// The few questions asked before a tenant is known, answered by the database's narrow sign-in path (functions that
/// return a tenant id and nothing else): with no tenant set, the runtime role reads no identity data at all.
/// </summary>
public interface ITenantDirectory
{
    /// <summary>The tenant of the account with this normalized email or user name (Identity's upper-cased form), if any.</summary>
    Task<Guid?> TenantOfLoginAsync(string normalizedLogin, CancellationToken ct = default);

    /// <summary>The tenant of a user id taken from a sign-in cookie (the two-factor step, stamp checks), if any.</summary>
    Task<Guid?> TenantOfUserAsync(Guid userId, CancellationToken ct = default);

    /// <summary>Every tenant, for scheduled work that visits each in turn.</summary>
    Task<IReadOnlyList<Guid>> AllTenantsAsync(CancellationToken ct = default);
}

/// <summary>A scope whose tenant is learned during sign-in (the web request's context); see <see cref="ITenantDirectory"/>.</summary>
public interface ISignInTenant
{
    Guid? TenantId { get; }

    void UseTenantBeforeSignIn(Guid tenantId);
}
