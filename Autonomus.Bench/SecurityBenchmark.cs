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

/// <summary>
/// 4. What two zero-trust changes cost against what they replaced: (a) appending to the ledger through the
/// SECURITY DEFINER function <c>ledger_append</c> (with the app's HMAC) against the previous lock-head + INSERT with a
/// hash computed in C#; (b, c) authenticating an API request with an ES256 JWT plus the session-stamp check against
/// unprotecting the previous data-protected bearer ticket, set beside the database work of a typical GET.
/// </summary>
public sealed class SecurityBenchmark(BenchSettings s)
{
    private const int LedgerWarmup = 20, LedgerRepetitions = 200;
    // Authentication takes microseconds: each sample times a batch, so the clock's resolution does not matter. The
    // token handler's many small methods take the tiered JIT about two seconds to settle (with 5 warm-up batches the
    // JWT's samples fell from 22 to 15.5 ms over the run): about 100 batches of warm-up, for both, before any is recorded.
    private const int AuthBatch = 200, AuthWarmup = 100, AuthRepetitions = 100;
    private const int GetWarmup = 500, GetRepetitions = 500;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var results = new List<Result>(await LedgerAppendAsync());
        results.AddRange(await AuthenticatedGetAsync());
        return results;
    }

    private async Task<IReadOnlyList<Result>> LedgerAppendAsync()
    {
        // A new tenant for each side (not the demo tenants): both chains start empty and grow alike, and the owner's
        // entries with made-up hashes spoil no chain that another benchmark appends to or verifies.
        Guid measuredTenant = Guid.CreateVersion7(), baselineTenant = Guid.CreateVersion7();
        await BenchDatabase.ExecuteAsync(s.OwnerConnection,
            $"INSERT INTO tenants (id, name, slug, created_at) VALUES ('{measuredTenant}', 'Bench ledger_append', 'bench-ledger-append', now())",
            $"INSERT INTO tenants (id, name, slug, created_at) VALUES ('{baselineTenant}', 'Bench lock-head + INSERT', 'bench-ledger-insert', now())");
        await using var runtime = BenchServices.As(s, measuredTenant);
        // The previous path runs as the owner: the runtime role may no longer INSERT into ledger_entries. The owner is not
        // subject to row-level security, which makes the baseline, if anything, a little cheaper than it was.
        await using var owner = BenchServices.As(s, baselineTenant, connection: s.OwnerConnection);

        // The app's path: the system actor's LedgerWriter, one entry per transaction.
        async Task Append(IServiceProvider services, ICrmDb db)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await services.GetRequiredService<LedgerWriter>().AppendAsync(db, measuredTenant, [Draft()], CancellationToken.None);
            await tx.CommitAsync();
        }
        // The previous LedgerWriter's statements: lock and head in one call, then the entry with the hash computed here
        // (the INSERT its SaveChanges sent).
        async Task PreviousAppend(IServiceProvider _, ICrmDb db)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var head = (await db.Database.SqlQuery<LedgerHead>($"SELECT sequence AS \"Sequence\", hash AS \"Hash\" FROM ledger_lock_head({baselineTenant})")
                .ToListAsync()).SingleOrDefault();
            var (sequence, previous) = head is null ? (1L, LedgerHashing.Genesis) : (head.Sequence + 1, head.Hash);
            var d = Draft();
            var at = LedgerHashing.Truncate(DateTimeOffset.UtcNow);
            var hash = HashV1(baselineTenant, sequence, d, at, previous);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO ledger_entries (tenant_id, sequence, kind, actor_type, actor_id, actor_name, subject_type, subject_id,
                                            correlation_id, data, at, previous_hash, hash, hash_version)
                VALUES ({baselineTenant}, {sequence}, {d.Kind}, {d.ActorType}, NULL, {d.ActorName}, {d.SubjectType}, {d.SubjectId},
                        {d.CorrelationId}, {d.Data}, {at}, {previous}, {hash}, 1)
                """);
            await tx.CommitAsync();
        }
        // A new unit of work per append on both sides, as the app opens one per operation (and the previous writer, too,
        // appended inside its caller's).
        static Func<Task> InNewUnitOfWork(ServiceProvider services, Func<IServiceProvider, ICrmDb, Task> append) => async () =>
        {
            await using var scope = services.CreateAsyncScope();
            await using var db = await scope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync();
            await append(scope.ServiceProvider, db);
        };

        var (measured, baseline) = await Sampler.PairAsync("ledger_append (runtime role), new unit of work", InNewUnitOfWork(runtime, Append),
            "lock-head + INSERT (owner), new unit of work", InNewUnitOfWork(owner, PreviousAppend), LedgerWarmup, LedgerRepetitions);
        Console.WriteLine($"    {measured}\n    {baseline}");

        // The appends alone: each side keeps one unit of work and its connection open, so the context's creation and the
        // pool's hand-out, the same for both, do not dilute the difference.
        await using var runtimeScope = runtime.CreateAsyncScope();
        await using var ownerScope = owner.CreateAsyncScope();
        await using var runtimeDb = await runtimeScope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync();
        await using var ownerDb = await ownerScope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync();
        await runtimeDb.Database.OpenConnectionAsync();
        await ownerDb.Database.OpenConnectionAsync();
        var (alone, aloneBaseline) = await Sampler.PairAsync("ledger_append (runtime role), open unit of work", () => Append(runtimeScope.ServiceProvider, runtimeDb),
            "lock-head + INSERT (owner), open unit of work", () => PreviousAppend(ownerScope.ServiceProvider, ownerDb), LedgerWarmup, LedgerRepetitions);
        Console.WriteLine($"    {alone}\n    {aloneBaseline}");

        return
        [
            Result.Timed("4a ledger append via ledger_append (runtime role) / today's lock-head + INSERT (owner)",
                measured, baseline, Goal.AtMost, 1.2, headline: true),
            Result.Timed("4a the same, each side on one open unit of work (the append alone, info)", alone, aloneBaseline, Goal.None, 0),
        ];
    }

    private sealed record LedgerHead(long Sequence, byte[] Hash);

    private static LedgerDraft Draft()
    {
        var lead = Guid.CreateVersion7();
        return new LedgerDraft(LedgerKinds.ActionApplied, "system", null, "bench", "lead", lead, Guid.CreateVersion7(),
            CanonicalJson.Serialize(new { tool = "schedule_follow_up", lead, due = "2026-12-01", note = "Call due tomorrow: follow up" }));
    }

    /// <summary>The previous writer's hash (version 1): SHA-256 over the previous hash and the entry's canonical JSON.</summary>
    private static byte[] HashV1(Guid tenantId, long sequence, LedgerDraft d, DateTimeOffset at, byte[] previous)
    {
        var canonical = new JsonObject
        {
            ["actor_id"] = d.ActorId?.ToString(), ["actor_name"] = d.ActorName, ["actor_type"] = d.ActorType, ["at"] = LedgerHashing.FormatAt(at),
            ["correlation_id"] = d.CorrelationId.ToString(), ["data"] = CanonicalJson.Parse(d.Data), ["kind"] = d.Kind, ["sequence"] = sequence,
            ["subject_id"] = d.SubjectId.ToString(), ["subject_type"] = d.SubjectType, ["tenant_id"] = tenantId.ToString(),
        }.ToJsonString();
        return SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(canonical)]);
    }

    private async Task<IReadOnlyList<Result>> AuthenticatedGetAsync()
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
