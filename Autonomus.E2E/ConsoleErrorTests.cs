using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// No main page logs an error, in the browser's console (no missing stylesheet or script, no failed request, no script
/// error) or in the server's log (a component library misconfigured, say).
/// </summary>
public sealed class ConsoleErrorTests(ConsoleErrorTests.LoggedBrowserFixture browser) : IClassFixture<ConsoleErrorTests.LoggedBrowserFixture>
{
    /// <summary>The app with its log in a file of its own, read by the test.</summary>
    public sealed class LoggedBrowserFixture : BrowserFixture
    {
        public string LogFolder { get; } = Path.Combine(Path.GetTempPath(), $"autonomus-e2e-log-{Guid.NewGuid():N}");

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Logging:File"] = Path.Combine(LogFolder, "autonomus-.log"),
        };

        public string ServerErrors() => string.Join("\n", Directory.Exists(LogFolder)
            ? Directory.GetFiles(LogFolder).SelectMany(f => File.ReadAllLines(f)).Where(l => l.Contains(" ERR]") || l.Contains(" FTL]"))
            : []);
    }

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
            Assert.Equal("", browser.ServerErrors());
        });
    }
}
