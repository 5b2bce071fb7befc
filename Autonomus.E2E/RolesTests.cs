using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class RolesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ASalesRepNeitherSeesNorReachesTheApprovalQueueOrAdmin()
    {
        var page = await browser.NewPageAsync("rep1@andes.demo");
        await Screenshots.OnFailureAsync(page, nameof(ASalesRepNeitherSeesNorReachesTheApprovalQueueOrAdmin), async () =>
        {
            await page.GotoAsync("leads");
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Leads" })).ToBeVisibleAsync();
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Suggestions" })).ToHaveCountAsync(0);
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);

            foreach (var path in new[] { "suggestions", "admin" })
            {
                await page.GotoAsync(path);
                Assert.Contains("/Account/AccessDenied", page.Url);
            }
        });
    }

    [Fact]
    public async Task AManagerMovingADealAboveTheLimitIsToldAnAdminMustDoIt()
    {
        var dealId = await browser.Database.ScalarAsync<Guid>(
            "SELECT d.id FROM deals d JOIN users u ON u.id = d.owner_id WHERE d.tenant_id = @t AND u.team = 'Norte' AND d.stage = 'Proposal' AND d.amount > 100000000 LIMIT 1",
            ("t", PostgresFixture.Andes));
        var page = await browser.NewPageAsync("manager@andes.demo");
        await Screenshots.OnFailureAsync(page, nameof(AManagerMovingADealAboveTheLimitIsToldAnAdminMustDoIt), async () =>
        {
            await page.GotoAsync($"deals/{dealId}");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("new-stage").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Negotiation", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("error-alert")).ToContainTextAsync("need an Admin to change stage");
            Assert.Equal("Proposal", await browser.Database.ScalarAsync<string>("SELECT stage FROM deals WHERE id = @id", ("id", dealId)));
        });
    }

    [Fact]
    public async Task AnAuditorReadsMaskedContactsAndCannotCreateOne()
    {
        var page = await browser.NewPageAsync("auditor@northwind.demo");
        await Screenshots.OnFailureAsync(page, nameof(AnAuditorReadsMaskedContactsAndCannotCreateOne), async () =>
        {
            await page.GotoAsync("contacts");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var cells = page.GetByTestId("contacts-grid").Locator("tr.grid-row td:nth-child(4)");
            await Assertions.Expect(cells).ToHaveCountAsync(25);
            var emails = await cells.AllInnerTextsAsync();
            Assert.All(emails, e => Assert.Matches(@"^.\*\*\*@", e));
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "New contact" })).ToHaveCountAsync(0);
            await page.GotoAsync("contacts/new");
            Assert.Contains("/Account/AccessDenied", page.Url);
        });
    }
}
