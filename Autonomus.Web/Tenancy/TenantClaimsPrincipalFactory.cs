using System.Security.Claims;
using Autonomus.Core.Localization;
using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Tenancy;

/// <summary>Puts tenant, display name, team, language, time zone and theme on the sign-in cookie so that no request needs a lookup to know them.</summary>
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
        identity.AddClaim(new Claim(TenantClaimTypes.Culture, user.PreferredCulture ?? tenant?.DefaultCulture ?? UiCultures.English));
        identity.AddClaim(new Claim(TenantClaimTypes.TimeZone, tenant?.TimeZone ?? "UTC"));
        identity.AddClaim(new Claim(TenantClaimTypes.Theme, user.Theme));
        return identity;
    }
}
