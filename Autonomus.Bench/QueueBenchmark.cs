using Autonomus.Core.Common;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// 3. The review queue with 100,000 pending suggestions in one tenant: <see cref="SuggestionQueries.ListAsync"/>
/// (default filter and order, as the Admin) for the first page, page 100 and the last page, against the bare SQL
/// of the same page plus its count, on one open connection as the runtime role with the tenant set.
/// </summary>
public sealed class QueueBenchmark(BenchSettings s, Guid tenantId, DateTimeOffset now)
{
    public const int Pending = 100_000;
    private const int PageSize = 25;

    private const string Where = "tenant_id = @tenant AND status = 'Pending' AND (deferred_until IS NULL OR deferred_until <= now())";
    private const string PageSql = $"""
        SELECT id, trigger_type, agent, tool, summary, record_label, record_type, record_id, record_version, confidence,
               priority, status, engine, created_at, expires_at, deferred_until, conflict
        FROM suggestions WHERE {Where}
        ORDER BY priority DESC, created_at, id LIMIT @take OFFSET @skip
        """;
    private const string CountSql = $"SELECT count(*) FROM suggestions WHERE {Where}";

    public async Task<IReadOnlyList<Result>> RunAsync()
    {
        var results = new List<Result>();
        await FillAsync();

        Guid adminId;
        await using (var owner = new NpgsqlConnection(s.OwnerConnection))
        {
            await owner.OpenAsync();
            adminId = await BenchDatabase.ScalarAsync<Guid>(owner, "SELECT id FROM users WHERE email = 'admin@andes.demo'");
        }
        await using var services = BenchServices.As(s, tenantId, adminId, [Roles.Admin]);
        await using var conn = await BenchDatabase.OpenAppConnectionAsync(s, tenantId);

        async Task<Page<SuggestionRow>> List(int skip)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SuggestionQueries>().ListAsync(new SuggestionFilter(), new PageRequest(skip, PageSize));
        }
        async Task<(List<Guid> Ids, long Total)> Bare(int skip)
        {
            var ids = new List<Guid>(PageSize);
            await using (var page = new NpgsqlCommand(PageSql, conn))
            {
                page.Parameters.AddWithValue("tenant", tenantId);
                page.Parameters.AddWithValue("skip", skip);
                page.Parameters.AddWithValue("take", PageSize);
                await using var reader = await page.ExecuteReaderAsync();
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values); // every column decoded, as the EF projection does
                    ids.Add((Guid)values[0]);
                }
            }
            await using var count = new NpgsqlCommand(CountSql, conn);
            count.Parameters.AddWithValue("tenant", tenantId);
            return (ids, (long)(await count.ExecuteScalarAsync())!);
        }

        var (_, total) = await Bare(0);
        var lastPage = (int)((total - 1) / PageSize);
        Console.WriteLine($"    {total:N0} pending suggestions in the queue (not deferred), {lastPage + 1:N0} pages of {PageSize}");
        var listed = new Dictionary<int, Samples>();
        var middlePage = lastPage / 2;
        foreach (var (label, page) in new[] { ("first page", 0), ("page 100", 99), ($"middle page ({middlePage + 1:N0})", middlePage), ($"last page ({lastPage + 1:N0})", lastPage) })
        {
            var skip = page * PageSize;
            var one = await List(skip);
            var bare = await Bare(skip);
            if (!one.Items.Select(r => r.Id).SequenceEqual(bare.Ids) || one.TotalCount != bare.Total)
                throw new InvalidOperationException($"ListAsync and the bare SQL disagree on the {label}: the comparison would be meaningless.");
            var (m, b) = await Sampler.PairAsync($"ListAsync, {label}", () => List(skip), $"bare page + count SQL, {label}", () => Bare(skip),
                warmup: 2, repetitions: 11);
            Console.WriteLine($"    {m}\n    {b}");
            listed[page] = m;
            results.Add(Result.Timed($"3 queue {label}: ListAsync / bare page SQL + count", m, b, Goal.AtMost, 3, headline: page == 0));
        }
        // The last page is read from the queue's other end, so it should cost what the first does.
        results.Add(Result.Timed("3 queue last page / first page (ListAsync)", listed[lastPage], listed[0], Goal.AtMost, 1.5, headline: true));
        // The page farthest from both ends still skips half the queue (offset paging): shown against the same goal.
        results.Add(Result.Timed("3 queue middle page / first page (ListAsync)", listed[middlePage], listed[0], Goal.AtMost, 1.5));
        Console.WriteLine($"    plan of the page SQL, last page: {await PlanAsync(conn, PageSql, lastPage * PageSize)}");
        Console.WriteLine($"    plan of the count: {await PlanAsync(conn, CountSql, 0)}");
        return results;
    }

    /// <summary>
    /// Tops the tenant's queue up to 100,000 pending suggestions in one transaction: a trigger per lead without an
    /// open one (the suggestions' foreign key), then a schedule_follow_up suggestion per trigger, shaped like the
    /// playbook's (payload, facts, snapshot), with a spread of priorities and ages; 2% deferred to later, 2% deferred to
    /// a time already past. Distinct leads keep ux_suggestions_pending_per_record satisfied.
    /// </summary>
    private async Task FillAsync()
    {
        await using var conn = new NpgsqlConnection(s.OwnerConnection);
        await conn.OpenAsync();
        var existing = await BenchDatabase.ScalarAsync<long>(conn, "SELECT count(*) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", tenantId));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            // The leads first (with the new rows' ids), then the triggers and the suggestions from them: no join of the two.
            foreach (var sql in new[]
                     {
                         """
                         CREATE TEMP TABLE bench_picked ON COMMIT DROP AS
                         SELECT gen_random_uuid() AS trigger_id, gen_random_uuid() AS correlation_id,
                                @now - make_interval(secs => random() * 7 * 86400) AS detected_at,
                                l.id, l.first_name || ' ' || l.last_name AS label, l.version, l.status, l.company, l.owner_id,
                                8 + n % 60 AS days, n
                         FROM (SELECT l.*, row_number() OVER () AS n
                               FROM leads l
                               WHERE l.tenant_id = @t
                                 AND NOT EXISTS (SELECT 1 FROM triggers t WHERE t.tenant_id = @t AND t.type = 'lead_stagnant' AND t.record_id = l.id AND t.closed_at IS NULL)
                                 AND NOT EXISTS (SELECT 1 FROM suggestions x WHERE x.tenant_id = @t AND x.trigger_type = 'lead_stagnant' AND x.record_type = 'Lead'
                                                                              AND x.record_id = l.id AND x.status = 'Pending')
                               LIMIT @n) l
                         """,
                         """
                         INSERT INTO triggers (id, tenant_id, type, record_type, record_id, context, detected_at, correlation_id)
                         SELECT p.trigger_id, @t, 'lead_stagnant', 'Lead', p.id,
                                jsonb_build_object('days_stagnant', p.days, 'status', p.status, 'threshold_days', 7), p.detected_at, p.correlation_id
                         FROM bench_picked p
                         """,
                         """
                         INSERT INTO suggestions (id, tenant_id, trigger_id, trigger_type, agent, tool, payload, record_type, record_id, record_version,
                                                  record_label, summary, reasoning, record_snapshot, facts, confidence, priority, engine, status,
                                                  correlation_id, created_at, updated_at, expires_at, deferred_until)
                         SELECT gen_random_uuid(), @t, p.trigger_id, 'lead_stagnant', 'lead_intelligence', 'schedule_follow_up',
                                jsonb_build_object('recordType', 'Lead', 'recordId', p.id, 'type', 'Call', 'subject', 'Follow up with ' || p.label,
                                                   'body', 'No contact for ' || p.days || ' days. Reconnect about ' || coalesce(p.company, 'their needs') || ' and agree on a next step.',
                                                   'dueAt', @now + interval '1 day'),
                                'Lead', p.id, p.version, p.label, 'Call ' || p.label || ' tomorrow',
                                'Lead inactive for ' || p.days || ' days; no activity logged; status ' || p.status || '. A call within a day usually revives a stalled lead.',
                                jsonb_build_object('name', p.label, 'company', p.company, 'status', p.status, 'owner', p.owner_id)::text,
                                jsonb_build_object('days_stagnant', p.days, 'status', p.status, 'threshold_days', 7, 'record', p.label),
                                CASE WHEN p.n % 10 < 2 THEN 0.82 ELSE 0.7 END,
                                CASE WHEN p.n % 10 < 2 THEN 2 WHEN p.n % 10 < 8 THEN 1 ELSE 0 END,
                                'playbook:lead_stagnant@1', 'Pending', p.correlation_id, p.detected_at, p.detected_at, @now + interval '7 days',
                                CASE p.n % 50 WHEN 0 THEN @now + interval '2 days' WHEN 1 THEN @now - interval '1 day' END
                         FROM bench_picked p
                         """,
                     })
            {
                await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
                cmd.Parameters.AddWithValue("t", tenantId);
                cmd.Parameters.AddWithValue("n", Math.Max(0, Pending - existing));
                cmd.Parameters.AddWithValue("now", now);
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) triggers, suggestions", conn) { CommandTimeout = 0 })
            await vacuum.ExecuteNonQueryAsync();
        var pending = await BenchDatabase.ScalarAsync<long>(conn, "SELECT count(*) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", tenantId));
        Console.WriteLine($"    queue filled: {existing:N0} pending from the apply run + {pending - existing:N0} inserted = {pending:N0} pending, in {watch.Elapsed.TotalSeconds:F1} s (vacuumed)");
        if (pending != Pending) throw new InvalidOperationException($"The queue holds {pending:N0} pending suggestions, not {Pending:N0}.");
    }

    private async Task<string> PlanAsync(NpgsqlConnection conn, string sql, int skip)
    {
        await using var cmd = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + sql, conn);
        cmd.Parameters.AddWithValue("tenant", tenantId);
        cmd.Parameters.AddWithValue("skip", skip);
        cmd.Parameters.AddWithValue("take", PageSize);
        var nodes = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var line = reader.GetString(0).Trim();
            if (line.StartsWith("->", StringComparison.Ordinal) || nodes.Count == 0) nodes.Add(line.TrimStart('-', '>', ' '));
        }
        return string.Join(" → ", nodes);
    }
}
