using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Leads;
using Autonomus.Core.Ledger;
using Autonomus.Core.Sessions;
using Autonomus.Core.Tenancy;
using Autonomus.Data.Seeding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>4b, 4c. Authenticating an API request with an ES256 JWT and the stamp check against the previous data-protected bearer ticket.</summary>
public sealed class AuthenticationBenchmark(BenchSettings s)
{
    // Authentication takes microseconds: each sample times a batch, so the clock's resolution does not matter. The
    // token handler's many small methods take the tiered JIT about two seconds to settle (with 5 warm-up batches the
    // JWT's samples fell from 22 to 15.5 ms over the run): about 100 batches of warm-up, for both, before any is recorded.
    private const int AuthBatch = 200, AuthWarmup = 100, AuthRepetitions = 100;
    private const int GetWarmup = 500, GetRepetitions = 500;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var tenantId = DemoTenants.Andes.Id;
        Guid adminId;
        string adminName;
        Guid[] leads;
        await using (var conn = new NpgsqlConnection(s.OwnerConnection))
        {
            await conn.OpenAsync();
            adminId = await BenchDatabase.ScalarAsync<Guid>(conn, "SELECT id FROM users WHERE email = 'admin@andes.demo'");
            adminName = await BenchDatabase.ScalarAsync<string>(conn, "SELECT display_name FROM users WHERE id = @id", ("id", adminId));
            // A different lead of the million for every GET, so that they do not all read the same warm row.
            await using var cmd = new NpgsqlCommand("SELECT id FROM leads WHERE tenant_id = @t ORDER BY random() LIMIT @n", conn);
            cmd.Parameters.AddWithValue("t", tenantId);
            cmd.Parameters.AddWithValue("n", GetWarmup + GetRepetitions);
            var ids = new List<Guid>();
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
            leads = [.. ids];
        }
        string[] roles = [Roles.Admin, Roles.SalesManager]; // two role claims: what counts is the token's size, not which roles
        var stamp = SecurityStampHash.Of(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var now = DateTimeOffset.UtcNow;

        // The new scheme, as AccessTokens issues and JwtSetup validates: ES256, kid, the app's claims and parameters.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = /* as JwtKeyRing names a key */ Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var jwt = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "autonomus", Audience = "autonomus-api", IssuedAt = now.UtcDateTime, NotBefore = now.UtcDateTime, Expires = now.AddMinutes(10).UtcDateTime,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, adminId.ToString()), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
                new Claim("tid", tenantId.ToString()), new Claim("name", adminName), new Claim("team", ""), new Claim("sst", stamp),
                .. roles.Select(r => new Claim("role", r)),
            ]),
        });
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "autonomus", ValidAudience = "autonomus-api", ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true, RequireSignedTokens = true,
            // Lazily, a new key object per validation: that is what JwtKeyRing.ValidationKeys hands the handler.
            IssuerSigningKeys = new[] { key }.Select(k => new ECDsaSecurityKey(k) { KeyId = kid }),
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var at = DateTime.UtcNow;
                return expires is { } e && at < e && (notBefore is not { } nb || at >= nb);
            },
        };
        using var cache = new MemoryCache(new MemoryCacheOptions());
        // A hit, as for every request but one per user and StampCheck interval.
        cache.Set(("stamp", tenantId, adminId), stamp, TimeSpan.FromHours(1));
        async Task Jwt()
        {
            for (var i = 0; i < AuthBatch; i++)
            {
                // JwtBearerHandler clones the parameters per request; then the app's OnTokenValidated maps the claims and checks the stamp.
                var result = await handler.ValidateTokenAsync(jwt, parameters.Clone());
                if (!result.IsValid) throw new InvalidOperationException("The JWT did not validate.", result.Exception);
                var token = new ClaimsPrincipal(result.ClaimsIdentity);
                var sst = token.FindFirst("sst")?.Value;
                if (!Guid.TryParse(token.FindFirst("tid")?.Value, out var tid) || !Guid.TryParse(token.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var sub))
                    throw new InvalidOperationException("The JWT lacks its tenant or user.");
                var name = token.FindFirst("name")?.Value ?? "";
                _ = new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, sub.ToString()), new Claim(ClaimTypes.Name, name), new Claim(TenantClaimTypes.TenantId, tid.ToString()),
                    new Claim(TenantClaimTypes.DisplayName, name), new Claim(TenantClaimTypes.Team, token.FindFirst("team")?.Value ?? ""),
                    new Claim(TenantClaimTypes.MfaEnrolled, "true"), new Claim("autonomus:sst", sst ?? ""),
                    .. token.FindAll("role").Select(r => new Claim(ClaimTypes.Role, r.Value)),
                ], "Bearer"));
                var current = await cache.GetOrCreateAsync(("stamp", tid, sub), _ => Task.FromException<string?>(new InvalidOperationException("The stamp cache missed.")));
                if (!SecurityStampHash.Same(current, sst)) throw new InvalidOperationException("The stamp did not match.");
            }
        }

        // The previous scheme: Identity's bearer token, an AuthenticationTicket protected with the app's data protection
        // (keys on disk, as the app keeps them: here in a temporary folder), carrying the principal the sign-in made.
        var keys = Directory.CreateTempSubdirectory("autonomus-bench-dp-");
        try
        {
            var protector = DataProtectionProvider.Create(keys, b => b.SetApplicationName("Autonomus"))
                .CreateProtector("Microsoft.AspNetCore.Authentication.BearerToken", "Identity.Bearer", "BearerToken");
            var format = new TicketDataFormat(protector);
            var bearer = format.Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, adminId.ToString()), new Claim(ClaimTypes.Name, "admin@andes.demo"),
                    new Claim(ClaimTypes.Email, "admin@andes.demo"), new Claim("AspNet.Identity.SecurityStamp", stamp),
                    .. roles.Select(r => new Claim(ClaimTypes.Role, r)),
                    new Claim(TenantClaimTypes.TenantId, tenantId.ToString()), new Claim(TenantClaimTypes.TenantName, DemoTenants.Andes.Name),
                    new Claim(TenantClaimTypes.DisplayName, adminName), new Claim(TenantClaimTypes.Team, ""),
                    new Claim(TenantClaimTypes.MfaEnrolled, "true"), new Claim("amr", "mfa"),
                ], "Identity.Application")),
                new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, "Identity.Bearer"));
            Task Ticket()
            {
                for (var i = 0; i < AuthBatch; i++)
                {
                    // All BearerTokenHandler did per request: unprotect, then check the expiry.
                    var ticket = format.Unprotect(bearer);
                    if (ticket?.Properties.ExpiresUtc is not { } expires || DateTimeOffset.UtcNow >= expires)
                        throw new InvalidOperationException("The bearer ticket did not unprotect.");
                }
                return Task.CompletedTask;
            }
            var (jwtBatches, ticketBatches) = await Sampler.PairAsync($"ES256 JWT + stamp cache, {AuthBatch} per sample", Jwt,
                $"data-protected bearer ticket, {AuthBatch} per sample", Ticket, AuthWarmup, AuthRepetitions);
            Console.WriteLine($"    {jwtBatches}\n    {ticketBatches}");

            // What the request does besides authenticating: the API's GET /leads/{id} is LeadQueries.GetAsync as the caller.
            await using var admin = BenchServices.As(s, tenantId, adminId, [Roles.Admin], displayName: adminName);
            var request = new Samples("LeadQueries.GetAsync (Admin)");
            for (var i = 0; i < GetWarmup + GetRepetitions; i++)
            {
                var id = leads[i % leads.Length];
                var ms = await Sampler.TimeAsync(async () =>
                {
                    await using var scope = admin.CreateAsyncScope();
                    _ = await scope.ServiceProvider.GetRequiredService<LeadQueries>().GetAsync(id) ?? throw new InvalidOperationException($"Lead {id} was not found.");
                });
                if (i >= GetWarmup) request.Add(ms);
            }
            Console.WriteLine($"    {request}");

            double jwtMs = jwtBatches.Median / AuthBatch, ticketMs = ticketBatches.Median / AuthBatch;
            return
            [
                new Result("4b JWT-authenticated GET (auth + LeadQueries.GetAsync) / same with the previous bearer ticket",
                    Format.Ms(request.Median + jwtMs), Format.Ms(request.Median + ticketMs),
                    (request.Median + jwtMs) / (request.Median + ticketMs), Goal.AtMost, 1.2, Headline: true),
                new Result("4c ES256 JWT validation + stamp cache / data-protected bearer ticket (per request, info)",
                    Us(jwtMs), Us(ticketMs), jwtMs / ticketMs, Goal.None, 0),
            ];
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    private static string Us(double ms) => $"{ms * 1000:F1} µs";
}
