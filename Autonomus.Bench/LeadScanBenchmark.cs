using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Agents.LeadIntelligence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// 1. The lead_stagnant scan over Andes' million leads.
/// (a) The detector's candidate SELECT (taken verbatim from its INSERT … SELECT: same anti-join, ORDER BY and LIMIT)
///     against the bare indexed SELECT of the ids with the detector's own predicate, ORDER BY and LIMIT; and, for
///     transparency, the whole detector statement (INSERT … SELECT in a transaction that is rolled back).
/// (b) The detector against what it replaces: loading the tenant's leads through EF and filtering in memory.
/// Every SQL statement runs on one connection as the runtime role with the tenant set (row-level security
/// applies to both sides alike), with the same parameter values. SELECTs are timed from the client with their
/// rows discarded on the server (wrapped in OFFSET), because the detector never ships its candidates to a
/// client: the timing is the server's work, planning included, not the transfer.
/// </summary>
public sealed class LeadScanBenchmark(BenchSettings s, Guid tenantId, DateTimeOffset now)
{
    public const int Cap = 200;
    private const int Uncapped = int.MaxValue;
    private readonly LeadStagnantDetector _detector = new();

    private AutonomySettings Settings(int max) => new(tenantId) { MaxTriggersPerRun = max };

    /// <summary>
    /// The detector's candidate scan: <c>CandidatesSql</c> wrapped exactly as its INSERT wraps it (anti-join on recent
    /// triggers, ORDER BY, LIMIT @max: the text is cut from <c>InsertSql</c>), selecting the candidates' columns
    /// instead of building trigger rows. <paramref name="columns"/> "c.record_id" alone leaves the context unbuilt.
    /// </summary>
    public string CandidateSelect(string columns = "c.record_id, c.context")
    {
        var insert = _detector.InsertSql;
        var from = insert.IndexOf("\nFROM (", StringComparison.Ordinal);
        var end = insert.LastIndexOf("\nON CONFLICT DO NOTHING", StringComparison.Ordinal);
        if (!insert.StartsWith("INSERT INTO triggers", StringComparison.Ordinal) || from < 0 || end < from
            || !insert[from..end].Contains(_detector.CandidatesSql, StringComparison.Ordinal) || !insert[from..end].TrimEnd().EndsWith("LIMIT @max", StringComparison.Ordinal))
            throw new InvalidOperationException("The detector's statement no longer has the INSERT … SELECT … FROM (candidates) … LIMIT @max ON CONFLICT DO NOTHING shape the benchmark cuts its SELECT from.");
        return $"SELECT {columns}{insert[from..end]}";
    }

    /// <summary>
    /// The baseline: the ids alone, with the detector's whole predicate (stagnant, and not already raised within the
    /// cooldown: the same anti-join), order and cap. What the detector adds on top is the facts it records.
    /// </summary>
    public static string BareSelect =>
        $"SELECT l.id FROM leads l WHERE {LeadStagnantDetector.Predicate} AND NOT EXISTS (SELECT 1 FROM triggers t WHERE t.tenant_id = @tenant AND t.type = 'lead_stagnant' AND t.record_id = l.id AND (t.closed_at IS NULL OR t.closed_at > @cooldown)) ORDER BY coalesce(l.last_activity_at, l.created_at), l.id LIMIT @max";

    /// <summary>The leads' predicate alone, without the anti-join on earlier triggers (for information).</summary>
    public static string LeadsOnlySelect =>
        $"SELECT l.id FROM leads l WHERE {LeadStagnantDetector.Predicate} ORDER BY coalesce(l.last_activity_at, l.created_at), l.id LIMIT @max";

    private static string Discarded(string select) => $"SELECT * FROM ({select}) q OFFSET 2147483647";

    /// <summary>The detector's parameters, fresh per command (a parameter belongs to one command); the bare SELECT takes the ones it names.</summary>
    private NpgsqlCommand Command(NpgsqlConnection conn, string sql, int max, bool bare = false)
    {
        var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        foreach (var p in _detector.AllParameters(tenantId, Settings(max), now))
            if (!bare || p.ParameterName is "tenant" or "cutoff" or "max" or "cooldown") cmd.Parameters.Add(p);
        return cmd;
    }

    public async Task<IReadOnlyList<Result>> RunAsync(bool uncappedInsert)
    {
        var results = new List<Result>();
        var candidates = CandidateSelect();
        var idsOnly = CandidateSelect("c.record_id");
        await using var conn = await BenchDatabase.OpenAppConnectionAsync(s, tenantId);

        var index = await BenchDatabase.ScalarAsync<string>(conn, "SELECT coalesce((SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_leads_stagnation'), 'MISSING')");
        Console.WriteLine($"    index: {index}");
        if (index == "MISSING") throw new InvalidOperationException("ix_leads_stagnation (Autonomy migration) is missing: the bare SELECT would have no index to use.");
        var leads = await BenchDatabase.ScalarAsync<long>(conn, "SELECT count(*) FROM leads");
        var triggers = await BenchDatabase.ScalarAsync<long>(conn, "SELECT count(*) FROM triggers");
        await using (var count = Command(conn, $"SELECT count(*) FROM ({BareSelect}) q", Uncapped, bare: true))
            Console.WriteLine($"    {leads:N0} leads visible to the tenant; {(long)(await count.ExecuteScalarAsync())!:N0} match the predicate (cutoff {now.AddDays(-7):u}); {triggers:N0} triggers");
        foreach (var (label, sql, bare) in new[] { ("candidate scan", candidates, false), ("bare SELECT", BareSelect, true) })
            foreach (var max in new[] { Cap, Uncapped })
            {
                var plan = await PlanAsync(conn, sql, max, bare);
                Console.WriteLine($"    plan of the {label}, {(max == Cap ? "cap 200" : "uncapped")}: {plan}");
                if (max == Cap && !plan.Contains("ix_leads_stagnation", StringComparison.Ordinal))
                    Console.WriteLine("    !! the capped scan does not use ix_leads_stagnation");
            }
        await CheckSameAnswerAsync(conn, candidates);

        Task Select(string sql, int max, bool bare) => ExecuteAsync(conn, Discarded(sql), max, bare);
        async Task InsertRolledBack(int max)
        {
            await using var tx = await conn.BeginTransactionAsync();
            await using var cmd = Command(conn, _detector.InsertSql, max);
            await cmd.ExecuteNonQueryAsync();
            await tx.RollbackAsync();
        }

        // (a) cap 200: what one run of the detector does (the tenant's MaxTriggersPerRun, default 200).
        var (scanCap, bareCap) = await Sampler.PairAsync("candidate scan, cap 200", () => Select(candidates, Cap, false),
            "bare SELECT, cap 200", () => Select(BareSelect, Cap, true), warmup: 5, repetitions: 31);
        Print(scanCap, bareCap);
        results.Add(Result.Timed("1a candidate scan / bare indexed SELECT, cap 200", scanCap, bareCap, Goal.AtMost, 1.3, headline: true));

        var (idsCap, bareCap2) = await Sampler.PairAsync("candidate scan selecting record_id only, cap 200", () => Select(idsOnly, Cap, false),
            "bare SELECT, cap 200", () => Select(BareSelect, Cap, true), warmup: 5, repetitions: 31);
        Print(idsCap, bareCap2);
        results.Add(Result.Timed("   …same, selecting record_id only (no context jsonb)", idsCap, bareCap2, Goal.None, 0));

        var (leadsOnly, bareCap4) = await Sampler.PairAsync("leads predicate only (no anti-join), cap 200", () => Select(LeadsOnlySelect, Cap, true),
            "bare SELECT, cap 200", () => Select(BareSelect, Cap, true), warmup: 5, repetitions: 31);
        Print(leadsOnly, bareCap4);
        results.Add(Result.Timed("   bare SELECT without the anti-join / bare SELECT, cap 200", leadsOnly, bareCap4, Goal.None, 0));

        var (insCap, bareCap3) = await Sampler.PairAsync("detector INSERT…SELECT (rolled back), cap 200", () => InsertRolledBack(Cap),
            "bare SELECT, cap 200", () => Select(BareSelect, Cap, true), warmup: 5, repetitions: 31);
        Print(insCap, bareCap3);
        results.Add(Result.Timed("1a detector INSERT…SELECT (rolled back) / bare SELECT, cap 200", insCap, bareCap3, Goal.None, 0));

        // (a) uncapped: the whole matching set, sorted.
        var (scanAll, bareAll) = await Sampler.PairAsync("candidate scan, uncapped", () => Select(candidates, Uncapped, false),
            "bare SELECT, uncapped", () => Select(BareSelect, Uncapped, true), warmup: 1, repetitions: 3);
        Print(scanAll, bareAll);
        results.Add(Result.Timed("1a candidate scan / bare indexed SELECT, uncapped (the detector never runs uncapped)", scanAll, bareAll, Goal.None, 0));

        // (b) The detector's scan against loading the tenant's leads through EF and filtering in memory. One load per
        // repetition; the capped and the uncapped in-memory answers are both timed on it (load + their own filter,
        // sort and take), alternating with the candidate scan, capped and uncapped. The EF query, its JIT and the
        // table's pages were warmed by the same load in the answer check above.
        var (efCap, efAll) = (new Samples("EF load + in-memory filter, cap 200"), new Samples("EF load + in-memory filter, uncapped"));
        var (scanCapB, scanAllB) = (new Samples("candidate scan, cap 200"), new Samples("candidate scan, uncapped"));
        await using (var services = BenchServices.As(s, tenantId))
        {
            for (var i = 0; i < 3; i++)
            {
                async Task Detector()
                {
                    // Each after an untimed run of itself: the EF load streams the whole table through the buffer
                    // cache, and the scan is measured warm, like the load (whose table the previous load warmed).
                    await Select(candidates, Cap, false);
                    scanCapB.Add(await Sampler.TimeAsync(() => Select(candidates, Cap, false)));
                    await Select(candidates, Uncapped, false);
                    scanAllB.Add(await Sampler.TimeAsync(() => Select(candidates, Uncapped, false)));
                }
                if (i % 2 == 1) await Detector();
                var (load, cap, all) = await InMemoryAsync(services);
                efCap.Add(load + cap);
                efAll.Add(load + all);
                if (i % 2 == 0) await Detector();
            }
        }
        Print(scanCapB, efCap);
        Print(scanAllB, efAll);
        results.Add(Result.Timed("1b candidate scan vs EF load + in-memory filter, cap 200", scanCapB, efCap, Goal.FasterBy, 20, headline: true));
        results.Add(Result.Timed("1b candidate scan vs EF load + in-memory filter, uncapped (info)", scanAllB, efAll, Goal.None, 0));

        if (uncappedInsert)
        {
            // Last: each run inserts (and rolls back) a trigger for every matching lead; the dead rows are vacuumed below.
            var (insAll, bareAll2) = await Sampler.PairAsync("detector INSERT…SELECT (rolled back), uncapped", () => InsertRolledBack(Uncapped),
                "bare SELECT, uncapped", () => Select(BareSelect, Uncapped, true), warmup: 0, repetitions: 3);
            Print(insAll, bareAll2);
            results.Add(Result.Timed("1a detector INSERT…SELECT (rolled back) / bare SELECT, uncapped", insAll, bareAll2, Goal.None, 0));
        }
        else
            results.Add(new Result("1a detector INSERT…SELECT, uncapped: not run (~1 min a run; --uncapped-insert)",
                "-", "-", double.NaN, Goal.None, 0));
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, "VACUUM (ANALYZE) triggers");
        return results;
    }

    private async Task ExecuteAsync(NpgsqlConnection conn, string sql, int max, bool bare)
    {
        await using var cmd = Command(conn, sql, max, bare);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }

    /// <summary>The plan's nodes in one line, and a check that wrapping the statement to discard its rows leaves its plan alone.</summary>
    private async Task<string> PlanAsync(NpgsqlConnection conn, string sql, int max, bool bare)
    {
        async Task<List<string>> Explain(string statement)
        {
            var lines = new List<string>();
            await using var cmd = Command(conn, "EXPLAIN (COSTS OFF) " + statement, max, bare);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
            return lines;
        }
        static IEnumerable<string> Nodes(IEnumerable<string> plan) => plan
            .Select(l => l.Trim()).Where(l => l.StartsWith("->", StringComparison.Ordinal) || !l.Contains(':'))
            .Select(l => l.TrimStart('-', '>', ' '));
        var plain = Nodes(await Explain(sql)).ToList();
        var wrapped = Nodes(await Explain(Discarded(sql))).ToList();
        // SELECT * FROM (statement) q OFFSET n: a Limit over a Subquery Scan over the statement's own plan.
        var same = wrapped.Count == plain.Count + 2 && wrapped[0] == "Limit" && wrapped[1].StartsWith("Subquery Scan", StringComparison.Ordinal)
                   && wrapped.Skip(2).SequenceEqual(plain);
        return string.Join(" → ", plain) + (same ? "" : "  [!! the OFFSET-wrapped statement plans differently]");
    }

    /// <summary>The three approaches must agree: same 200 ids in the same order, same number uncapped.</summary>
    private async Task CheckSameAnswerAsync(NpgsqlConnection conn, string candidates)
    {
        async Task<List<Guid>> Ids(string sql, int max, bool bare, int column)
        {
            var ids = new List<Guid>();
            await using var cmd = Command(conn, sql, max, bare);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(column));
            return ids;
        }
        var detector = await Ids(candidates, Cap, false, 0);
        var bare = await Ids(BareSelect, Cap, true, 0);
        var detectorAll = (await Ids(candidates, Uncapped, false, 0)).Count;
        var bareAll = (await Ids(BareSelect, Uncapped, true, 0)).Count;
        await using var services = BenchServices.As(s, tenantId);
        var (memCap, memAll) = await InMemoryAnswerAsync(services);
        var ok = detector.SequenceEqual(bare) && detector.SequenceEqual(memCap) && detectorAll == bareAll && bareAll == memAll;
        Console.WriteLine($"    same answer from the three: {(ok ? "yes" : "NO")} (cap 200: {detector.Count}/{bare.Count}/{memCap.Count} ids; uncapped: {detectorAll:N0}/{bareAll:N0}/{memAll:N0})");
        if (!ok) throw new InvalidOperationException("The detector, the bare SELECT and the in-memory filter disagree: the comparison would be meaningless.");
    }

    private async Task<(List<Guid> Cap, int All)> InMemoryAnswerAsync(IServiceProvider services)
    {
        var (leads, open) = await LoadAsync(services);
        return (Filter(leads, open, Cap).Select(l => l.Id).ToList(), Filter(leads, open, Uncapped).Count);
    }

    /// <summary>One repetition of the in-memory approach: the load, then the capped and the uncapped answers, each timed.</summary>
    private async Task<(double Load, double Cap, double All)> InMemoryAsync(IServiceProvider services)
    {
        List<Lead> leads = [];
        HashSet<Guid> open = [];
        var load = await Sampler.TimeAsync(async () => (leads, open) = await LoadAsync(services));
        var cap = await Sampler.TimeAsync(() => { _ = Filter(leads, open, Cap); return Task.CompletedTask; });
        var all = await Sampler.TimeAsync(() => { _ = Filter(leads, open, Uncapped); return Task.CompletedTask; });
        leads = [];
        GC.Collect(); // the previous million leads are not the next repetition's cost
        GC.WaitForPendingFinalizers();
        return (load, cap, all);
    }

    /// <summary>What a detector without SQL would do: every lead of the tenant, and the records with a recent trigger.</summary>
    private async Task<(List<Lead> Leads, HashSet<Guid> Open)> LoadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<ICrmDbFactory>().OpenAsync();
        var cooldown = now.AddDays(-Settings(Cap).RetriggerCooldownDays);
        var leads = await db.Leads.AsNoTracking().ToListAsync();
        var open = (await db.Triggers.AsNoTracking()
            .Where(t => t.Type == TriggerTypes.LeadStagnant && (t.ClosedAt == null || t.ClosedAt > cooldown))
            .Select(t => t.RecordId).ToListAsync()).ToHashSet();
        return (leads, open);
    }

    /// <summary>The detector's predicate, anti-join, order and cap, in memory (uuids ordered as PostgreSQL orders them).</summary>
    private List<Lead> Filter(List<Lead> leads, HashSet<Guid> open, int max)
    {
        var cutoff = now.AddDays(-Settings(max).LeadStagnantDays);
        return leads
            .Where(l => l.Status is LeadStatus.New or LeadStatus.Contacted or LeadStatus.Qualified
                        && (l.LastActivityAt ?? l.CreatedAt) < cutoff && !open.Contains(l.Id))
            .OrderBy(l => l.LastActivityAt ?? l.CreatedAt).ThenBy(l => l.Id, PostgresUuidOrder.Instance)
            .Take(max).ToList();
    }

    private static void Print(Samples measured, Samples baseline) =>
        Console.WriteLine($"    {measured}\n    {baseline}");
}

/// <summary>PostgreSQL compares uuids byte by byte; .NET's Guid order differs.</summary>
public sealed class PostgresUuidOrder : IComparer<Guid>
{
    public static readonly PostgresUuidOrder Instance = new();

    public int Compare(Guid x, Guid y)
    {
        Span<byte> a = stackalloc byte[16], b = stackalloc byte[16];
        x.TryWriteBytes(a, bigEndian: true, out _);
        y.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
