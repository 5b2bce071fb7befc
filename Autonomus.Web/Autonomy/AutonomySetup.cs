using Autonomus.Core.Triggers;
using Autonomus.Data.Database;
using Autonomus.Web.Autonomy;
using Quartz;


namespace Microsoft.Extensions.DependencyInjection;

public static class AutonomySetup
{
    /// <summary>
    /// The trigger engine: Quartz with its ADO job store in the app's PostgreSQL, clustered, so several nodes
    /// fire each schedule once. One job per detector (its own interval) and one that expires suggestions.
    /// </summary>
    public static IServiceCollection AddAutonomyScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AutonomyOptions.Section).Get<AutonomyOptions>() ?? new AutonomyOptions();
        services.AddSingleton(options);
        services.AddSingleton<TenantScopes>();
        if (!options.SchedulerEnabled) return services;

        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionName)!;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "autonomus");
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(Npgsql.NpgsqlFactory.Instance, connectionString);
                store.ConfigureStore(o => o.TablePrefix = QuartzSchema.TablePrefix);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(10);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                });
            });
            var start = DateTimeOffset.UtcNow.AddSeconds(options.StartDelaySeconds);
            foreach (var type in TriggerTypes.Detected.Select(d => d.Type))
            {
                var job = new JobKey($"detect-{type}", "autonomy");
                q.AddJob<DetectTriggersJob>(j => j.WithIdentity(job).StoreDurably().UsingJobData(DetectTriggersJob.TriggerTypeKey, type));
                q.AddTrigger(t => t.ForJob(job).WithIdentity($"every-{type}", "autonomy").StartAt(start)
                    .WithSimpleSchedule(s => s.WithInterval(options.IntervalFor(type)).RepeatForever()));
            }
            // Its trigger keeps the name it was first stored under: the job store is persistent, and a renamed trigger
            // would leave the old one firing too.
            Every<ExpireSuggestionsJob>(q, "expire-suggestions", TimeSpan.FromSeconds(options.ExpiryIntervalSeconds), start, trigger: "every-expiry");
            Every<WatchReviewSlaJob>(q, "watch-review-sla", TimeSpan.FromSeconds(Math.Max(5, options.SlaWatchIntervalSeconds)), start);
            Every<EarnAutonomyJob>(q, "earn-autonomy", TimeSpan.FromSeconds(Math.Max(5, options.EarnAutonomyIntervalSeconds)), start);
            // Stored as "lead-score" when it scored leads only: the name stays, so the stored job is replaced, not orphaned.
            Every<PredictionJob>(q, "lead-score", TimeSpan.FromSeconds(Math.Max(5, options.ScoringIntervalSeconds)), start);
            Every<DataAccessJob>(q, "watch-data-access", TimeSpan.FromSeconds(Math.Max(5, options.DataAccessIntervalSeconds)), start);
            Every<OutboxJob>(q, "deliver-outbox", TimeSpan.FromSeconds(Math.Max(2, options.OutboxIntervalSeconds)), start);
            Every<VerifyLedgersJob>(q, "verify-ledgers", TimeSpan.FromHours(Math.Max(1, options.LedgerVerifyIntervalHours)), start);
            Every<HistoryPartitionsJob>(q, "history-partitions", TimeSpan.FromHours(24), start);
            Every<HistoryConsistencyJob>(q, "history-consistency", TimeSpan.FromHours(Math.Max(1, options.HistoryCheckIntervalHours)), start);
            q.AddJobListener<JobStatusRecorder>([GroupMatcher<JobKey>.AnyGroup()]);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHealthChecks().AddCheck<Autonomus.Web.Health.SchedulerHealthCheck>("scheduler", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    private static void Every<TJob>(IQuartzBuilder q, string name, TimeSpan interval, DateTimeOffset start, string? trigger = null) where TJob : IJob
    {
        var job = new JobKey(name, "autonomy");
        q.AddJob<TJob>(j => j.WithIdentity(job).StoreDurably());
        q.AddTrigger(t => t.ForJob(job).WithIdentity(trigger ?? $"every-{name}", "autonomy").StartAt(start)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
