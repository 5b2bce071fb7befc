using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Accounts;
using Autonomus.Core.Crm.Deals;
using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// A deal's history and the deal as it was last week, read by a manager in the browser; the manager restores last week's
/// amount (not the stage), approves the restore in the queue, and the history shows the whole chain.
/// </summary>
public sealed class RecordHistoryTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AManagerSeesADealAsItWasLastWeekRestoresTheAmountApprovesItAndTheHistoryShowsTheChain()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddDays(-10));
        Guid deal;
        await using (var manager = await browser.Database.ServicesAsAsync("manager@andes.demo", clock))
        {
            var account = await manager.GetRequiredService<SaveAccount>().CreateAsync(new AccountInput { Name = "Salmones del Pacífico" });
            deal = await manager.GetRequiredService<SaveDeal>().CreateAsync(new DealInput
            {
                Name = "Salmones – Annual licence", AccountId = account, Amount = 5_000_000, Currency = "CLP", ExpectedCloseDate = DateOnly.FromDateTime(now.AddDays(40).UtcDateTime),
            });
            clock.SetUtcNow(now.AddDays(-3));
            var detail = (await manager.GetRequiredService<DealQueries>().GetAsync(deal))!;
            var input = DealInput.From(detail);
            input.Amount = 7_500_000;
            await manager.GetRequiredService<SaveDeal>().UpdateAsync(deal, detail.Version, input);
            await manager.GetRequiredService<MoveDealStage>().HandleAsync(deal, detail.Version + 1, DealStage.Proposal);
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(await browser.Database.ScalarAsync<string>("SELECT time_zone FROM tenants WHERE id = @t", ("t", PostgresFixture.Andes)));
        var lastWeek = TimeZoneInfo.ConvertTime(now.AddDays(-7), zone).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var page = await browser.NewPageAsync("manager@andes.demo");
        await Screenshots.OnFailureAsync(page, nameof(AManagerSeesADealAsItWasLastWeekRestoresTheAmountApprovesItAndTheHistoryShowsTheChain), async () =>
        {
            await page.GotoAsync($"deals/{deal}");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var history = page.GetByTestId("history");
            await Assertions.Expect(history.GetByTestId("history-item")).ToHaveCountAsync(3);
            await Assertions.Expect(history.GetByTestId("history-item").First).ToContainTextAsync("Ana Pérez");
            await Assertions.Expect(history).ToContainTextAsync("Amount");

            await page.GetByTestId("as-of-input").FillAsync(lastWeek);
            await page.GetByTestId("as-of-show").ClickAsync();
            var amount = page.Locator("[data-testid=as-of-row][data-field=amount]");
            await Assertions.Expect(amount).ToHaveClassAsync("changed");
            await Assertions.Expect(amount.Locator("td").First).ToHaveTextAsync("5,000,000");
            await Assertions.Expect(amount.Locator("td").Nth(1)).ToHaveTextAsync("7,500,000");
            await Assertions.Expect(page.Locator("[data-testid=as-of-row][data-field=stage] td").First).ToHaveTextAsync("Prospecting");
            await Assertions.Expect(page.Locator("[data-testid=as-of-row][data-field=name]")).Not.ToHaveClassAsync("changed");

            // Restore the amount only: every other differing field is unticked. The edit it undoes is named.
            await Assertions.Expect(amount.GetByTestId("restore-conflict")).ToContainTextAsync("Ana Pérez");
            foreach (var box in await page.Locator("[data-testid=restore-field]:not([data-field=amount])").AllAsync()) await box.UncheckAsync();
            await Assertions.Expect(page.GetByTestId("restore-request")).ToContainTextAsync("(1)");
            await page.GetByTestId("restore-note").FillAsync("The increase was entered twice");
            await page.GetByTestId("restore-request").ClickAsync();
            await Assertions.Expect(page.GetByTestId("restore-requested")).ToBeVisibleAsync();
            Assert.Equal(7_500_000m, await browser.Database.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", deal)));

            await page.GetByTestId("restore-open").ClickAsync();
            var queue = new PageObjects.SuggestionsPage(page);
            await Assertions.Expect(queue.Diff.Locator("tr[data-field='Amount']")).ToContainTextAsync("5,000,000");
            await Assertions.Expect(queue.Reasoning).ToContainTextAsync("The increase was entered twice");
            await queue.ApproveButton.ClickAsync();
            await Assertions.Expect(queue.Trail).ToContainTextAsync("Action applied");

            await page.GotoAsync($"deals/{deal}");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(history.GetByTestId("history-item")).ToHaveCountAsync(4);
            var restored = history.GetByTestId("history-item").First;
            await Assertions.Expect(restored).ToContainTextAsync("7,500,000");
            await Assertions.Expect(restored).ToContainTextAsync("5,000,000");
            await Assertions.Expect(restored.Locator("a[href^='suggestions?id=']")).ToBeVisibleAsync();
        });
        Assert.Equal((5_000_000m, "Proposal"), (await browser.Database.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", deal)),
            await browser.Database.ScalarAsync<string>("SELECT stage FROM deals WHERE id = @d", ("d", deal))));
    }
}
