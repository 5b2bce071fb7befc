using Autonomus.Core.History;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.History;

/// <summary>
/// Change events and ledger entries are partitioned by month: a query bounded in time reads only its months (EXPLAIN shows
/// the others pruned), the maintenance makes months ahead and moves into its month what waited in the default partition,
/// and the runtime role has no rights on a partition itself (it reads through the parent, under row-level security).
/// </summary>
public sealed class PartitionTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private async Task<string> ExplainAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(pg.Db.AppConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET app.tenant_id = '{PostgresFixture.Andes}'; EXPLAIN {sql}", connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }

    [Fact]
    public async Task AQueryBoundedInTimeReadsOnlyItsMonths()
    {
        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var name = $"{month:yyyy_MM}";
        var next = month.AddMonths(1);
        var plan = await ExplainAsync($"SELECT count(*) FROM change_events WHERE at >= '{month:yyyy-MM-dd}' AND at < '{next:yyyy-MM-dd}'");
        Assert.Contains($"change_events_{name}", plan);
        Assert.DoesNotContain($"change_events_{month.AddMonths(-1):yyyy_MM}", plan);
        Assert.DoesNotContain("change_events_default", plan);
        Assert.DoesNotContain("change_events_before", plan);

        // The as-of cutoff (events up to a moment) leaves out every month after it; the ledger's months likewise.
        var asOf = await ExplainAsync($"SELECT max(id) FROM change_events WHERE record_id = '{Guid.Empty}' AND at <= '{month.AddMonths(-2):yyyy-MM-dd}'");
        Assert.DoesNotContain($"change_events_{name}", asOf);
        Assert.Contains("change_events_before", asOf);
        var ledger = await ExplainAsync($"SELECT count(*) FROM ledger_entries WHERE at >= '{month:yyyy-MM-dd}'");
        Assert.Contains($"ledger_entries_{name}", ledger);
        Assert.DoesNotContain($"ledger_entries_{month.AddMonths(-1):yyyy_MM}", ledger);
    }

    [Fact]
    public async Task MaintenanceMakesMonthsAheadAndMovesWhatWaitedInTheDefaultPartition()
    {
        var beyond = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(MaintainPartitions.MonthsAhead + 1);
        var partition = $"change_events_{beyond:yyyy_MM}";
        // The owner drops the month beyond the horizon (if a previous run made it) and writes an event there: it waits in the default partition.
        await using (var owner = new NpgsqlConnection(pg.Db.OwnerConnection))
        {
            await owner.OpenAsync();
            await using var setUp = new NpgsqlCommand($"""
                DROP TABLE IF EXISTS {partition};
                INSERT INTO change_events (tenant_id, record_type, record_id, operation, changes, actor, actor_type, at, tx)
                VALUES ('{PostgresFixture.Andes}', 'Lead', '{Guid.CreateVersion7()}', 'updated', '{"{}"}', 'system', 'system', '{beyond.AddDays(3):yyyy-MM-dd}', pg_current_xact_id());
                """, owner);
            await setUp.ExecuteNonQueryAsync();
        }
        Assert.Equal(1, await pg.ScalarAsync<long>($"SELECT count(*) FROM change_events_default WHERE at >= '{beyond:yyyy-MM-dd}'"));

        // The job's horizon, stretched one month for the test: the month is made and the waiting event moved into it.
        await using (var runtime = new NpgsqlConnection(pg.Db.AppConnection))
        {
            await runtime.OpenAsync();
            await using var ensure = new NpgsqlCommand($"SELECT ensure_month_partitions('change_events', {MaintainPartitions.MonthsAhead + 1})", runtime);
            Assert.True((int)(await ensure.ExecuteScalarAsync())! >= 1);
            // And reaching a partition directly is refused to the runtime role.
            await using var direct = new NpgsqlCommand($"SELECT count(*) FROM {partition}", runtime);
            var denied = await Assert.ThrowsAsync<PostgresException>(() => direct.ExecuteScalarAsync());
            Assert.Equal("42501", denied.SqlState);
        }
        Assert.Equal(0, await pg.ScalarAsync<long>($"SELECT count(*) FROM change_events_default WHERE at >= '{beyond:yyyy-MM-dd}'"));
        Assert.Equal(1, await pg.ScalarAsync<long>($"SELECT count(*) FROM {partition}"));

        await using var system = pg.Services(PostgresFixture.Andes);
        Assert.Equal(0, await system.GetRequiredService<MaintainPartitions>().HandleAsync());
    }
}
