using System.Diagnostics;
using Autonomus.Bench;
using Autonomus.Data.Seeding;

// ./dev bench [--only scan|apply|queue|security|autonomy|agents|history] [--uncapped-insert]
// Each benchmark is measured against its baseline in the same run, alternating the two, with medians after warm-up.
var total = Stopwatch.StartNew();
var settings = BenchSettings.FromEnvironment();
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
if (only is not (null or "scan" or "apply" or "queue" or "security" or "autonomy" or "agents" or "history"))
{
    Console.Error.WriteLine("usage: ./dev bench [--only scan|apply|queue|security|autonomy|agents|history] [--uncapped-insert]");
    return 2;
}
var tenant = DemoTenants.Andes.Id;
// One clock for the whole run, to the second: the same instant for the detector, its baseline and the in-memory filter.
var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
Console.WriteLine($"    machine: {Environment.ProcessorCount} cores, load average {Load()} (other work on the machine shows up as noise)");

Console.WriteLine($"==> preparing the bench database {BenchSettings.Database}");
await BenchDatabase.CreateAsync(settings);

var results = new List<Result>();
if (only is null or "scan")
{
    Console.WriteLine("==> 1. lead_stagnant scan over 1,000,000 leads (tenant Andes)");
    results.AddRange(await new LeadScanBenchmark(settings, tenant, now).RunAsync(uncappedInsert: args.Contains("--uncapped-insert")));
}
if (only is null or "apply")
{
    Console.WriteLine("==> 2. applying suggestions through SafeApplyEngine (Andes' Admin)");
    results.AddRange(await new ApplyBenchmark(settings, tenant, Environment.GetEnvironmentVariable("AUTONOMUS_BENCH_SERVER_LOG")).RunAsync());
}
if (only is null or "queue")
{
    Console.WriteLine($"==> 3. the review queue with {QueueBenchmark.Pending:N0} pending suggestions (Andes' Admin)");
    results.AddRange(await new QueueBenchmark(settings, tenant, now).RunAsync());
}
if (only is null or "security")
{
    Console.WriteLine("==> 4. security: the ledger's append through ledger_append, the API's JWT authentication");
    results.AddRange(await new SecurityBenchmark(settings).RunAsync());
}
if (only is null or "autonomy")
{
    Console.WriteLine("==> 5. governed autonomy: calibration refresh, policy evaluation while proposing, applying under a policy");
    results.AddRange(await new AutonomyBenchmark(settings, tenant, now).RunAsync());
}
if (only is null or "agents")
{
    Console.WriteLine("==> 6. agents: duplicate scan over 100,000 contacts, scoring 100,000 leads, the lead score's AUC");
    // A tenant of its own: the scan and the scoring see only their 100,000 rows, not Andes' million leads.
    results.AddRange(await new AgentsBenchmark(settings, await BenchDatabase.CreateTenantAsync(settings, "agents-bench")).RunAsync());
}
if (only is null or "history")
{
    Console.WriteLine("==> 7. history: the price of a change event, a record's history page, rebuilding a record from its events");
    results.AddRange(await new HistoryBenchmark(settings, await BenchDatabase.CreateTenantAsync(settings, "history-bench")).RunAsync());
}

Console.WriteLine();
Console.WriteLine(Report.Table(results));
Console.WriteLine("""
    * headline. The scan's headline is cap 200: a detector run inserts at most the tenant's MaxTriggersPerRun (default 200)
      triggers, oldest first; uncapped (every matching lead, sorted) is shown for completeness.
    measured/baseline are medians; ratio = measured ÷ baseline, or baseline ÷ measured where the target is "faster".
    1a: the candidate scan is the SELECT cut from the detector's INSERT (same anti-join, ORDER BY, LIMIT, parameters),
        the baseline the bare SELECT of the ids with the detector's Predicate and the same ORDER BY/LIMIT; both on one
        connection as the runtime role (row-level security on both), rows discarded on the server, warm cache.
    1b: the baseline loads the tenant's leads through EF (AsNoTracking) and applies the same predicate, anti-join,
        order and cap in memory; it writes nothing, the candidate scan does not either.
    2:  commits from pg_stat_database.xact_commit; latency per ApproveAsync vs a bare INSERT+COMMIT (logged table, fsync on).
    3:  ListAsync (default filter and order, as Admin) vs the same page's SQL plus its count on an open connection
        (the bare SQL always skips from the start; ListAsync reads a page past the middle from the queue's other end);
        last page / first page compares ListAsync with itself.
    5a: auto-apply and manual ApproveAsync alternate on the same pipeline's pending follow-ups; throughput ratio =
        manual median ÷ auto median; commits counted like 2.
    5b: each batch: 200 new lead_stagnant triggers detected (untimed), then ProposeSuggestions timed; the evaluation
        alone (BatchPolicies.LoadAsync + 200 Decide) timed right after; ratio = propose ÷ (propose − evaluation).
    6a: the detector's SELECT (no INSERT) as the runtime role vs every pair compared in .NET with the same rules on a
        sample of 4,000 contacts (trigram sets, normalised email and phone computed once per row), scaled by the number of
        pairs to 100,000 (the baseline is extrapolated, not run: it would take hours).
    6b: ScorePrediction (lead score) in steady state (scores unchanged, so nothing is written back or explained; the
        first scoring, which writes every score with its factors, is printed above) vs LeadScorePrediction.OpenAsync + OutcomeTrainer.Predict on
        the same rows; the model is Northwind's, copied to the bench tenant.
    6c: the AUC of Northwind's demo lead-score model on its newest fifth of outcomes ÷ the hand score's AUC on the same
        leads ("faster" reads "better"); training time printed above.
    6d: the same for Deal Strategy's win probability on Northwind's closed deals ÷ the AUC of the probability of the
        stage each deal was in before it closed.
    7a: 200 one-row UPDATEs of one lead, each its own transaction and commit, as the runtime role: on leads (the capture
        trigger writes the change event) ÷ on a copy of the table without the trigger (LIKE leads INCLUDING ALL, the same
        row-level security). 7a': the app's own write (SaveLead: read, validate, versioned UPDATE, commit) with the
        trigger on ÷ off (switched by the owner between runs, untimed).
    7b: RecordHistory.ListAsync's first page of 50 (its visibility check, the page, names) for a lead with 10,000
        events ÷ the bare SELECT of the same rows by ix_change_events_record on an open connection, prepared and planned
        for its values (PostgreSQL's generic plan for it sorts all 10,000; the monthly partitions are each probed). 7c: the lead as of
        now through RecordHistory.AsOfAsync — from its nearest snapshot (every 100 versions) plus the events after it ÷
        the same use case replaying every event since creation ("faster" reads how many times).
    5c: RefreshCalibration (DELETE + INSERT … SELECT … GROUP BY + COMMIT) vs the same SELECT … GROUP BY read on an
        open connection as the runtime role; 100,000 synthetic decided suggestions (DecisionHistory).
    4a: one entry per transaction, each side in a tenant of its own created for the run (chains of equal length).
        Measured: LedgerWriter.AppendAsync (HMAC, then ledger_append) as the runtime role. Baseline: the previous
        writer's statements (ledger_lock_head, then an INSERT with a SHA-256 computed in C#) as the OWNER: the runtime
        role can no longer INSERT into ledger_entries (and the owner skips row-level security). Headline: a new unit
        of work (ICrmDb) per append on both sides, as the app; info: one unit of work kept open per side.
    4b: composed from measured medians, not one HTTP request: (GET + JWT) ÷ (GET + ticket), where GET is
        LeadQueries.GetAsync as Andes' Admin (the database work of GET /api/v1/leads/{id}) and the authentication
        steps are 4c's; middleware, routing and serialisation, the same for both schemes, are left out (which only
        raises the ratio).
    4c: in process, per request, timed in batches of 200. JWT: JsonWebTokenHandler.ValidateTokenAsync of an ES256
        token with the app's claims and validation parameters, the app's claim mapping and a hit in the stamp cache
        (SessionStamps). Ticket: TicketDataFormat.Unprotect of Identity's data-protected bearer ticket and its expiry.
    """);
var missed = results.Count(r => r.Passed == false);
Console.WriteLine(missed == 0 ? "All targets met." : $"MISS: {missed} of {results.Count(r => r.Passed is not null)} targets not met (see the table).");
Console.WriteLine($"load average now {Load()}; total runtime {total.Elapsed.TotalSeconds:F0} s");
return 0;

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
