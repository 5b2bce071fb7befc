using System.Text.RegularExpressions;
using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// The profile menu's preferences. The console speaks the person's language: Andes (Chile) defaults to Spanish with
/// CLP and Chilean dates, Northwind to English; the menu switches and remembers it, keeping the suggestion open in the
/// queue. The theme is light, dark or the system's, remembered per person. A forged choice changes nothing.
/// </summary>
public sealed class ProfilePreferencesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
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
            // An edit not yet approved survives the switch too.
            await page.GetByTestId("edit").ClickAsync();
            var field = page.GetByTestId("schema-form").Locator("input[type=text], textarea").First;
            await field.FillAsync("Cambio sin aprobar");
            await Assertions.Expect(queue.Diff).ToContainTextAsync("Cambio sin aprobar");
            await SwitchToAsync(page, "en");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Suggestions");
            await Assertions.Expect(queue.Summary).ToHaveTextAsync(summary);
            await Assertions.Expect(page.GetByTestId("schema-form").Locator("input[type=text], textarea").First).ToHaveValueAsync("Cambio sin aprobar");
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
            await page.GotoAsync("leads?culture=xx-YY");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Leads");
            // ?culture= holds for the live page too (its circuit reads the cookie it sets), and for the next pages.
            await page.GotoAsync("leads?culture=es-CL");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Prospectos");
            await Assertions.Expect(page.GetByTestId("leads-grid").Locator("th").First).ToHaveTextAsync("Nombre");
            await page.GotoAsync("deals");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Negocios");
        });

        var andes = await browser.NewPageAsync("rep3@andes.demo", culture: "zz");
        await Screenshots.OnFailureAsync(andes, "AnUnknownCultureCookieFallsBackForAndes", async () =>
        {
            await andes.GotoAsync("leads");
            await Assertions.Expect(andes.Locator("html")).ToHaveAttributeAsync("lang", "es-CL");
        });
    }

    [Fact]
    public async Task TheDarkThemeIsRememberedForThePersonAndAnUnknownChoiceIsRefusedWithoutChange()
    {
        const string email = "rep4@andes.demo";
        var page = await browser.NewPageAsync(email);
        await Screenshots.OnFailureAsync(page, nameof(TheDarkThemeIsRememberedForThePersonAndAnUnknownChoiceIsRefusedWithoutChange), async () =>
        {
            await page.GotoAsync("leads");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var light = await BackgroundAsync(page);
            await page.GetByTestId("user-name").ClickAsync();
            await page.GetByTestId("theme-dark").ClickAsync();
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(page.GetByTestId("theme-dark")).ToHaveAttributeAsync("aria-pressed", "true");
            Assert.Equal("dark", await browser.Database.ScalarAsync<string>("SELECT theme FROM users WHERE email = @e", ("e", email)));
            // The page is dark: the background is the dark palette's, not the light one.
            await page.WaitForFunctionAsync($"() => getComputedStyle(document.body).backgroundColor !== '{light}'");
            Assert.Equal("rgb(15, 20, 28)", await BackgroundAsync(page));

            // A forged form (a culture and a theme the console does not have) is refused and changes nothing.
            var token = await page.Locator("form[action='Account/Preferences'] input[name=__RequestVerificationToken]").First.InputValueAsync();
            foreach (var (field, value) in new[] { ("culture", "xx-YY"), ("theme", "purple") })
            {
                var response = await page.Context.APIRequest.PostAsync("Account/Preferences", new()
                {
                    Form = page.Context.APIRequest.CreateFormData().Set(field, value).Set("__RequestVerificationToken", token),
                    MaxRedirects = 0,
                });
                Assert.Equal(400, response.Status);
                Assert.Contains(field, await response.TextAsync());
            }
            Assert.Equal("dark|", await browser.Database.ScalarAsync<string>(
                "SELECT theme || '|' || coalesce(preferred_culture, '') FROM users WHERE email = @e", ("e", email)));

            await page.GetByTestId("user-name").ClickAsync();
            await page.GetByTestId("theme-light").ClickAsync();
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            Assert.Equal("light", await browser.Database.ScalarAsync<string>("SELECT theme FROM users WHERE email = @e", ("e", email)));
            Assert.Equal(light, await BackgroundAsync(page));
        });
    }

    [Fact]
    public async Task AnAdminChangesTheOrganisationsLanguageAndAMemberWithoutOneSeesIt()
    {
        var admin = await browser.NewPageAsync("admin@northwind.demo");
        await Screenshots.OnFailureAsync(admin, nameof(AnAdminChangesTheOrganisationsLanguageAndAMemberWithoutOneSeesIt), async () =>
        {
            await admin.GotoAsync("admin");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var settings = admin.GetByTestId("organisation-settings");
            // The choice must be bound (the select shows it) before saving: on a busy machine a click on the option can land
            // while the list is still opening, and Save then stores the old value. Pick again until the select shows it.
            var culture = settings.GetByTestId("organisation-culture");
            for (var attempt = 1; await culture.InputValueAsync() != "Español (Chile)"; attempt++)
            {
                Assert.True(attempt <= 3, "the language select never showed the chosen option");
                await culture.ClickAsync();
                await admin.GetByRole(AriaRole.Option, new() { Name = "Español (Chile)" }).ClickAsync();
                await admin.WaitForTimeoutAsync(300);
            }
            await settings.GetByTestId("save-organisation").ClickAsync();
            await Assertions.Expect(settings.GetByTestId("organisation-saved")).ToBeVisibleAsync();
            Assert.Equal("es-CL", await browser.Database.ScalarAsync<string>("SELECT default_culture FROM tenants WHERE id = @t", ("t", PostgresFixture.Northwind)));

            // A member who never chose a language signs in and reads Spanish.
            var member = await browser.NewPageAsync();
            await new SignInPage(member).SignInWithCodeAsync("rep3@northwind.demo", TestDatabase.DemoPassword, await browser.Database.AuthenticatorKeyAsync("rep3@northwind.demo"));
            await member.WaitForURLAsync(url => !url.Contains("/Account/"));
            await Assertions.Expect(member.Locator("html")).ToHaveAttributeAsync("lang", "es-CL");
            await member.Context.CloseAsync();
        });
        await browser.Database.ScalarAsync<int>("UPDATE tenants SET default_culture = 'en' WHERE id = @t RETURNING 1", ("t", PostgresFixture.Northwind));
    }

    private static Task<string> BackgroundAsync(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static async Task SwitchToAsync(IPage page, string culture)
    {
        await page.GetByTestId("user-name").ClickAsync();
        await page.GetByTestId($"culture-{culture}").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
