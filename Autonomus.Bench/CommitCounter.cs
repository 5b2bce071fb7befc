using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// Counts the transactions the bench database commits, from <c>pg_stat_database.xact_commit</c>.
/// Since PostgreSQL 15 a backend keeps its counts locally and flushes them to shared memory when it goes
/// idle, at most once a second (otherwise about ten seconds later, or when it exits); every read-only
/// statement outside a transaction is a commit too. So a count is bracketed like this:
/// every connection to the bench database is closed first (their backends flush as they exit);
/// then one pooled connection — the one the app's pool will hand out next — runs
/// <c>pg_stat_force_next_flush()</c>, which flushes before the server answers; the counter is read (from the
/// <c>postgres</c> database, whose own commits do not count here); the work runs; the same pooled connection
/// flushes again; the counter is read again. Callers take the difference of two brackets (e.g. around nothing and
/// around N operations), so the bracket's own statements cancel out. Autovacuum also commits: its runs during a
/// bracket are reported.
/// </summary>
public sealed class CommitCounter(BenchSettings s)
{
    public sealed record Count(long Commits, long Rollbacks, int OtherBackends, long AutovacuumRuns);

    public async Task<Count> MeasureAsync(Func<Task> work)
    {
        var autovacuum = await AutovacuumRunsAsync();
        await QuiesceAsync();
        await FlushPooledAsync();
        var before = await ReadAsync();
        await work();
        await FlushPooledAsync();
        var after = await ReadAsync();
        var others = await BackendsAsync() - 1;
        return new(after.Commits - before.Commits, after.Rollbacks - before.Rollbacks, others, await AutovacuumRunsAsync() - autovacuum);
    }

    /// <summary>Autovacuum and autoanalyze runs so far in the bench database (read outside the bracket: this connection commits too).</summary>
    private async Task<long> AutovacuumRunsAsync()
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(s.AdminConnection) { Database = BenchSettings.Database, Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        return await BenchDatabase.ScalarAsync<long>(conn, "SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0)::bigint FROM pg_stat_all_tables");
    }

    /// <summary>Closes every pooled connection and waits until no client backend is left in the bench database.</summary>
    public async Task QuiesceAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var i = 0; i < 200 && await BackendsAsync() > 0; i++) await Task.Delay(25);
        if (await BackendsAsync() > 0) throw new InvalidOperationException("Other sessions stay connected to the bench database; commits cannot be counted.");
    }

    private async Task FlushPooledAsync()
    {
        // The app's pool: its connection string is the tuned one (Data's DependencyInjection), a pool of its own.
        await using var conn = new NpgsqlConnection(Microsoft.Extensions.DependencyInjection.DataServiceCollectionExtensions.Tuned(s.AppConnection));
        await conn.OpenAsync();
        // Reading a table leaves relation statistics pending: a backend with nothing pending skips the flush and
        // would keep the commits of statements that touch no table (SELECT set_config(…), DISCARD ALL) to itself.
        await using var cmd = new NpgsqlCommand("SELECT pg_stat_force_next_flush() FROM pg_catalog.pg_database LIMIT 1", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<int> BackendsAsync()
    {
        await using var conn = new NpgsqlConnection(s.AdminConnection);
        await conn.OpenAsync();
        return (int)await BenchDatabase.ScalarAsync<long>(conn,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND backend_type = 'client backend'", ("db", BenchSettings.Database));
    }

    private async Task<(long Commits, long Rollbacks)> ReadAsync()
    {
        await using var conn = new NpgsqlConnection(s.AdminConnection);
        await conn.OpenAsync();
        // A fresh transaction sees the current shared counters (pg_stat_clear_snapshot() for good measure).
        await using var cmd = new NpgsqlCommand(
            "SELECT pg_stat_clear_snapshot(); SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = @db", conn);
        cmd.Parameters.AddWithValue("db", BenchSettings.Database);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
