using Autonomus.Core.Agents;
using Autonomus.Core.Apply;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tools;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// 5. Governed autonomy. (a) Applying under a policy (caps counted under their lock) against the same number of manual
/// ApproveAsync calls, and the commits each takes; (b) the share of proposing a 200-trigger batch spent on policy
/// evaluation (policies, calibration and time zone read once, then each suggestion judged); (c) rebuilding the calibration
/// from 100,000 decided suggestions against a bare GROUP BY of the same rows.
/// </summary>
public sealed class AutonomyBenchmark(BenchSettings s, Guid tenantId, DateTimeOffset now)
{
    private const int History = 100_000, Batches = 7, Applies = 40, Warmup = 3, CountBatch = 20;
    // Per hour and per day: checked and counted in the lock statement. (A per-record cap adds one indexed count.)
    private static readonly PolicyRules Caps = new(PolicyMode.AutoWithUndo, MaxPerHour: 1_000_000, MaxPerDay: 10_000_000);

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var results = new List<Result>();
        results.Add(await CalibrationAsync());
        results.Add(await PolicyEvaluationAsync());
        results.AddRange(await AutoApplyAsync());
        return results;
    }

    private async Task<Result> CalibrationAsync()
    {
        var specs = new[]
        {
            new HistorySpec(AgentNames.LeadIntelligence, TriggerTypes.LeadStagnant, "schedule_follow_up", RecordType.Lead, "playbook:lead_stagnant@1", History / 2, 0.9, 0.05, 0.04, [0.82m, 0.7m]),
            new HistorySpec(AgentNames.DealStrategy, TriggerTypes.DealDecay, "update_deal_close_date", RecordType.Deal, "llm:bench@prompt-v1", History / 2, 0, 0.1, 0.9, [],
                AcceptAt: c => (double)(c * c), ConfidenceFrom: 0.3m),
        };
        var written = await DecisionHistory.SeedAsync(s.OwnerConnection, tenantId, specs, now, seed: 5);
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, "VACUUM (ANALYZE) suggestions, triggers");
        Console.WriteLine($"    seeded {written:N0} decided suggestions");
        await using var system = BenchServices.As(s, tenantId);
        await using var conn = await BenchDatabase.OpenAppConnectionAsync(s, tenantId);
        var since = now.AddDays(-RefreshCalibration.WindowDays);
        var (refresh, bare) = await Sampler.PairAsync("calibration refresh (RefreshCalibration)", async () =>
        {
            await using var scope = system.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RefreshCalibration>().HandleAsync();
        }, "bare GROUP BY of the same rows", async () =>
        {
            await using var cmd = new NpgsqlCommand($"""
                SELECT agent, tool, engine, least(floor(confidence * 10)::int, 9), count(*), sum({Outcomes.Sql("@now")}), sum(confidence)
                FROM suggestions WHERE tenant_id = @t AND created_at >= @since AND status IN ('Applied', 'Rejected', 'Undone')
                GROUP BY 1, 2, 3, 4
                """, conn);
            cmd.Parameters.AddWithValue("t", tenantId);
            cmd.Parameters.AddWithValue("now", now);
            cmd.Parameters.AddWithValue("since", since);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }, warmup: 2, repetitions: 9);
        Console.WriteLine($"    {refresh}\n    {bare}");
        return Result.Timed($"5c calibration refresh, {written:N0} decided / bare GROUP BY", refresh, bare, Goal.AtMost, 2, headline: true);
    }

    private async Task<Result> PolicyEvaluationAsync()
    {
        await using var system = BenchServices.As(s, tenantId);
        var tools = system.GetRequiredService<ToolCatalogue>();
        var tool = tools.GetMutation("schedule_follow_up");
        var propose = new Samples("propose a 200-trigger batch (ProposeSuggestions)");
        var evaluate = new Samples("policy evaluation for 200 suggestions (BatchPolicies)");
        for (var i = 0; i < 1 + Batches; i++)
        {
            await using (var scope = system.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DetectTriggers>().HandleAsync([TriggerTypes.LeadStagnant]);
            var proposed = 0;
            var ms = await Sampler.TimeAsync(async () =>
            {
                await using var scope = system.CreateAsyncScope();
                proposed = await scope.ServiceProvider.GetRequiredService<ProposeSuggestions>().HandleAsync();
            });
            if (proposed != ProposeSuggestions.BatchSize) Console.WriteLine($"    !! batch {i}: {proposed} proposed, not {ProposeSuggestions.BatchSize}");
            // The same evaluation on its own: read what a batch reads, then judge 200 suggestions.
            var evaluation = await Sampler.TimeAsync(async () =>
            {
                await using var scope = system.CreateAsyncScope();
                await using var db = await scope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync();
                var policies = await BatchPolicies.LoadAsync(db, tenantId, 24, default);
                for (var n = 0; n < ProposeSuggestions.BatchSize; n++)
                    policies.Decide(new Suggestion(tenantId, Guid.Empty, TriggerTypes.LeadStagnant, AgentNames.LeadIntelligence, tool.Name, "{}", RecordType.Lead,
                        Guid.Empty, 1, "", "", "", "{}", 0.82m, SuggestionPriority.Normal, "playbook:lead_stagnant@1", Guid.Empty, now, now.AddDays(7)), tool, now);
            });
            if (i == 0) continue; // warm-up
            propose.Add(ms);
            evaluate.Add(evaluation);
        }
        Console.WriteLine($"    {propose}\n    {evaluate}");
        var without = propose.Median - evaluate.Median;
        return new Result("5b proposing a 200-trigger batch / the same without policy evaluation",
            Format.Ms(propose.Median), Format.Ms(without), propose.Median / without, Goal.AtMost, 1.10);
    }

    private async Task<IReadOnlyList<Result>> AutoApplyAsync()
    {
        var ids = new Queue<Guid>(await PendingFollowUpsAsync(4 * (Warmup + Applies) + 4 * CountBatch + 2));
        Guid adminId;
        await using (var conn = new NpgsqlConnection(s.OwnerConnection))
        {
            await conn.OpenAsync();
            adminId = await BenchDatabase.ScalarAsync<Guid>(conn, "SELECT id FROM users WHERE email = 'admin@andes.demo'");
        }
        await using var admin = BenchServices.As(s, tenantId, adminId, [Roles.Admin], displayName: "Admin");
        await using var system = BenchServices.As(s, tenantId);
        // The Admin's policy with its caps (left in suggest: the pipeline's own proposals keep waiting), and the grant its
        // auto version gives: caps on, so every auto-apply counts them under the policy row's lock.
        PolicyGrant grant;
        await using (var scope = admin.CreateAsyncScope())
        {
            var version = (await scope.ServiceProvider.GetRequiredService<ManagePolicies>()
                .SetAsync(AgentNames.LeadIntelligence, "schedule_follow_up", Caps with { Mode = PolicyMode.Suggest }, "bench: caps", default)).Version;
            grant = new PolicyGrant(AgentNames.LeadIntelligence, "schedule_follow_up", version, Caps, TimeSpan.FromHours(24));
        }

        async Task Manual()
        {
            await using var scope = admin.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(ids.Dequeue()));
            if (outcome.Status != ApplyStatus.Applied) throw new InvalidOperationException($"Manual apply: {outcome.Status}: {outcome.Message}");
        }
        async Task Auto()
        {
            await using var scope = system.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(ids.Dequeue(), grant);
            if (outcome.Status != ApplyStatus.Applied) throw new InvalidOperationException($"Auto apply: {outcome.Status}: {outcome.Message}");
        }

        var results = new List<Result>();
        string[] written = ["triggers", "suggestions", "ledger_entries", "activities", "leads"];
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, written.Select(t => $"ALTER TABLE {t} SET (autovacuum_enabled = off)").ToArray());
        var counter = new CommitCounter(s);
        await Auto(); await Manual(); // the pools' first connections
        var empty = await counter.MeasureAsync(() => Task.CompletedTask);
        var autos = await counter.MeasureAsync(async () => { for (var i = 0; i < CountBatch; i++) await Auto(); });
        var manuals = await counter.MeasureAsync(async () => { for (var i = 0; i < CountBatch; i++) await Manual(); });
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, written.Select(t => $"ALTER TABLE {t} RESET (autovacuum_enabled)").ToArray());
        var perAuto = (double)(autos.Commits - empty.Commits) / CountBatch;
        var perManual = (double)(manuals.Commits - empty.Commits) / CountBatch;
        Console.WriteLine($"    → {perAuto:F2} commits per auto-apply, {perManual:F2} per manual ApproveAsync");
        results.Add(new Result("5a commits per auto-apply / per manual ApproveAsync (xact_commit)", $"{perAuto:F2}", $"{perManual:F2}", perAuto / perManual, Goal.Exactly, 1));

        var (auto, manual) = await Sampler.PairAsync("auto-apply (ApplyUnderPolicyAsync, caps on)", Auto, "manual ApproveAsync as Admin", Manual,
            warmup: Warmup, repetitions: Applies);
        Console.WriteLine($"    {auto}\n    {manual}");
        results.Add(Result.Timed("5a auto-apply throughput / manual ApproveAsync", auto, manual, Goal.FasterBy, 0.9, headline: true));

        // For comparison: a policy without caps (no lock, no count).
        var uncapped = grant with { Rules = grant.Rules with { MaxPerHour = null, MaxPerDay = null, MaxPerRecordPerDay = null } };
        var (free, manual2) = await Sampler.PairAsync("auto-apply, no caps", async () =>
        {
            await using var scope = system.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(ids.Dequeue(), uncapped);
            if (outcome.Status != ApplyStatus.Applied) throw new InvalidOperationException($"Auto apply: {outcome.Status}: {outcome.Message}");
        }, "manual ApproveAsync as Admin", Manual, warmup: Warmup, repetitions: Applies);
        Console.WriteLine($"    {free}\n    {manual2}");
        results.Add(Result.Timed("5a auto-apply without caps, time / manual ApproveAsync time (info)", free, manual2, Goal.None, 0));
        return results;
    }

    private async Task<List<Guid>> PendingFollowUpsAsync(int needed)
    {
        await using var conn = new NpgsqlConnection(s.OwnerConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT id FROM suggestions WHERE tenant_id = @t AND status = 'Pending' AND tool = 'schedule_follow_up' AND agent = @a ORDER BY created_at DESC, id LIMIT @n", conn);
        cmd.Parameters.AddWithValue("t", tenantId);
        cmd.Parameters.AddWithValue("a", AgentNames.LeadIntelligence);
        cmd.Parameters.AddWithValue("n", needed);
        var ids = new List<Guid>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        if (ids.Count < needed) throw new InvalidOperationException($"Only {ids.Count} pending follow-ups; {needed} needed.");
        return ids;
    }
}
