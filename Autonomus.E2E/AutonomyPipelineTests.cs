using System.Globalization;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// The loop end to end as <c>./dev up</c> runs it: the scheduler detects and proposes on its own; a manager reviews,
/// edits, approves, and finds the result on the record and in the ledger.
/// </summary>
public sealed class AutonomyPipelineTests(AutonomyBrowserFixture browser) : IClassFixture<AutonomyBrowserFixture>
{
    private const string Manager = "manager@andes.demo";

    [Fact]
    public async Task WithinTwoMinutesAManagerReviewsEditsAndAppliesASuggestionAndFindsItOnTheLeadAndInTheLedger()
    {
        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(WithinTwoMinutesAManagerReviewsEditsAndAppliesASuggestionAndFindsItOnTheLeadAndInTheLedger), async () =>
        {
            var queue = new SuggestionsPage(page);
            var deadline = browser.StartedAt.AddMinutes(2);
            IReadOnlyList<string> types = [];
            while (true)
            {
                await queue.OpenAsync();
                await Assertions.Expect(queue.Grid).ToBeVisibleAsync();
                await page.WaitForTimeoutAsync(500);
                types = await queue.TriggerTypesAsync();
                if (types.Count >= 5 || DateTimeOffset.UtcNow > deadline) break;
                await page.WaitForTimeoutAsync(3000);
            }
            Assert.True(types.Count >= 5, $"Only {types.Count} trigger types pending after two minutes: {string.Join(", ", types)}");
            var seenAfter = DateTimeOffset.UtcNow - browser.StartedAt;
            Console.WriteLine($"Pending suggestions of {types.Count} trigger types visible to the manager {seenAfter.TotalSeconds:N0} s after start: {string.Join(", ", types)}");

            await queue.FilterByTriggerAsync("lead_stagnant");
            var call = queue.Rows.Filter(new() { Has = page.Locator("[data-testid=open-suggestion]", new() { HasTextRegex = new("^Llamar a ") }) }).First;
            await call.GetByTestId("open-suggestion").ClickAsync();
            await Assertions.Expect(queue.Reasoning).ToContainTextAsync("Prospecto sin actividad hace"); // proposals speak the organisation's language
            await Assertions.Expect(queue.Diff).ToContainTextAsync("New Activity");
            await Assertions.Expect(queue.Diff.Locator("tr[data-field='Due']")).ToBeVisibleAsync();
            var correlation = (await queue.Correlation.InnerTextAsync()).Trim();

            // Edit the due date: the diff follows the edit before anything is applied.
            var due = DateTime.UtcNow.Date.AddDays(5).AddHours(10).AddMinutes(30);
            await queue.PressAsync("e");
            await page.GetByLabel("Due at (UTC)").FillAsync(due.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            var shown = due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
            await Assertions.Expect(queue.Diff.Locator("tr[data-field='Due'] .diff-after")).ToHaveTextAsync(shown);

            await queue.ApproveButton.ClickAsync();
            await Assertions.Expect(queue.Outcome).ToContainTextAsync(shown);
            await Assertions.Expect(queue.Trail).ToContainTextAsync("Suggestion edited");
            await Assertions.Expect(queue.Trail).ToContainTextAsync("Action applied");

            // The new activity is on the lead, due when the manager said.
            await queue.Pane.Locator("a[href^='leads/']").ClickAsync();
            var lead = new LeadDetailPage(page);
            await lead.WaitUntilLiveAsync();
            await Assertions.Expect(lead.TimelineItems.Filter(new() { HasText = "Hacer seguimiento a" }).First).ToBeVisibleAsync();
            var stored = await browser.Database.ScalarAsync<long>(
                "SELECT count(*) FROM activities a JOIN suggestions s ON s.record_id = a.related_id WHERE s.correlation_id = @c AND a.due_at = @due AND a.subject LIKE 'Hacer seguimiento a %'",
                ("c", Guid.Parse(correlation)), ("due", new DateTimeOffset(due, TimeSpan.Zero)));
            Assert.Equal(1, stored);
            var ledger = await browser.Database.ScalarAsync<long>(
                "SELECT count(*) FROM ledger_entries WHERE correlation_id = @c AND kind IN ('trigger_detected', 'suggestion_created', 'suggestion_edited', 'suggestion_approved', 'action_applied')",
                ("c", Guid.Parse(correlation)));
            Assert.Equal(5, ledger);
        });

        // An Admin finds the same correlation id in the ledger page.
        var admin = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(admin, "LedgerShowsTheAppliedAction", async () =>
        {
            var correlation = await browser.Database.ScalarAsync<Guid>(
                "SELECT correlation_id FROM ledger_entries WHERE tenant_id = @t AND kind = 'action_applied' ORDER BY sequence DESC LIMIT 1", ("t", PostgresFixture.Andes));
            await admin.GotoAsync("ledger");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await admin.GetByLabel("Correlation id").FillAsync(correlation.ToString());
            await admin.GetByLabel("Correlation id").PressAsync("Tab");
            var grid = admin.GetByTestId("ledger-grid");
            await Assertions.Expect(grid).ToContainTextAsync("Action applied");
            await Assertions.Expect(grid).ToContainTextAsync("Trigger detected");
            await admin.GetByTestId("verify-ledger").ClickAsync();
            await Assertions.Expect(admin.GetByTestId("verify-result")).ToContainTextAsync("the chain is intact", new() { Timeout = 30_000 });
        });
    }
}
