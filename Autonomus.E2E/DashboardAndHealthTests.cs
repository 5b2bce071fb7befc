using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>The dashboards and the health panel in a real browser, over the seeded data.</summary>
public sealed class DashboardAndHealthTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AManagerSeesThePipelineAndAutonomyChartsAndARepSeesThePlaceholder()
    {
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.OpportunityHot);
        var manager = await browser.NewPageAsync("manager@andes.demo");
        await Screenshots.OnFailureAsync(manager, nameof(AManagerSeesThePipelineAndAutonomyChartsAndARepSeesThePlaceholder), async () =>
        {
            await manager.GotoAsync("");
            await manager.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            // Charts are drawn as SVG once their figures arrive.
            await Assertions.Expect(manager.GetByTestId("open-pipeline").Locator("svg").First).ToBeVisibleAsync();
            await Assertions.Expect(manager.GetByTestId("leads").Locator("svg").First).ToBeVisibleAsync();
            await Assertions.Expect(manager.GetByTestId("autonomy-funnel")).ToBeVisibleAsync();
            // The default range: the last 90 UTC days, today included, from midnight.
            var suggestions = await browser.Database.ScalarAsync<long>("""
                SELECT count(*) FROM suggestions WHERE tenant_id = @t
                AND created_at >= (date_trunc('day', now() AT TIME ZONE 'UTC') - interval '89 days') AT TIME ZONE 'UTC'
                """, ("t", PostgresFixture.Andes));
            Assert.True(suggestions > 0);
            await Assertions.Expect(manager.GetByTestId("autonomy-funnel-figures"))
                .ToContainTextAsync($"{suggestions.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} suggestions");
            await manager.GetByTestId("range-365").ClickAsync();
            await Assertions.Expect(manager.GetByTestId("closed-deals").Locator("svg").First).ToBeVisibleAsync();
            await manager.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png"), FullPage = true });
        });

        var rep = await browser.NewPageAsync("rep1@andes.demo");
        await rep.GotoAsync("");
        await Assertions.Expect(rep.GetByTestId("dashboard-placeholder")).ToBeVisibleAsync();
        await Assertions.Expect(rep.GetByTestId("pipeline-dashboard")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnAdminReadsTheHealthPanelAndAManagerCannot()
    {
        var admin = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(admin, nameof(AnAdminReadsTheHealthPanelAndAManagerCannot), async () =>
        {
            await admin.GotoAsync("admin/health");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(admin.GetByTestId("health-database")).ToContainTextAsync("Reachable");
            var pending = await browser.Database.ScalarAsync<long>(
                "SELECT count(*) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", PostgresFixture.Andes));
            await Assertions.Expect(admin.GetByTestId("queue-depth")).ToHaveTextAsync(pending.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(admin.GetByTestId("health-alerts")).ToContainTextAsync("This node is listening.");
            await Assertions.Expect(admin.GetByTestId("health-llm")).ToContainTextAsync("Not configured");
            // The scheduler is off in this fixture: the panel says so rather than showing nothing.
            await Assertions.Expect(admin.GetByTestId("scheduler-off")).ToBeVisibleAsync();
            await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "health.png"), FullPage = true });
        });

        var manager = await browser.NewPageAsync("manager@andes.demo");
        await manager.GotoAsync("admin/health");
        Assert.Contains("/Account/AccessDenied", manager.Url);
    }
}
