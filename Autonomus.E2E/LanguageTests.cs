using System.Text.RegularExpressions;
using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// The console speaks the person's language: Andes (Chile) defaults to Spanish with CLP and Chilean dates, Northwind
/// to English; the profile menu switches and remembers it, keeping the suggestion open in the queue.
/// </summary>
public sealed class LanguageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (await browser.Database.ScalarAsync<long>("SELECT count(*) FROM suggestions") > 0) return;
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.LeadStagnant);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAndesManagerSeesSpanishSwitchesToEnglishAndBack()
    {
        var page = await browser.NewPageAsync("manager.sur@andes.demo", culture: null);
        await Screenshots.OnFailureAsync(page, nameof(AnAndesManagerSeesSpanishSwitchesToEnglishAndBack), async () =>
        {
            await page.GotoAsync("deals");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-CL");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Negocios");
            // CLP without decimals, dots for thousands; dates day-month-year.
            var amount = page.GetByTestId("deals-grid").Locator("tr.grid-row").First.Locator("td").Filter(new() { HasTextRegex = new Regex("CLP") }).First;
            await Assertions.Expect(amount).ToHaveTextAsync(new Regex(@"^CLP \d{1,3}(\.\d{3})+$"));
            await Assertions.Expect(page.GetByTestId("deals-grid").Locator("time").First).ToHaveTextAsync(new Regex(@"^\d{2}-\d{2}-\d{4}$"));

            // Switching keeps the suggestion open in the queue.
            var queue = new SuggestionsPage(page);
            await queue.OpenAsync();
            await queue.OpenRowAsync(0);
            var summary = await queue.Summary.InnerTextAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"suggestions\?id="));
            await SwitchToAsync(page, "en");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Suggestions");
            await Assertions.Expect(queue.Summary).ToHaveTextAsync(summary);
            Assert.Equal("en", await browser.Database.ScalarAsync<string>("SELECT preferred_culture FROM users WHERE email = 'manager.sur@andes.demo'"));

            await SwitchToAsync(page, "es-CL");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-CL");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sugerencias");
        });
    }

    [Fact]
    public async Task NorthwindDefaultsToEnglishAndAnUnknownCultureFallsBackToTheOrganisationsDefault()
    {
        var page = await browser.NewPageAsync("manager@northwind.demo", culture: null);
        await Screenshots.OnFailureAsync(page, nameof(NorthwindDefaultsToEnglishAndAnUnknownCultureFallsBackToTheOrganisationsDefault), async () =>
        {
            await page.GotoAsync("leads");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Leads");
            await page.GotoAsync("leads?culture=es-CL");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Prospectos");
            await page.GotoAsync("leads?culture=xx-YY");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        });

        var andes = await browser.NewPageAsync("rep3@andes.demo", culture: "zz");
        await Screenshots.OnFailureAsync(andes, "AnUnknownCultureCookieFallsBackForAndes", async () =>
        {
            await andes.GotoAsync("leads");
            await Assertions.Expect(andes.Locator("html")).ToHaveAttributeAsync("lang", "es-CL");
        });
    }

    private static async Task SwitchToAsync(IPage page, string culture)
    {
        await page.GetByTestId("user-name").ClickAsync();
        await page.GetByTestId($"culture-{culture}").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
