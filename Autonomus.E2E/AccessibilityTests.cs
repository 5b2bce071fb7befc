using System.Text.RegularExpressions;
using Autonomus.Core.Triggers;
using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// WCAG 2.1 A/AA with axe-core on every main page, for an Admin and a sales manager, in English and Spanish: no
/// serious or critical violation, and no resource key shown instead of its text.
/// </summary>
public sealed partial class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly string[] Cultures = ["en", "es-CL"];
    private const string Admin = "admin@andes.demo";
    private const string Manager = "manager@andes.demo";

    public static TheoryData<string, string> RolesAndCultures()
    {
        var data = new TheoryData<string, string>();
        foreach (var user in new[] { Admin, Manager })
            foreach (var culture in Cultures) data.Add(user, culture);
        return data;
    }

    public async Task InitializeAsync()
    {
        if (await browser.Database.ScalarAsync<long>("SELECT count(*) FROM suggestions") > 0) return;
        await browser.Database.DetectAndProposeAsync(PostgresFixture.Andes, TriggerTypes.LeadStagnant, TriggerTypes.ContactInactive);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(RolesAndCultures))]
    public async Task EveryMainPageHasNoSeriousViolation(string user, string culture)
    {
        var t = ("t", (object)PostgresFixture.Andes);
        var lead = await browser.Database.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t ORDER BY created_at LIMIT 1", t);
        var deal = await browser.Database.ScalarAsync<Guid>("SELECT id FROM deals WHERE tenant_id = @t ORDER BY created_at LIMIT 1", t);
        var pages = new List<string> { "", "leads", $"leads/{lead}", "deals", "deals/board", $"deals/{deal}", "accounts", "contacts", "activities", "Account/Manage", "autonomy/policies", "autonomy/done", "autonomy/agents", "archive?kind=Deal" };
        if (user == Admin) pages.AddRange(["ledger", "admin", "admin/health", "automations"]);

        var page = await browser.NewPageAsync(user, culture);
        var found = new List<string>();
        await Screenshots.OnFailureAsync(page, $"{nameof(EveryMainPageHasNoSeriousViolation)}_{user}_{culture}", async () =>
        {
            foreach (var path in pages)
            {
                await page.GotoAsync(path);
                await SettleAsync(page);
                found.AddRange(await ProblemsAsync(page, path, culture));
            }

            // The queue three ways: as it opens, with a suggestion open, and with that suggestion in edit mode.
            var queue = new SuggestionsPage(page);
            await queue.OpenAsync();
            await Assertions.Expect(queue.Rows.First).ToBeVisibleAsync();
            found.AddRange(await ProblemsAsync(page, "suggestions", culture));
            await queue.OpenRowAsync(0);
            await Assertions.Expect(queue.ApproveButton).ToBeVisibleAsync();
            found.AddRange(await ProblemsAsync(page, "suggestions (open)", culture));
            await page.GetByTestId("edit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("schema-form")).ToBeVisibleAsync();
            found.AddRange(await ProblemsAsync(page, "suggestions (editing)", culture));

            Assert.True(found.Count == 0, $"{found.Count} problems for {user} in {culture}:\n" + string.Join("\n", found));
        });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es-CL")]
    public async Task TheSignInPagesHaveNoSeriousViolation(string culture)
    {
        var page = await browser.NewPageAsync(culture: culture);
        var found = new List<string>();
        await Screenshots.OnFailureAsync(page, $"{nameof(TheSignInPagesHaveNoSeriousViolation)}_{culture}", async () =>
        {
            await page.GotoAsync("Account/Login");
            found.AddRange(await ProblemsAsync(page, "sign-in", culture));
            await page.Locator("#email").FillAsync("rep1@andes.demo");
            await page.Locator("#password").FillAsync(TestDatabase.DemoPassword);
            await page.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/Account/LoginWith2fa**");
            found.AddRange(await ProblemsAsync(page, "two-factor", culture));
            await page.Locator("a[href*=LoginWithRecoveryCode]").ClickAsync();
            await page.WaitForURLAsync("**/Account/LoginWithRecoveryCode**");
            found.AddRange(await ProblemsAsync(page, "recovery code", culture));
            Assert.True(found.Count == 0, string.Join("\n", found));
        });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es-CL")]
    public async Task TheAuthenticatorEnrolmentHasNoSeriousViolation(string culture)
    {
        var page = await browser.NewPageAsync("rep2@andes.demo", culture);
        await Screenshots.OnFailureAsync(page, $"{nameof(TheAuthenticatorEnrolmentHasNoSeriousViolation)}_{culture}", async () =>
        {
            await page.GotoAsync("Account/Manage/EnableAuthenticator");
            var found = await ProblemsAsync(page, "enrolment", culture);
            Assert.True(found.Count == 0, string.Join("\n", found));
        });
    }

    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Interactive pages announce themselves; their first data load follows.
        if (await page.GetByTestId("interactive").CountAsync() > 0) await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator(".mud-progress-circular, [aria-busy=true]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }

    /// <summary>Serious and critical axe violations, a wrong html lang, and resource keys in the visible text.</summary>
    private static async Task<List<string>> ProblemsAsync(IPage page, string name, string culture)
    {
        var problems = new List<string>();
        // Colours are judged at rest: a button caught mid-transition (enabled after its preview loads) is not a violation.
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        foreach (var v in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            problems.Add($"{name}: {v.Id} ({v.Impact}) on {string.Join("; ", v.Nodes.Take(5).Select(n => $"{n.Target} [{n.Html[..Math.Min(n.Html.Length, 160)]}] {string.Join(" ", n.Any.Select(c => c.Message))}"))}");
        var lang = await page.Locator("html").GetAttributeAsync("lang");
        if (lang != culture) problems.Add($"{name}: <html lang=\"{lang}\">, expected {culture}");
        var text = await page.Locator("body").InnerTextAsync();
        foreach (Match key in ResourceKey().Matches(text)) problems.Add($"{name}: shows the resource key {key.Value}");
        return problems;
    }

    // "Leads.Title", "Queue.Shortcut.Move": how a missing text shows (see ConsoleStringLocalizer).
    [GeneratedRegex(@"\b[A-Z][a-z]+(?:\.[A-Z][A-Za-z]+)+\b")]
    private static partial Regex ResourceKey();
}
