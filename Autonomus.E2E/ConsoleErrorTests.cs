using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>No main page logs an error in the browser console: no missing stylesheet or script, no failed request, no script error.</summary>
public sealed class ConsoleErrorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] MainPages =
        ["", "suggestions", "leads", "deals", "deals/board", "accounts", "contacts", "activities", "ledger", "admin", "admin/health"];

    [Fact]
    public async Task NoMainPageLogsAConsoleErrorForAnAdmin()
    {
        var lead = await browser.Database.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Andes));
        var page = await browser.NewPageAsync("admin@andes.demo");
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{page.Url}: {message.Text}"); };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        await Screenshots.OnFailureAsync(page, nameof(NoMainPageLogsAConsoleErrorForAnAdmin), async () =>
        {
            foreach (var path in MainPages.Append($"leads/{lead}"))
            {
                await page.GotoAsync(path);
                await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        });
    }
}
