using Autonomus.Core.Authorization;
using Autonomus.Core.Health;
using Autonomus.Core.Ledger;
using Autonomus.Core.Tenancy;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Autonomy;
using Autonomus.Web.Health;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Autonomus.Tests.Alerts;

/// <summary>The health panel's figures, from a node running the real scheduler over its own database.</summary>
public sealed class HealthTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task EveryScheduledJobShowsItsLastRunNodeDurationAndNextRun()
    {
        await using var app = new AppFactory(pg.Db.AppConnection, settings: new Dictionary<string, string>
        {
            ["Autonomus:Autonomy:SchedulerEnabled"] = "true",
            ["Autonomus:Autonomy:StartDelaySeconds"] = "0",
            ["Autonomus:Autonomy:SlaWatchIntervalSeconds"] = "5",
        });
        _ = app.CreateClient();
        for (var i = 0; i < 300 && await pg.CountAsync("SELECT count(*) FROM job_status WHERE job = 'watch-review-sla' AND runs >= 1") == 0; i++)
            await Task.Delay(100);

        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<NodeHealth>().GetAsync();

        Assert.True(report.SchedulerRunning);
        Assert.True(report.Database.Reachable);
        Assert.True(report.AlertsListening);
        var sla = Assert.Single(report.Jobs, j => j.Job == "watch-review-sla");
        Assert.Equal(report.Node, sla.Node);
        Assert.True(sla.Runs >= 1);
        Assert.Equal(0, sla.Failures);
        Assert.NotNull(sla.LastDurationMs);
        Assert.True(sla.NextRunAt > sla.LastStartedAt, $"next {sla.NextRunAt} after last {sla.LastStartedAt}");
        // Every job the node schedules is listed, run or not yet.
        Assert.Contains(report.Jobs, j => j.Job == "verify-ledgers");
        Assert.Contains(report.Jobs, j => j.Job == "detect-lead_stagnant");

        // The scheduler's state is part of readiness: a node whose scheduler stands by is not ready.
        var client = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await (await scope.ServiceProvider.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler()).Standby();
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task AJobThatFailsForOneTenantRunsTheOthersAlertsThatTenantsAdminsAndFailsWithoutDetails()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var url = app.StartKestrel();
        await app.Services.GetRequiredService<Autonomus.Web.Alerts.AlertListener>().Listening.WaitAsync(TimeSpan.FromSeconds(20));
        await using var andes = await AlertClient.ConnectAsAsync(url, pg, "admin@andes.demo");
        await using var andesManager = await AlertClient.ConnectAsAsync(url, pg, "manager@andes.demo");
        await using var northwind = await AlertClient.ConnectAsAsync(url, pg, "admin@northwind.demo");
        var ran = new List<Guid>();
        var scopes = app.Services.GetRequiredService<TenantScopes>();

        var failure = await Assert.ThrowsAsync<JobExecutionException>(() => scopes.ForEachTenantAsync("test job", (_, tenant) =>
        {
            ran.Add(tenant);
            return tenant == PostgresFixture.Andes ? throw new InvalidOperationException("secret detail") : Task.CompletedTask;
        }, CancellationToken.None));

        Assert.Equal(2, ran.Distinct().Count());
        Assert.Equal("test job failed for some organisations; the server log has the details.", failure.Message);
        var alert = await andes.NextAsync(a => a.Kind == Autonomus.Core.Alerts.AlertKinds.JobFailed);
        Assert.Equal(("test job", PostgresFixture.Andes), (alert.Job, alert.Tenant));
        Assert.DoesNotContain("secret", alert.Reason);
        // Job failures are for Admins only, and only their own tenant's.
        await Task.Delay(500);
        Assert.Empty(northwind.Drain());
        Assert.DoesNotContain(andesManager.Drain(), a => a.Kind == Autonomus.Core.Alerts.AlertKinds.JobFailed);

        // Failing again on the next run does not alert again within the hour.
        await Assert.ThrowsAsync<JobExecutionException>(() => scopes.ForEachTenantAsync("test job",
            (_, tenant) => tenant == PostgresFixture.Andes ? throw new InvalidOperationException("again") : Task.CompletedTask, CancellationToken.None));
        await Task.Delay(500);
        Assert.DoesNotContain(andes.Drain().Skip(andes.Received.IndexOf(alert) + 1), a => a.Kind == Autonomus.Core.Alerts.AlertKinds.JobFailed);
    }

    [Fact]
    public async Task AnAdminSeesTheQueueDepthTheOldestPendingAndWhenTheLedgerWasLastVerified()
    {
        var clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
        var lead = await new CrmRecords(pg, PostgresFixture.Andes).LeadAsync(clock.GetUtcNow().AddDays(-30));
        await pg.ConfigureAsync(PostgresFixture.Andes, s => s.MaxTriggersPerRun = 100_000);
        await pg.SuggestionForAsync(PostgresFixture.Andes, clock, Autonomus.Core.Triggers.TriggerTypes.LeadStagnant, lead);
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", clock);

        var verification = await admin.GetRequiredService<VerifyLedger>().HandleAsync();
        var health = await admin.GetRequiredService<TenantHealthQueries>().GetAsync();

        Assert.Equal(await pg.CountAsync("SELECT count(*) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", PostgresFixture.Andes)),
            health.Queue.Pending);
        Assert.Equal(await pg.ScalarAsync<DateTime>("SELECT min(created_at) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", PostgresFixture.Andes)),
            health.Queue.OldestPendingAt!.Value.UtcDateTime);
        Assert.Equal(clock.GetUtcNow(), health.Ledger.LastVerifiedAt);
        Assert.True(health.Ledger.Intact);
        Assert.Equal(verification.EntriesChecked, health.Ledger.EntriesVerified);
        Assert.Equal(await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE tenant_id = @t", ("t", PostgresFixture.Andes)), health.Ledger.Entries);
        // No model call was ever made for this tenant: the panel says none, with nothing spent.
        Assert.Equal((null, 0, 0L), (health.Llm.LastCallAt, health.Llm.CallsLast24Hours, health.Llm.TokensThisMonth));

        await using var manager = await pg.ServicesAsAsync("manager@andes.demo");
        await Assert.ThrowsAsync<AccessDenied>(() => manager.GetRequiredService<TenantHealthQueries>().GetAsync());
    }
}
