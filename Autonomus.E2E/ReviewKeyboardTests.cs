using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>Reviewing from the keyboard: j/k move, e edits, r rejects with a reason, a approves, ? lists the keys.</summary>
public sealed class ReviewKeyboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Manager = "manager@andes.demo";

    public async Task InitializeAsync()
    {
        if (await browser.Database.ScalarAsync<long>("SELECT count(*) FROM suggestions") > 0) return;
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.LeadStagnant, TriggerTypes.ContactInactive);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ShortcutsMoveThroughTheQueueEditRejectAndApprove()
    {
        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(ShortcutsMoveThroughTheQueueEditRejectAndApprove), async () =>
        {
            var queue = new SuggestionsPage(page);
            await queue.OpenAsync();
            await Assertions.Expect(queue.Rows.First).ToBeVisibleAsync();

            await queue.PressAsync("?");
            await Assertions.Expect(page.GetByTestId("shortcuts")).ToBeVisibleAsync();
            await queue.PressAsync("?");
            await Assertions.Expect(page.GetByTestId("shortcuts")).ToBeHiddenAsync();

            var first = await SuggestionsPage.IdOfAsync(queue.Rows.Nth(0));
            var second = await SuggestionsPage.IdOfAsync(queue.Rows.Nth(1));
            await queue.PressAsync("j");
            await Assertions.Expect(queue.CurrentRow.GetByTestId("open-suggestion")).ToHaveAttributeAsync("data-suggestion-id", first!);
            await queue.PressAsync("j");
            await Assertions.Expect(queue.CurrentRow.GetByTestId("open-suggestion")).ToHaveAttributeAsync("data-suggestion-id", second!);
            await queue.PressAsync("k");
            await Assertions.Expect(queue.CurrentRow.GetByTestId("open-suggestion")).ToHaveAttributeAsync("data-suggestion-id", first!);
            await Assertions.Expect(queue.Summary).ToHaveTextAsync(await queue.Rows.Nth(0).GetByTestId("open-suggestion").InnerTextAsync());

            await queue.PressAsync("e");
            await Assertions.Expect(page.GetByTestId("schema-form")).ToBeVisibleAsync();
            await queue.PressAsync("e");
            await Assertions.Expect(page.GetByTestId("schema-form")).ToBeHiddenAsync();

            // r asks for a reason (focused), and nothing is rejected without one.
            await queue.PressAsync("r");
            var reason = page.GetByLabel("Why reject it? *");
            await Assertions.Expect(reason).ToBeFocusedAsync();
            await Assertions.Expect(page.GetByTestId("confirm-reject")).ToBeDisabledAsync();
            await reason.FillAsync("Already spoke to them yesterday");
            await page.GetByTestId("confirm-reject").ClickAsync();
            await Assertions.Expect(queue.Outcome).ToHaveTextAsync("Rejected.");
            Assert.Equal("Rejected", await browser.Database.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", Guid.Parse(first!))));
            Assert.Equal("Already spoke to them yesterday", await browser.Database.ScalarAsync<string>("SELECT review_note FROM suggestions WHERE id = @id", ("id", Guid.Parse(first!))));

            // The rejected one leaves the queue; a approves the next current one.
            await Assertions.Expect(queue.Rows.First.GetByTestId("open-suggestion")).Not.ToHaveAttributeAsync("data-suggestion-id", first!);
            await queue.PressAsync("j");
            var current = await SuggestionsPage.IdOfAsync(queue.CurrentRow);
            await Assertions.Expect(queue.ApproveButton).ToBeEnabledAsync();
            await queue.PressAsync("a");
            await Assertions.Expect(queue.Outcome).ToContainTextAsync("due");
            Assert.Equal("Applied", await browser.Database.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", Guid.Parse(current!))));
        });
    }

    [Fact]
    public async Task AnEditThatBreaksThePayloadShowsTheErrorInlineAndDisablesApprove()
    {
        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(AnEditThatBreaksThePayloadShowsTheErrorInlineAndDisablesApprove), async () =>
        {
            var queue = new SuggestionsPage(page);
            await queue.OpenAsync();
            await queue.FilterByTriggerAsync(TriggerTypes.ContactInactive);
            await queue.OpenRowAsync(0);
            await Assertions.Expect(queue.ApproveButton).ToBeEnabledAsync();
            var id = await SuggestionsPage.IdOfAsync(queue.CurrentRow);
            await queue.PressAsync("e");
            await page.GetByLabel("Subject *").FillAsync("");
            await Assertions.Expect(page.GetByTestId("schema-form").GetByRole(AriaRole.Alert)).ToContainTextAsync("Required");
            await Assertions.Expect(queue.ApproveButton).ToBeDisabledAsync();
            await page.GetByLabel("Subject *").FillAsync("Check in about the renewal");
            await Assertions.Expect(queue.ApproveButton).ToBeEnabledAsync();
            await Assertions.Expect(queue.Diff).ToContainTextAsync("Check in about the renewal");
            Assert.Equal("Pending", await browser.Database.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", Guid.Parse(id!))));
        });
    }
}
