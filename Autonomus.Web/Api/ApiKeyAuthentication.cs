using System.Security.Claims;
using System.Text.Encodings.Web;
using Autonomus.Core.ApiKeys;
using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Api;

/// <summary>
/// Authenticates machines by <c>X-Api-Key</c>. The key names its tenant, so the lookup runs under that
/// tenant's row-level security; the secret is compared by hash in constant time. A read key acts as an
/// Auditor, a read-write key as the Admin who issued it. Every failure is the same bare 401.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    DbContextOptions<AutonomusDbContext> dbOptions, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "autonomus:api_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var header)) return AuthenticateResult.NoResult();
        if (!ApiKeySecret.TryParse(header.ToString(), out var presented)) return AuthenticateResult.Fail("Invalid API key.");

        await using var db = new AutonomusDbContext(dbOptions, new FixedTenantContext(presented.TenantId), clock);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == presented.KeyId, Context.RequestAborted);
        if (key is null || !key.IsActive || !presented.Matches(key.SecretHash)) return AuthenticateResult.Fail("Invalid API key.");
        var issuer = await db.Users.AsNoTracking().Where(u => u.Id == key.CreatedBy)
            .Select(u => new { u.DisplayName, u.Team, u.LockoutEnd }).SingleAsync(Context.RequestAborted);
        if (issuer.LockoutEnd > clock.GetUtcNow()) return AuthenticateResult.Fail("Invalid API key.");

        // "Last used" to the minute is enough, and spares every API request a write.
        if (key.LastUsedAt is not { } last || clock.GetUtcNow() - last > TimeSpan.FromMinutes(1))
        {
            key.MarkUsed(clock.GetUtcNow());
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, key.CreatedBy.ToString()),
            new Claim(ClaimTypes.Name, $"API key {key.Name}"),
            new Claim(ClaimTypes.Role, key.Scope == ApiKeyScope.ReadWrite ? Roles.Admin : Roles.Auditor),
            new Claim(TenantClaimTypes.TenantId, key.TenantId.ToString()),
            new Claim(TenantClaimTypes.DisplayName, $"API key {key.Name} ({issuer.DisplayName})"),
            new Claim(TenantClaimTypes.Team, issuer.Team),
            new Claim(TenantClaimTypes.MfaEnrolled, "true"),
            new Claim(KeyIdClaim, key.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
