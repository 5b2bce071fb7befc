using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// 7. History. (a) The price of remembering: a one-row UPDATE and its commit on <c>leads</c>, whose capture trigger writes
/// the change event, against the same on a copy of the table without the trigger (same columns, indexes and row-level
/// security); (b) the history's first page of 50 for a lead with 10,000 changes (RecordHistory) against the bare indexed
/// SELECT of the same rows; (c) the lead as of now from its nearest snapshot against replaying its 10,000 events.
/// </summary>
public sealed class HistoryBenchmark(BenchSettings s, Guid tenantId)
{
    public const int Writes = 200, Changes = 10_000;

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var lead = Guid.CreateVersion7();
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, $"""
            INSERT INTO leads (id, tenant_id, first_name, last_name, company, source, status, score, status_changed_at, created_at, updated_at, version)
            VALUES ('{lead}', '{tenantId}', 'Bench', 'History', 'Company 0', 'Website', 'New', 50, now(), now() - interval '30 days', now(), 1)
            """, $"""
            CREATE TABLE bench_leads_uncaptured (LIKE leads INCLUDING ALL);
            ALTER TABLE bench_leads_uncaptured ENABLE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON bench_leads_uncaptured USING (tenant_id = current_setting('app.tenant_id', true)::uuid)
                WITH CHECK (tenant_id = current_setting('app.tenant_id', true)::uuid);
            GRANT SELECT, INSERT, UPDATE, DELETE ON bench_leads_uncaptured TO {s.AppRole};
            INSERT INTO bench_leads_uncaptured SELECT * FROM leads WHERE id = '{lead}';
            """);

        await using var conn = await BenchDatabase.OpenAppConnectionAsync(s, tenantId);
        var n = 0;
        async Task WriteAsync(string table)
        {
            for (var i = 0; i < Writes; i++)
            {
                await using var cmd = new NpgsqlCommand($"UPDATE {table} SET company = @c, version = version + 1, updated_at = now() WHERE id = @id", conn);
                cmd.Parameters.AddWithValue("c", $"Company {++n}");
                cmd.Parameters.AddWithValue("id", lead);
                await cmd.ExecuteNonQueryAsync();
            }
        }
        var (captured, bare) = await Sampler.PairAsync($"{Writes} one-row UPDATE + commit on leads (change event written)", () => WriteAsync("leads"),
            $"the same on a copy without the capture trigger", () => WriteAsync("bench_leads_uncaptured"), warmup: 1, repetitions: 7);
        Console.WriteLine($"    {captured}\n    {bare}");
        var results = new List<Result> { Result.Timed("7a a write with its change event / the same write without capture", captured, bare, Goal.AtMost, 1.5, headline: true) };

        // The same price through the app's own write (SaveLead: read, validate, UPDATE with its version check, commit), the
        // trigger switched off and on by the owner between runs (untimed).
        await using var writer = BenchServices.As(s, tenantId);
        async Task SaveAsync()
        {
            for (var i = 0; i < Writes / 4; i++)
            {
                await using var scope = writer.CreateAsyncScope();
                var detail = (await scope.ServiceProvider.GetRequiredService<Autonomus.Core.Crm.Leads.LeadQueries>().GetAsync(lead))!;
                var input = Autonomus.Core.Crm.Leads.LeadInput.From(detail);
                input.Company = $"Saved {++n}";
                await scope.ServiceProvider.GetRequiredService<Autonomus.Core.Crm.Leads.SaveLead>().UpdateAsync(lead, detail.Version, input);
            }
        }
        var (saved, savedBare) = (new Samples($"{Writes / 4} SaveLead updates (change event written)"), new Samples("the same with the capture trigger off"));
        for (var i = 0; i < 8; i++)
            foreach (var on in i % 2 == 0 ? new[] { true, false } : [false, true])
            {
                await BenchDatabase.ExecuteAsync(s.OwnerConnection, $"ALTER TABLE leads {(on ? "ENABLE" : "DISABLE")} TRIGGER capture_change");
                var ms = await Sampler.TimeAsync(SaveAsync);
                if (i > 0) (on ? saved : savedBare).Add(ms);
            }
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, "ALTER TABLE leads ENABLE TRIGGER capture_change");
        Console.WriteLine($"    {saved}\n    {savedBare}");
        results.Add(Result.Timed("7a' the app's write (SaveLead) with its change event / without", saved, savedBare, Goal.AtMost, 1.5));

        // A lead with 10,000 changes (the trigger writes each event, as for any writer).
        await BenchDatabase.ExecuteAsync(s.OwnerConnection, $$"""
            DO $$ BEGIN
                FOR i IN 1..{{Changes - Writes * 8 - Writes / 4 * 8}} LOOP
                    UPDATE leads SET company = 'Bulk ' || i, version = version + 1, updated_at = now() WHERE id = '{{lead}}';
                END LOOP;
            END $$;
            """, "VACUUM (ANALYZE) change_events");
        var events = await BenchDatabase.ScalarAsync<long>(conn, "SELECT count(*) FROM change_events WHERE record_id = @id", ("id", lead));
        await using var system = BenchServices.As(s, tenantId);
        // The bare side is prepared once, as the app's statements are (Npgsql's automatic preparation), and planned for its
        // values each time: PostgreSQL's generic plan for it (one event per record expected) appends and sorts every event
        // of the record, ten times slower than the index order a plan for the actual record uses.
        await using var indexed = new NpgsqlCommand("""
            SELECT id, at, operation, version, actor_type, actor, cause, correlation_id, batch_id, changes::text
            FROM change_events WHERE tenant_id = @t AND record_id = @id AND record_type = 'Lead' ORDER BY id DESC LIMIT 51
            """, conn);
        indexed.Parameters.AddWithValue("t", tenantId);
        indexed.Parameters.AddWithValue("id", lead);
        await indexed.PrepareAsync();
        await using (var custom = new NpgsqlCommand("SET plan_cache_mode = force_custom_plan", conn)) await custom.ExecuteNonQueryAsync();
        var (page, plain) = await Sampler.PairAsync($"RecordHistory.ListAsync, first 50 of {events:N0} (visibility check, names, masking)", async () =>
        {
            await using var scope = system.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RecordHistory>().ListAsync(RecordType.Lead, lead, new HistoryFilter(), new PageRequest(0, 50));
        }, "bare SELECT of the same 50 rows by the record's index (prepared, as the app's statements are)", async () =>
        {
            await using var reader = await indexed.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }, warmup: 2, repetitions: 15);
        await using (var auto = new NpgsqlCommand("RESET plan_cache_mode", conn)) await auto.ExecuteNonQueryAsync();
        Console.WriteLine($"    {page}\n    {plain}");
        results.Add(Result.Timed($"7b history, first 50 of {events:N0} changes / bare indexed SELECT", page, plain, Goal.AtMost, 3, headline: true));

        // As of a moment after the last change: from the nearest snapshot (every 100 versions by default) and the events
        // after it, against replaying every event since creation — the same use case, snapshots off.
        var (snapshot, replay) = await Sampler.PairAsync($"the lead as of now from its nearest snapshot + the events after it ({events:N0} events)", async () =>
        {
            await using var scope = system.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RecordHistory>().AsOfAsync(RecordType.Lead, lead, DateTimeOffset.UtcNow);
        }, "the same replayed from every event since creation", async () =>
        {
            await using var scope = system.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RecordHistory>().AsOfAsync(RecordType.Lead, lead, DateTimeOffset.UtcNow, fromSnapshot: false);
        }, warmup: 1, repetitions: 5);
        Console.WriteLine($"    {snapshot}\n    {replay}");
        results.Add(Result.Timed($"7c as of now after {events:N0} changes: from a snapshot / replaying every event", snapshot, replay, Goal.FasterBy, 10, headline: true));
        return results;
    }
}
