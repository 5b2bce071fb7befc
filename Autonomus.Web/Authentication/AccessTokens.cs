using System.Security.Claims;
using Autonomus.Core.Sessions;
using Autonomus.Core.Tenancy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Autonomus.Web.Authentication;

/// <summary>
/// Signed JWT access tokens (ES256, <c>kid</c> in the header): issuer, audience, tenant, user, roles, team and a hash
/// of the user's security stamp. The token carries no secret of its own; what it claims is checked by signature and,
/// for the stamp, against the database (<see cref="SessionStamps"/>).
/// </summary>
public sealed class AccessTokens(JwtKeyRing keys, IOptions<JwtSettings> settings, TimeProvider clock)
{
    public const string TenantClaim = "tid";
    public const string StampClaim = "sst";
    public const string TeamClaim = "team";
    /// <summary>The stamp hash on the app's own principal, for checks after authentication (the hub's revocation sweep).</summary>
    public const string PrincipalStampClaim = "autonomus:sst";

    public sealed record Issued(string Token, DateTimeOffset ExpiresAt);

    public Issued Issue(AppUser user, IEnumerable<string> roles)
    {
        var now = clock.GetUtcNow();
        var expires = now + settings.Value.AccessTokenLifetime;
        var identity = new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString()),
            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new Claim(TenantClaim, user.TenantId.ToString()),
            new Claim("name", user.DisplayName),
            new Claim(TeamClaim, user.Team),
            new Claim(StampClaim, SecurityStampHash.Of(user.SecurityStamp)),
            .. roles.Select(r => new Claim("role", r)),
        ]);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Value.Issuer,
            Audience = settings.Value.Audience,
            Subject = identity,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.SigningCredentials,
        });
        return new Issued(token, expires);
    }

    /// <summary>The app's principal for a validated token: the same claim types a console sign-in carries.</summary>
    public static ClaimsPrincipal? ToPrincipal(ClaimsPrincipal token, out Guid tenantId, out Guid userId, out string? stamp)
    {
        stamp = token.FindFirstValue(StampClaim);
        tenantId = userId = Guid.Empty;
        if (!Guid.TryParse(token.FindFirstValue(TenantClaim), out tenantId) || !Guid.TryParse(token.FindFirstValue(JwtRegisteredClaimNames.Sub), out userId) || stamp is null)
            return null;
        var name = token.FindFirstValue("name") ?? "";
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
            new Claim(ClaimTypes.Name, name),
            new Claim(TenantClaimTypes.TenantId, tenantId.ToString()),
            new Claim(TenantClaimTypes.DisplayName, name),
            new Claim(TenantClaimTypes.Team, token.FindFirstValue(TeamClaim) ?? ""),
            new Claim(TenantClaimTypes.MfaEnrolled, "true"), // tokens are issued only after password and code
            new Claim(PrincipalStampClaim, stamp),
            .. token.FindAll("role").Select(r => new Claim(ClaimTypes.Role, r.Value)),
        ], JwtSetup.Scheme);
        return new ClaimsPrincipal(identity);
    }
}
