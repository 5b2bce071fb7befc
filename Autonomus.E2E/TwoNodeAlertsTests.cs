using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>Two app nodes on one database: an alert raised through node 1 reaches a browser connected to node 2.</summary>
public sealed class TwoNodeAlertsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AKillSwitchEngagedOnNodeOneReachesAManagerOnNodeTwo()
    {
        await using var node2 = new AppFactory(browser.Database.Db.AppConnection);
        var node2Url = node2.StartKestrel();
        Assert.NotEqual(browser.BaseUrl.Port, node2Url.Port);
        await node2.Services.GetRequiredService<AlertListener>().Listening.WaitAsync(TimeSpan.FromSeconds(20));

        var admin = await browser.NewPageAsync("admin@andes.demo");         // node 1
        var manager = await browser.NewPageAsync("manager@andes.demo");     // signed in, then on node 2
        await Screenshots.OnFailureAsync(manager, nameof(AKillSwitchEngagedOnNodeOneReachesAManagerOnNodeTwo), async () =>
        {
            await manager.GotoAsync(new Uri(node2Url, "suggestions").ToString());
            await manager.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            Assert.StartsWith(node2Url.ToString(), manager.Url);

            await admin.GotoAsync("admin");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var panel = admin.GetByTestId("kill-switch");
            await panel.GetByLabel("Reason").FillAsync("Raised on node one");
            await panel.GetByTestId("engage-kill-switch").ClickAsync();

            var toast = manager.GetByTestId("toast").Filter(new() { HasText = "Kill switch engaged" });
            await Assertions.Expect(toast).ToContainTextAsync("Raised on node one", new() { Timeout = 5_000 });
            await Assertions.Expect(manager.GetByTestId("kill-switch-banner")).ToContainTextAsync("Raised on node one");
            Console.WriteLine($"Two nodes: kill switch engaged through node 1 ({browser.BaseUrl.Port}) reached the manager's browser on node 2 ({node2Url.Port}) without a reload.");

            await admin.GetByTestId("release-kill-switch").ClickAsync();
            await Assertions.Expect(manager.GetByTestId("toast").Filter(new() { HasText = "Kill switch released" })).ToBeVisibleAsync();
            await Assertions.Expect(manager.GetByTestId("kill-switch-banner")).ToHaveCountAsync(0);
        });
    }
}
