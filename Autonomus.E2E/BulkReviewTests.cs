using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class BulkReviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Manager = "manager@andes.demo";

    [Fact]
    public async Task ApprovingAPageWhereThreeFailAppliesTheRestAndNamesTheThreeWithTheirReasons()
    {
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.ContactInactive);
        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(ApprovingAPageWhereThreeFailAppliesTheRestAndNamesTheThreeWithTheirReasons), async () =>
        {
            var queue = new SuggestionsPage(page);
            await queue.OpenAsync();
            await queue.FilterByTriggerAsync(TriggerTypes.ContactInactive);
            await Assertions.Expect(queue.Rows).ToHaveCountAsync(25);
            var ids = (await queue.Rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.querySelector('[data-testid=open-suggestion]').dataset.suggestionId)")).Select(Guid.Parse).ToArray();

            // Three go bad after they were listed: their follow-ups are now due in the past.
            foreach (var id in ids.Take(3))
                await browser.Database.ScalarAsync<int>(
                    "UPDATE suggestions SET payload = jsonb_set(payload, '{dueAt}', '\"2020-01-01T10:00:00Z\"') WHERE id = @id RETURNING 1", ("id", id));

            await page.GetByLabel("Select this page").CheckAsync();
            await Assertions.Expect(page.GetByTestId("bulk-bar")).ToContainTextAsync("25 selected");
            await page.GetByTestId("bulk-approve").ClickAsync();
            await Assertions.Expect(page.GetByTestId("bulk-results")).ToContainTextAsync("22 applied or done, 3 not", new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("bulk-failure")).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByTestId("bulk-success")).ToHaveCountAsync(22);
            await Assertions.Expect(page.GetByTestId("bulk-failure").First).ToContainTextAsync("due in the future");

            var statuses = await browser.Database.ScalarAsync<string>(
                "SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT status, count(*) n FROM suggestions WHERE id = ANY(@ids) GROUP BY status) x",
                ("ids", ids));
            Assert.Equal("Applied:22,Pending:3", statuses);
        });
    }
}
