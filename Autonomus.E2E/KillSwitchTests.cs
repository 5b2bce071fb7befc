using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class KillSwitchTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminEngagesTheKillSwitchTheQueueShowsItApprovalsAreRefusedAndReleaseRestoresThem()
    {
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.OpportunityHot);
        var admin = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(admin, nameof(AnAdminEngagesTheKillSwitchTheQueueShowsItApprovalsAreRefusedAndReleaseRestoresThem), async () =>
        {
            await admin.GotoAsync("admin");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var panel = admin.GetByTestId("kill-switch");
            await Assertions.Expect(panel.GetByTestId("engage-kill-switch")).ToBeDisabledAsync();
            await panel.GetByLabel("Reason").FillAsync("Bad data import under investigation");
            await panel.GetByTestId("engage-kill-switch").ClickAsync();
            await Assertions.Expect(panel).ToContainTextAsync("Bad data import under investigation");

            var queue = new SuggestionsPage(admin);
            await queue.OpenAsync();
            await Assertions.Expect(admin.GetByTestId("kill-switch-banner")).ToContainTextAsync("Kill switch engaged");
            await queue.OpenRowAsync(0);
            await Assertions.Expect(queue.ApproveButton).ToBeEnabledAsync();
            var id = Guid.Parse((await SuggestionsPage.IdOfAsync(queue.CurrentRow))!);
            await queue.ApproveButton.ClickAsync();
            await Assertions.Expect(queue.Outcome).ToContainTextAsync("kill switch is engaged");
            Assert.Equal("Pending", await browser.Database.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));

            await admin.GotoAsync("admin");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await admin.GetByTestId("release-kill-switch").ClickAsync();
            await Assertions.Expect(admin.GetByTestId("engage-kill-switch")).ToBeVisibleAsync();

            await queue.OpenAsync($"?id={id}");
            await Assertions.Expect(admin.GetByTestId("kill-switch-banner")).ToHaveCountAsync(0);
            await Assertions.Expect(queue.ApproveButton).ToBeEnabledAsync();
            await queue.ApproveButton.ClickAsync();
            await Assertions.Expect(queue.Outcome).Not.ToContainTextAsync("kill switch");
            Assert.Equal("Applied", await browser.Database.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));
            Assert.Equal(2, await browser.Database.ScalarAsync<long>(
                "SELECT count(*) FROM ledger_entries WHERE tenant_id = @t AND kind IN ('kill_switch_engaged', 'kill_switch_released')", ("t", PostgresFixture.Andes)));
        });
    }

    [Fact]
    public async Task AnAuditorReadsAndVerifiesTheLedgerButReachesNeitherTheQueueNorTheKillSwitch()
    {
        var auditor = await browser.NewPageAsync("auditor@andes.demo");
        await Screenshots.OnFailureAsync(auditor, nameof(AnAuditorReadsAndVerifiesTheLedgerButReachesNeitherTheQueueNorTheKillSwitch), async () =>
        {
            await auditor.GotoAsync("ledger");
            await auditor.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(auditor.GetByTestId("ledger-grid")).ToBeVisibleAsync();
            await auditor.GetByTestId("verify-ledger").ClickAsync();
            await Assertions.Expect(auditor.GetByTestId("verify-result")).ToContainTextAsync("entries verified", new() { Timeout = 30_000 });

            foreach (var path in new[] { "suggestions", "admin" })
            {
                await auditor.GotoAsync(path);
                await Assertions.Expect(auditor.GetByTestId("kill-switch")).ToHaveCountAsync(0);
                await Assertions.Expect(auditor.GetByTestId("suggestions-grid")).ToHaveCountAsync(0);
            }
        });
    }
}
