using Autonomus.E2E.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// An Admin starts an automation from a template in the console, breaks its document and sees the problem at its JSON
/// path as they type, mends it, saves a new draft, compares it with the first, and publishes it.
/// </summary>
public sealed class AutomationBuilderTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminStartsFromATemplateFixesTheDocumentSavesComparesAndPublishes()
    {
        var page = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(page, nameof(AnAdminStartsFromATemplateFixesTheDocumentSavesComparesAndPublishes), async () =>
        {
            await page.GotoAsync("automations");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("automation-template").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Deal to Negotiation: pricing review" }).ClickAsync();
            var json = page.GetByTestId("automation-json");
            await Assertions.Expect(json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Pricing review in Negotiation"));
            await Assertions.Expect(page.GetByTestId("automation-valid")).ToBeVisibleAsync();

            // A condition on a field deals do not have: named at its path, and saving is off until it is mended.
            var text = await json.InputValueAsync();
            await json.FillAsync(text.Replace("[record.amount] >= 10000", "[record.colour] == 'red'"));
            await Assertions.Expect(page.GetByTestId("automation-problems")).ToContainTextAsync("$.conditions[0]");
            await Assertions.Expect(page.GetByTestId("automation-save")).ToBeDisabledAsync();
            await json.FillAsync(text.Replace("[record.amount] >= 10000", "[record.amount] >= 50000"));
            await Assertions.Expect(page.GetByTestId("automation-valid")).ToBeVisibleAsync();
            await page.GetByTestId("automation-save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("automation-notice")).ToContainTextAsync("version 2");

            await page.GetByRole(AriaRole.Button, new() { Name = "Compare version 2 with the one before" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("automation-diff")).ToContainTextAsync("$.conditions[0]");
            await Assertions.Expect(page.GetByTestId("automation-diff")).ToContainTextAsync(">= 50000");

            // A test run on the largest open deal: the condition holds and the task it would create is shown; nothing is created.
            var deal = await browser.Database.ScalarAsync<Guid>("SELECT id FROM deals WHERE tenant_id = @t AND stage NOT IN ('ClosedWon', 'ClosedLost') AND archived_at IS NULL ORDER BY amount DESC LIMIT 1",
                ("t", Autonomus.Tests.Infrastructure.PostgresFixture.Andes));
            var before = await browser.Database.ScalarAsync<long>("SELECT count(*) FROM activities WHERE related_id = @d", ("d", deal));
            await page.GetByTestId("automation-test-record").FillAsync(deal.ToString());
            await page.GetByTestId("automation-test").ClickAsync();
            await Assertions.Expect(page.GetByTestId("automation-test-step").First).ToContainTextAsync("Review pricing of");
            Assert.Equal(before, await browser.Database.ScalarAsync<long>("SELECT count(*) FROM activities WHERE related_id = @d", ("d", deal)));

            await page.GetByTestId("automation-publish").ClickAsync();
            await Assertions.Expect(page.GetByTestId("automation-notice")).ToContainTextAsync("Version 2 published");
            await Assertions.Expect(page.GetByTestId("automation-row").Filter(new() { HasText = "Pricing review in Negotiation" }).First).ToContainTextAsync("Enabled");
        });
        Assert.Equal(1, await browser.Database.ScalarAsync<long>(
            "SELECT count(*) FROM automations a JOIN automation_versions v ON v.automation_id = a.id AND v.status = 'Published' WHERE a.name = 'Pricing review in Negotiation' AND v.document -> 'conditions' ->> 0 = '[record.amount] >= 50000'"));
    }
}
