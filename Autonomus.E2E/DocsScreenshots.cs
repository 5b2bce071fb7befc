using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// The screenshots in docs/screenshots: the queue with a suggestion open, the dashboard, the admin page, the autonomy
/// policies and the agents (with the demo's synthetic history), in English and Spanish. Taken by <c>./dev screenshots</c>, which names the folder; skipped in the normal test run.
/// </summary>
public sealed class DocsScreenshots(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public const string FolderVariable = "AUTONOMUS_SCREENSHOTS_DIR";

    public async Task InitializeAsync()
    {
        if (Folder is null || await browser.Database.ScalarAsync<long>("SELECT count(*) FROM suggestions") > 0) return;
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.LeadStagnant, TriggerTypes.ContactInactive, TriggerTypes.DealRegressed);
        // The demo's synthetic decision history, so that the Policies page shows calibration, shadow precision and an offer.
        await Autonomus.Data.Seeding.DecisionHistory.SeedAsync(browser.Database.Db.OwnerConnection, PostgresFixture.Andes,
            Autonomus.Data.Seeding.DemoHistory.Andes, DateTimeOffset.UtcNow);
        await Autonomus.Tests.Autonomy.Governed.Governance.RefreshAndEvaluateAsync(browser.Database, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string? Folder => Environment.GetEnvironmentVariable(FolderVariable);

    [ScreenshotFact]
    [Trait("Category", "Docs")]
    public async Task TakeTheDocumentationScreenshots()
    {
        Directory.CreateDirectory(Folder!);
        foreach (var culture in new[] { "en", "es-CL" })
        {
            var page = await browser.NewPageAsync("admin@andes.demo", culture);
            await Screenshots.OnFailureAsync(page, $"{nameof(TakeTheDocumentationScreenshots)}_{culture}", async () =>
            {
                var queue = new SuggestionsPage(page);
                await queue.OpenAsync();
                await queue.OpenRowAsync(0);
                await Assertions.Expect(queue.ApproveButton).ToBeVisibleAsync();
                await ShootAsync(page, $"queue.{culture}.png");

                await page.GotoAsync("");
                await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await Assertions.Expect(page.GetByTestId("pipeline-loading")).ToHaveCountAsync(0);
                await ShootAsync(page, $"dashboard.{culture}.png");

                await page.GotoAsync("admin");
                await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await ShootAsync(page, $"admin.{culture}.png");

                await page.GotoAsync("autonomy/policies");
                var row = page.Locator("[data-testid=policy-row][data-agent=deal_strategy][data-action=schedule_follow_up]");
                await row.GetByTestId("policy-details").ClickAsync();
                await page.GetByTestId("dry-run").ClickAsync();
                await Assertions.Expect(page.GetByTestId("dry-run-result")).ToBeVisibleAsync();
                await ShootAsync(page, $"policies.{culture}.png");

                await page.GotoAsync("autonomy/agents");
                await Assertions.Expect(page.GetByTestId("agent-report")).ToHaveCountAsync(Autonomus.Core.Agents.AgentCatalogue.Modules.Count);
                await ShootAsync(page, $"agents.{culture}.png");
            });
        }
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder!, name) });
    }

    /// <summary>Runs only when ./dev screenshots names the folder to write to.</summary>
    private sealed class ScreenshotFactAttribute : FactAttribute
    {
        public ScreenshotFactAttribute()
        {
            if (Environment.GetEnvironmentVariable(FolderVariable) is null) Skip = $"set {FolderVariable} (./dev screenshots) to take them";
        }
    }
}
