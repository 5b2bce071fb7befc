using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class LeadsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Manager = "manager@andes.demo";
    // What the Norte team's manager may see: the team's leads and unassigned ones.
    private const string ManagersLeads =
        "FROM leads WHERE tenant_id = @t AND (owner_id IS NULL OR owner_id IN (SELECT id FROM users WHERE team = 'Norte' AND tenant_id = @t))";

    [Fact]
    public async Task AManagerPagesSortsAndFiltersTheLeadsOnTheServer()
    {
        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(AManagerPagesSortsAndFiltersTheLeadsOnTheServer), async () =>
        {
            var leads = new LeadsPage(page);
            var visible = await browser.Database.ScalarAsync<long>($"SELECT count(*) {ManagersLeads}", ("t", PostgresFixture.Andes));
            await leads.OpenAsync();
            await Assertions.Expect(leads.Rows).ToHaveCountAsync(25);
            await Assertions.Expect(leads.PagerSummary).ToContainTextAsync($"1–25 of {visible:N0}");

            var firstPage = await leads.ColumnTextsAsync(1);
            await leads.NextPageAsync();
            await Assertions.Expect(leads.PagerSummary).ToContainTextAsync($"26–50 of {visible:N0}");
            await Assertions.Expect(leads.Rows.First.Locator("td:nth-child(1)")).Not.ToHaveTextAsync(firstPage[0]);
            Assert.Empty(firstPage.Intersect(await leads.ColumnTextsAsync(1)));

            // One click sorts ascending, the next descending; each is awaited so the second is not lost in the first's reload.
            var lowest = await browser.Database.ScalarAsync<int>($"SELECT min(score) {ManagersLeads}", ("t", PostgresFixture.Andes));
            var topScore = await browser.Database.ScalarAsync<int>($"SELECT max(score) {ManagersLeads}", ("t", PostgresFixture.Andes));
            await leads.SortByAsync("Score");
            await Assertions.Expect(leads.Rows.First.Locator("td:nth-child(5)")).ToHaveTextAsync(lowest.ToString());
            await leads.SortByAsync("Score");
            await Assertions.Expect(leads.Rows.First.Locator("td:nth-child(5)")).ToHaveTextAsync(topScore.ToString());

            var qualified = await browser.Database.ScalarAsync<long>($"SELECT count(*) {ManagersLeads} AND status = 'Qualified'", ("t", PostgresFixture.Andes));
            await leads.FilterByStatusAsync("Qualified");
            await Assertions.Expect(leads.PagerSummary).ToContainTextAsync($"of {qualified:N0}");
            Assert.All(await leads.ColumnTextsAsync(3), status => Assert.Equal("Qualified", status.Trim()));
        });
    }

    [Fact]
    public async Task OpeningALeadAndLoggingACallPutsItOnTheTimeline()
    {
        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(OpeningALeadAndLoggingACallPutsItOnTheTimeline), async () =>
        {
            var leads = new LeadsPage(page);
            await leads.OpenAsync();
            var name = await leads.Rows.First.Locator("td:nth-child(1) a").InnerTextAsync();
            await leads.Rows.First.Locator("td:nth-child(1) a").ClickAsync();

            var lead = new LeadDetailPage(page);
            await Assertions.Expect(lead.Heading).ToHaveTextAsync(name);
            await lead.WaitUntilLiveAsync();
            var subject = $"Discovery call {Guid.NewGuid():N}"[..24];
            await lead.LogCallAsync(subject, "Interested in the annual plan; send pricing.");

            await Assertions.Expect(lead.TimelineItems.First).ToContainTextAsync(subject);
            await Assertions.Expect(lead.TimelineItems.First).ToContainTextAsync("Ana Pérez");
            await Assertions.Expect(page.GetByTestId("last-activity")).Not.ToHaveTextAsync("—");
        });
    }

    [Fact]
    public async Task ANewLeadWithABadEmailShowsTheFieldMessageThenSavesOnceFixed()
    {
        var page = await browser.NewPageAsync(Manager);
        await Screenshots.OnFailureAsync(page, nameof(ANewLeadWithABadEmailShowsTheFieldMessageThenSavesOnceFixed), async () =>
        {
            await page.GotoAsync("leads/new");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByLabel("First name").FillAsync("Paula");
            await page.GetByLabel("Last name").FillAsync("Contreras");
            await page.GetByLabel("Email").FillAsync("paula-at-example");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error > .me-auto")).ToHaveTextAsync("Enter a valid email address.");
            Assert.EndsWith("/leads/new", page.Url);

            await page.GetByLabel("Email").FillAsync("paula@contreras.example");
            // Inputs bind on change: leave the field and let the form re-validate before saving.
            await page.GetByLabel("Email").PressAsync("Tab");
            await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error > .me-auto")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/leads/[0-9a-f-]{36}$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Paula Contreras");
        });
    }
}
