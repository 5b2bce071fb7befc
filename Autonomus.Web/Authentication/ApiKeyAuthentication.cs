using System.Security.Claims;
using System.Text.Encodings.Web;
using Autonomus.Core.ApiKeys;
using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Autonomus.Web.Authentication;

/// <summary>
/// Authenticates machines by <c>X-Api-Key</c>. The key names its tenant, so the lookup runs under that tenant's
/// row-level security; the secret is compared by hash in constant time. The key is a principal of its own,
/// <c>apikey:&lt;name&gt;</c>: a read key acts as an Auditor (it never writes), a read-write key with an Admin's
/// reach over CRM records. Its issuer is kept for audit only, so a person's lockout never stops an integration.
/// Every failure is the same bare 401.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    DbContextOptions<AutonomusDbContext> dbOptions, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "autonomus:api_key";
    public const string IssuerClaim = "autonomus:api_key_issuer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Credentials.ApiKeyHeader, out var header)) return AuthenticateResult.NoResult();
        if (!TenantScopedSecret.TryParse(ApiKeyAdministration.ApiKeyPrefix, header.ToString(), out var presented))
            return AuthenticateResult.Fail("Invalid API key.");

        var now = clock.GetUtcNow();
        await using var db = new AutonomusDbContext(dbOptions, new FixedTenantContext(presented.TenantId), clock);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == presented.Id, Context.RequestAborted);
        if (key is null || !key.IsUsableAt(now) || !presented.Matches(key.SecretHash)) return AuthenticateResult.Fail("Invalid API key.");

        // "Last used" to the minute is enough, and spares every API request a write.
        if (key.LastUsedAt is not { } last || now - last > TimeSpan.FromMinutes(1))
        {
            key.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, key.PrincipalName),
            new Claim(ClaimTypes.Role, key.Scope == ApiKeyScope.ReadWrite ? Roles.Admin : Roles.Auditor),
            new Claim(TenantClaimTypes.TenantId, key.TenantId.ToString()),
            new Claim(TenantClaimTypes.DisplayName, key.PrincipalName),
            new Claim(TenantClaimTypes.Team, ""),
            new Claim(TenantClaimTypes.MfaEnrolled, "true"),
            new Claim(KeyIdClaim, key.Id.ToString()),
            new Claim(IssuerClaim, key.CreatedBy.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
