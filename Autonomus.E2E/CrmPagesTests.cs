using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class CrmPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("deals", "deals-grid", "SELECT count(*) FROM deals WHERE tenant_id = @t")]
    [InlineData("accounts", "accounts-grid", "SELECT count(*) FROM accounts WHERE tenant_id = @t")]
    [InlineData("contacts", "contacts-grid", "SELECT count(*) FROM contacts WHERE tenant_id = @t")]
    [InlineData("activities?state=Overdue", "activities-grid", "SELECT count(*) FROM activities WHERE tenant_id = @t AND completed_at IS NULL AND due_at < now()")]
    public async Task EachListShowsItsFirstPageAndTheTenantsTotal(string path, string grid, string countSql)
    {
        var expected = await browser.Database.ScalarAsync<long>(countSql, ("t", PostgresFixture.Northwind));
        var page = await browser.NewPageAsync("admin@northwind.demo");
        await Screenshots.OnFailureAsync(page, $"{nameof(EachListShowsItsFirstPageAndTheTenantsTotal)}_{grid}", async () =>
        {
            await page.GotoAsync(path);
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(page.GetByTestId(grid).Locator("tr.grid-row")).ToHaveCountAsync((int)Math.Min(25, expected));
            await Assertions.Expect(page.GetByTestId("grid-pager")).ToContainTextAsync($"of {expected:N0}");
            await Assertions.Expect(page.GetByTestId("error-alert")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task ADealThatSlidBackShowsTheMoveBackInItsStageHistory()
    {
        var dealId = await browser.Database.ScalarAsync<Guid>(
            "SELECT deal_id FROM deal_stage_changes WHERE tenant_id = @t AND is_regression LIMIT 1", ("t", PostgresFixture.Northwind));
        var page = await browser.NewPageAsync("admin@northwind.demo");
        await Screenshots.OnFailureAsync(page, nameof(ADealThatSlidBackShowsTheMoveBackInItsStageHistory), async () =>
        {
            await page.GotoAsync($"deals/{dealId}");
            var history = page.GetByTestId("stage-history");
            await Assertions.Expect(history.Locator("li.regression")).ToHaveCountAsync(1);
            await Assertions.Expect(history.Locator("li.regression")).ToContainTextAsync("moved back");
        });
    }
}
