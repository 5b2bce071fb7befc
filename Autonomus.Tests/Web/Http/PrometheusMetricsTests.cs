using System.Net;
using Autonomus.Core.Telemetry;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Http;

public sealed class PrometheusMetricsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task MetricsShowTheAppsOwnInstrumentsInPrometheusTextFormat()
    {
        await using var app = new AppFactory(pg.Db.AppConnection, settings: new Dictionary<string, string> { ["Autonomus:Metrics:ScrapeToken"] = "scrape-secret-123" });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "scrape-secret-123");
        // Another app in this process records too: only this app's instruments may appear in its /metrics.
        await using var other = new AppFactory(pg.Db.AppConnection);
        _ = other.CreateClient();
        other.Services.GetRequiredService<AutonomyMetrics>().TriggersDetected(TriggerTypes.DealDecay, 5);

        var metrics = app.Services.GetRequiredService<AutonomyMetrics>();
        metrics.TriggersDetected(TriggerTypes.LeadStagnant, 3);
        metrics.TriggersDetected(TriggerTypes.LeadStagnant, 4);
        metrics.ApplyDuration("schedule_follow_up", 12.5);
        metrics.ApplyDuration("schedule_follow_up", 7.5);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE autonomus_triggers_detected_total counter", text);
        Assert.Contains("autonomus_triggers_detected_total{type=\"lead_stagnant\"} 7", text);
        Assert.DoesNotContain("deal_decay", text);
        Assert.Contains("# TYPE autonomus_apply_duration_milliseconds summary", text);
        Assert.Contains("autonomus_apply_duration_milliseconds_count{tool=\"schedule_follow_up\"} 2", text);
        Assert.Contains("autonomus_apply_duration_milliseconds_sum{tool=\"schedule_follow_up\"} 20", text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task MetricsRefuseAnyoneButTheConfiguredScraper(string? token)
    {
        // The test host has no client address (not loopback): only the scrape token would do.
        await using var app = new AppFactory(pg.Db.AppConnection, settings: new Dictionary<string, string> { ["Autonomus:Metrics:ScrapeToken"] = "scrape-secret-123" });
        var client = app.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("autonomus_", await response.Content.ReadAsStringAsync());
    }
}
