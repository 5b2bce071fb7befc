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

/// <summary>4a. Appending to the ledger through ledger_append (with the app's HMAC) against the previous lock-head + INSERT.</summary>
public sealed class LedgerAppendBenchmark(BenchSettings s)
{
    private const int LedgerWarmup = 20, LedgerRepetitions = 200;

    public async Task<IReadOnlyList<Result>> RunAsync()
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
}
