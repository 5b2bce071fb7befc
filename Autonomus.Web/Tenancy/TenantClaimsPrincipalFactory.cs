using System.Security.Claims;
using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Tenancy;

/// <summary>Puts tenant, display name and team on the sign-in cookie so that no request needs a lookup to know them.</summary>
internal sealed class TenantClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, AutonomusDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var tenant = await db.Tenants.FindAsync(user.TenantId);
        identity.AddClaim(new Claim(TenantClaimTypes.TenantId, user.TenantId.ToString()));
        identity.AddClaim(new Claim(TenantClaimTypes.TenantName, tenant?.Name ?? ""));
        identity.AddClaim(new Claim(TenantClaimTypes.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(TenantClaimTypes.Team, user.Team));
        identity.AddClaim(new Claim(TenantClaimTypes.MfaEnrolled, user.TwoFactorEnabled ? "true" : "false"));
        return identity;
    }
}
