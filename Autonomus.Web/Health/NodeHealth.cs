using System.Diagnostics;
using Autonomus.Web.Alerts;
using Npgsql;
using Quartz;

namespace Autonomus.Web.Health;

public sealed record JobHealth(string Job, string? Node, DateTimeOffset? LastStartedAt, DateTimeOffset? LastFinishedAt, long? LastDurationMs,
    DateTimeOffset? NextRunAt, DateTimeOffset? LastSucceededAt, string? LastError, DateTimeOffset? LastErrorAt, long Runs, long Failures)
{
    /// <summary>The last run failed (a later success clears it).</summary>
    public bool Failing => LastErrorAt is { } error && (LastSucceededAt is null || error > LastSucceededAt);
}

public sealed record DatabaseHealth(bool Reachable, double? RoundTripMs, string? Version, string? Error);

public sealed record NodeHealthReport(string Node, bool SchedulerRunning, IReadOnlyList<JobHealth> Jobs, DatabaseHealth Database, bool AlertsListening,
    bool LlmConfigured, string? LlmModel);

/// <summary>
/// The machinery's side of the health panel: the scheduled jobs (as recorded by every node, with this cluster's next
/// fire times), the database as this node reaches it, and this node's alert listener. Nothing here is tenant data.
/// </summary>
public sealed class NodeHealth(IConfiguration configuration, IServiceProvider services, AlertListener alerts,
    Autonomus.Core.Suggestions.Llm.AiOptions ai, ILogger<NodeHealth> logger)
{
    private sealed record Recorded(string Node, DateTimeOffset Started, DateTimeOffset? Finished, long? DurationMs, DateTimeOffset? Succeeded,
        string? Error, DateTimeOffset? ErrorAt, long Runs, long Failures);

    public async Task<NodeHealthReport> GetAsync(CancellationToken ct = default)
    {
        var (database, recorded) = await ReadDatabaseAsync(ct);
        var scheduler = services.GetService<ISchedulerFactory>() is { } factory ? await factory.GetScheduler(ct) : null;
        var next = new Dictionary<string, DateTimeOffset?>();
        if (scheduler?.Status == SchedulerStatus.Running)
            foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct))
                next[key.Name] = (await scheduler.GetTriggersOfJob(key, ct)).Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();

        var jobs = next.Keys.Union(recorded.Keys).Order().Select(name =>
        {
            var r = recorded.GetValueOrDefault(name);
            return new JobHealth(name, r?.Node, r?.Started, r?.Finished, r?.DurationMs, next.GetValueOrDefault(name), r?.Succeeded, r?.Error, r?.ErrorAt,
                r?.Runs ?? 0, r?.Failures ?? 0);
        }).ToList();
        return new NodeHealthReport(scheduler?.SchedulerInstanceId ?? Environment.MachineName, scheduler?.Status == SchedulerStatus.Running,
            jobs, database, alerts.Listening.IsCompletedSuccessfully && alerts.IsConnected, ai.IsConfigured, ai.Model);
    }

    private async Task<(DatabaseHealth, Dictionary<string, Recorded>)> ReadDatabaseAsync(CancellationToken ct)
    {
        var recorded = new Dictionary<string, Recorded>();
        try
        {
            await using var connection = new NpgsqlConnection(configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionName));
            await connection.OpenAsync(ct);
            var watch = Stopwatch.StartNew();
            await using (var ping = new NpgsqlCommand("SELECT 1", connection)) await ping.ExecuteScalarAsync(ct);
            var roundTrip = watch.Elapsed.TotalMilliseconds;
            await using var read = new NpgsqlCommand("""
                SELECT job, node, last_started_at, last_finished_at, last_duration_ms, last_succeeded_at, last_error, last_error_at, runs, failures
                FROM job_status
                """, connection);
            await using (var row = await read.ExecuteReaderAsync(ct))
                while (await row.ReadAsync(ct))
                    recorded[row.GetString(0)] = new Recorded(row.GetString(1), row.GetFieldValue<DateTimeOffset>(2), Nullable<DateTimeOffset>(row, 3),
                        row.IsDBNull(4) ? null : row.GetInt64(4), Nullable<DateTimeOffset>(row, 5), row.IsDBNull(6) ? null : row.GetString(6),
                        Nullable<DateTimeOffset>(row, 7), row.GetInt64(8), row.GetInt64(9));
            return (new DatabaseHealth(true, Math.Round(roundTrip, 2), $"PostgreSQL {connection.PostgreSqlVersion}", null), recorded);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The panel says what kind of trouble; the details (hosts, roles) stay in the log.
            logger.LogWarning(e, "Health check could not reach the database");
            return (new DatabaseHealth(false, null, null, e is TimeoutException or NpgsqlException { IsTransient: true }
                ? "no answer in time" : "the connection was refused or failed"), recorded);
        }
    }

    private static T? Nullable<T>(NpgsqlDataReader row, int ordinal) where T : struct =>
        row.IsDBNull(ordinal) ? null : row.GetFieldValue<T>(ordinal);
}
