using Npgsql;
using Quartz;

namespace Autonomus.Web.Autonomy;

/// <summary>
/// Keeps each scheduled job's last run in <c>job_status</c> (start, node, duration, outcome, last error), whichever node
/// ran it, for the health panel. A failure to record is logged and never fails the job.
/// </summary>
public sealed class JobStatusRecorder(IConfiguration configuration, TimeProvider clock, ILogger<JobStatusRecorder> logger) : IJobListener
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(
        configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionName)) { ApplicationName = "autonomus-jobs" }.ConnectionString;

    public string Name => nameof(JobStatusRecorder);

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken ct = default) =>
        await RecordAsync("""
            INSERT INTO job_status (job, node, last_started_at) VALUES (@job, @node, @now)
            ON CONFLICT (job) DO UPDATE SET node = excluded.node, last_started_at = excluded.last_started_at
            """, context, null, ct);

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken ct = default) =>
        await RecordAsync("""
            UPDATE job_status SET
                last_finished_at = @now, last_duration_ms = @duration, runs = runs + 1,
                failures = failures + CASE WHEN @error IS NULL THEN 0 ELSE 1 END,
                last_succeeded_at = CASE WHEN @error IS NULL THEN @now ELSE last_succeeded_at END,
                last_error = coalesce(@error, last_error),
                last_error_at = CASE WHEN @error IS NULL THEN last_error_at ELSE @now END
            WHERE job = @job
            """, context, jobException, ct);

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;

    private async Task RecordAsync(string sql, IJobExecutionContext context, JobExecutionException? failure, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("job", context.JobDetail.Key.Name);
            command.Parameters.AddWithValue("node", context.Scheduler.SchedulerInstanceId);
            command.Parameters.AddWithValue("now", clock.GetUtcNow());
            command.Parameters.AddWithValue("duration", (long)context.JobRunTime.TotalMilliseconds);
            command.Parameters.Add(new NpgsqlParameter<string?>("error", NpgsqlTypes.NpgsqlDbType.Text)
            {
                TypedValue = failure is null ? null : Shorten(failure.InnerException?.Message ?? failure.Message),
            });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the run of job {Job}", context.JobDetail.Key.Name);
        }
    }

    private static string Shorten(string message) => message.Length <= 500 ? message : message[..500] + "…";
}
