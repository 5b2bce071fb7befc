using System.Security.Claims;
using Autonomus.Core.Tenancy;

namespace Autonomus.Web.Tenancy;

/// <summary>
/// The tenant of the signed-in user, per request or per Blazor circuit. HTTP requests set it from the
/// cookie's principal (<see cref="TenantContextMiddleware"/>); circuits from their authentication state
/// (<see cref="TenantCircuitHandler"/>), because a circuit has no HttpContext.
/// </summary>
public sealed class CurrentUserTenantContext : ITenantContext, ISignInTenant
{
    private ClaimsPrincipal? _user;

    public Guid? TenantId { get; private set; }
    public Guid? UserId { get; private set; }
    public Guid? ApiKeyId { get; private set; }
    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();
    public string Team { get; private set; } = "";

    public void SetUser(ClaimsPrincipal? user)
    {
        _user = user;
        TenantId = Parse(user?.FindFirstValue(TenantClaimTypes.TenantId));
        UserId = Parse(user?.FindFirstValue(ClaimTypes.NameIdentifier));
        ApiKeyId = Parse(user?.FindFirstValue(Authentication.ApiKeyAuthentication.KeyIdClaim));
        Roles = user?.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet() ?? [];
        Team = user?.FindFirstValue(TenantClaimTypes.Team) ?? "";
        // Resolved once per principal, not on every time a page renders.
        TimeZone = user?.FindFirstValue(TenantClaimTypes.TimeZone) is { } zoneId && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)
            ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>For background work: the tenant's own machinery, no user (not limited by roles).</summary>
    public void RunAsSystem(Guid tenantId)
    {
        _user = null;
        TenantId = tenantId;
        UserId = null;
        ApiKeyId = null;
        Roles = new HashSet<string>();
        Team = "";
        TimeZone = TimeZoneInfo.Utc;
    }

    /// <summary>
    /// For the anonymous steps that learn the tenant from a credential before anyone is signed in (sign-in, a refresh
    /// token): the identity tables of that tenant become readable; nobody is signed in and no role is held.
    /// </summary>
    public void UseTenantBeforeSignIn(Guid tenantId)
    {
        if (_user?.Identity?.IsAuthenticated == true || TenantId is { } set && set != tenantId)
            throw new InvalidOperationException("This scope already has its tenant.");
        RunAsSystem(tenantId);
    }

    /// <summary>The zone the console shows this person's times in: the organisation's (UTC for background work).</summary>
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    public string? DisplayName => _user?.FindFirstValue(TenantClaimTypes.DisplayName);

    private static Guid? Parse(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
