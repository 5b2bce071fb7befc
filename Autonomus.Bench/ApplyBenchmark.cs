using Autonomus.Core.Apply;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// 2. Applying a suggestion through <see cref="SafeApplyEngine.ApproveAsync"/> as the tenant's Admin: how many
/// transactions the database commits per apply (pg_stat_database.xact_commit), and its latency against a bare
/// single-row INSERT plus COMMIT into a regular (logged, fsync'd) scratch table on one open connection.
/// The suggestions come from the product's own pipeline: the lead_stagnant detector, then the playbook.
/// </summary>
public sealed class ApplyBenchmark(BenchSettings s, Guid tenantId, string? serverLog)
{
    private const int Warmup = 5, CountBatch = 20, Latency = 50;
    private const string Tool = "schedule_follow_up";

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var results = new List<Result>();
        var suggestions = await PrepareAsync(Warmup + CountBatch + 1 + 1 + Latency); // warm-up, count, trace, latency
        await BenchDatabase.ExecuteAsync(s.OwnerConnection,
            "CREATE TABLE bench_scratch (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, note text NOT NULL, at timestamptz NOT NULL)",
            $"GRANT SELECT, INSERT ON bench_scratch TO {s.AppRole}",
            // Fresh statistics everywhere the pipeline wrote: autovacuum has nothing to start during the counts.
            "VACUUM (ANALYZE) triggers, suggestions, ledger_entries, activities, leads, bench_scratch");

        Guid adminId;
        string adminName;
        await using (var conn = new NpgsqlConnection(s.OwnerConnection))
        {
            await conn.OpenAsync();
            adminId = await BenchDatabase.ScalarAsync<Guid>(conn, "SELECT id FROM users WHERE email = 'admin@andes.demo'");
            adminName = await BenchDatabase.ScalarAsync<string>(conn, "SELECT display_name FROM users WHERE id = @id", ("id", adminId));
        }
        await using var services = BenchServices.As(s, tenantId, adminId, [Roles.Admin], displayName: adminName);
        var queue = new Queue<Guid>(suggestions);

        async Task Apply()
        {
            await using var scope = services.CreateAsyncScope();
            var id = queue.Dequeue();
            var outcome = await scope.ServiceProvider.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(id));
            if (outcome.Status != ApplyStatus.Applied)
                throw new InvalidOperationException($"Suggestion {id} was not applied: {outcome.Status}: {outcome.Message}");
        }
        NpgsqlConnection? baselineConnection = null;
        async Task Insert()
        {
            var conn = baselineConnection ?? throw new InvalidOperationException("No baseline connection.");
            await using var tx = await conn.BeginTransactionAsync();
            await using (var cmd = new NpgsqlCommand("INSERT INTO bench_scratch (id, tenant_id, note, at) VALUES (@id, @tenant, @note, @at)", conn))
            {
                cmd.Parameters.AddWithValue("id", Guid.CreateVersion7());
                cmd.Parameters.AddWithValue("tenant", tenantId);
                cmd.Parameters.AddWithValue("note", "Call due tomorrow: follow up");
                cmd.Parameters.AddWithValue("at", DateTimeOffset.UtcNow);
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }

        // Warm-up: EF's model and queries, JIT, the pool's connection.
        baselineConnection = await BenchDatabase.OpenAppConnectionAsync(s, tenantId);
        for (var i = 0; i < Warmup; i++) { await Apply(); await Insert(); }
        await baselineConnection.DisposeAsync();
        baselineConnection = null;

        // Commits per apply and per bare INSERT+COMMIT: the difference between two brackets (around 0 and 20 applies;
        // around 1 and 21 inserts on a connection opened inside), so that the bracket and the opening cancel out.
        // Autovacuum commits too, and the pipeline's small tables are near its thresholds: off while counting.
        string[] written = ["triggers", "suggestions", "ledger_entries", "activities", "leads", "bench_scratch"];
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, written.Select(t => $"ALTER TABLE {t} SET (autovacuum_enabled = off)").ToArray());
        var counter = new CommitCounter(s);
        var noApply = await counter.MeasureAsync(() => Task.CompletedTask);
        var applies = await counter.MeasureAsync(async () => { for (var i = 0; i < CountBatch; i++) await Apply(); });
        async Task Inserts(int n)
        {
            await using var conn = new NpgsqlConnection(Microsoft.Extensions.DependencyInjection.DataServiceCollectionExtensions.Tuned(s.AppConnection));
            await conn.OpenAsync();
            baselineConnection = conn;
            for (var i = 0; i < n; i++) await Insert();
            baselineConnection = null;
        }
        var noInsert = await counter.MeasureAsync(() => Inserts(1)); // the first use of a pooled connection also resets it
        var inserts = await counter.MeasureAsync(() => Inserts(1 + CountBatch));
        var perApply = (double)(applies.Commits - noApply.Commits) / CountBatch;
        var perInsert = (double)(inserts.Commits - noInsert.Commits) / CountBatch;
        Console.WriteLine($"    xact_commit: bracket alone {noApply.Commits}, around {CountBatch} applies {applies.Commits} (rollbacks {applies.Rollbacks}); " +
                          $"around 1 bare INSERT+COMMIT {noInsert.Commits}, around {1 + CountBatch} {inserts.Commits}");
        foreach (var (name, c) in new[] { ("the empty bracket", noApply), ("the applies", applies), ("1 insert", noInsert), ("the inserts", inserts) })
            if (c.OtherBackends != 0 || c.AutovacuumRuns != 0)
                Console.WriteLine($"    !! while counting {name}: {c.OtherBackends} other sessions, {c.AutovacuumRuns} autovacuum runs: that count may be off");
        Console.WriteLine($"    → {perApply:F2} commits per apply; {perInsert:F2} per bare INSERT+COMMIT (the method's check: 1.00)");
        results.Add(new Result("2 commits per apply / per bare INSERT+COMMIT (xact_commit)",
            $"{perApply:F2}", $"{perInsert:F2}", perApply / perInsert, Goal.Exactly, 1));
        StatementTrace.Print(await new StatementTrace(s, serverLog).CaptureAsync(Apply, counter), "one apply");
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, written.Select(t => $"ALTER TABLE {t} RESET (autovacuum_enabled)").ToArray());

        // Latency: applies and bare INSERT+COMMITs alternate, one each per repetition, after one untimed pair (the
        // pool's connection was closed by the trace).
        baselineConnection = await BenchDatabase.OpenAppConnectionAsync(s, tenantId);
        var (apply, insert) = await Sampler.PairAsync("apply (ApproveAsync, schedule_follow_up)", Apply,
            "bare INSERT + COMMIT", Insert, warmup: 1, repetitions: Latency);
        await baselineConnection.DisposeAsync();
        Console.WriteLine($"    {apply}\n    {insert}");
        results.Add(Result.Timed("2 apply latency (ApproveAsync as Admin) / bare INSERT+COMMIT", apply, insert, Goal.AtMost, 3, headline: true));
        return results;
    }

    /// <summary>Pending schedule_follow_up suggestions made by the pipeline (detect, then propose) as the system, enough for the runs.</summary>
    private async Task<List<Guid>> PrepareAsync(int needed)
    {
        await using var system = BenchServices.As(s, tenantId);
        for (var round = 0; round < 10; round++)
        {
            await using (var scope = system.CreateAsyncScope())
            {
                var detected = await scope.ServiceProvider.GetRequiredService<DetectTriggers>().HandleAsync([TriggerTypes.LeadStagnant]);
                var proposed = await scope.ServiceProvider.GetRequiredService<ProposeSuggestions>().HandleAsync();
                Console.WriteLine($"    pipeline round {round + 1}: {detected.Values.Sum()} lead_stagnant triggers detected, {proposed} suggestions proposed");
            }
            await using var conn = new NpgsqlConnection(s.OwnerConnection);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT id FROM suggestions WHERE tenant_id = @t AND status = 'Pending' AND tool = @tool ORDER BY created_at, id", conn);
            cmd.Parameters.AddWithValue("t", tenantId);
            cmd.Parameters.AddWithValue("tool", Tool);
            var ids = new List<Guid>();
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
            if (ids.Count >= needed) return ids;
        }
        throw new InvalidOperationException($"The pipeline did not propose {needed} {Tool} suggestions.");
    }
}
