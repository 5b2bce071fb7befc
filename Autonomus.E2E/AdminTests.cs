using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class AdminTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminAddsAUserWhoMustEnrolAndDisablesARepWhoseSessionEnds()
    {
        var admin = await browser.NewPageAsync("admin@northwind.demo");
        var rep = await browser.NewPageAsync("rep3@northwind.demo");
        var newcomer = await browser.NewPageAsync();
        await Screenshots.OnFailureAsync(admin, nameof(AnAdminAddsAUserWhoMustEnrolAndDisablesARepWhoseSessionEnds), async () =>
        {
            await rep.GotoAsync("leads");
            await Assertions.Expect(rep.GetByRole(AriaRole.Heading, new() { Name = "Leads" })).ToBeVisibleAsync();

            await admin.GotoAsync("admin");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(admin.GetByTestId("users-grid").Locator("tr.grid-row")).ToHaveCountAsync(8);
            await admin.GetByLabel("New user email").FillAsync("newcomer@northwind.demo");
            await admin.GetByLabel("New user name").FillAsync("Anne Dodsworth");
            await admin.GetByLabel("New user team").FillAsync("West");
            await admin.GetByLabel("New user team").PressAsync("Tab"); // inputs bind on change
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            var password = await admin.GetByTestId("one-time-password").Locator("kbd").InnerTextAsync();

            await new SignInPage(newcomer).SignInAsync("newcomer@northwind.demo", password);
            await newcomer.WaitForURLAsync("**/Account/Manage/EnableAuthenticator");

            var row = admin.GetByTestId("users-grid").Locator("tr.grid-row").Filter(new() { HasText = "Michael Suyama" });
            await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
            await Assertions.Expect(admin.GetByTestId("admin-notice")).ToContainTextAsync("Michael Suyama disabled");

            await Task.Delay(TimeSpan.FromSeconds(1.5)); // sessions are re-checked every second in tests
            await rep.GotoAsync("leads");
            Assert.Contains("/Account/Login", rep.Url);
            await new SignInPage(rep).SignInAsync("rep3@northwind.demo", TestDatabase.DemoPassword);
            await Assertions.Expect(new SignInPage(rep).Error).ToContainTextAsync("locked");
        });
        await rep.Context.CloseAsync();
        await newcomer.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdminIssuesAnApiKeyThatWorksOnceCopiedAndStopsWhenRevoked()
    {
        var admin = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(admin, nameof(AnAdminIssuesAnApiKeyThatWorksOnceCopiedAndStopsWhenRevoked), async () =>
        {
            await admin.GotoAsync("admin");
            await admin.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await admin.GetByLabel("Key name").FillAsync("Data warehouse");
            await admin.GetByLabel("Key name").PressAsync("Tab"); // inputs bind on change
            await admin.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
            var key = await admin.GetByTestId("issued-key").Locator("kbd").InnerTextAsync();
            Assert.StartsWith("ak_", key);

            var headers = new Dictionary<string, string> { ["X-Api-Key"] = key };
            // From the signed-in browser the key rides with the console's cookie: two credentials, refused.
            Assert.Equal(401, (await admin.APIRequest.GetAsync("api/v1/accounts?take=1", new() { Headers = headers })).Status);
            // An integration sends the key alone.
            using var machine = new HttpClient { BaseAddress = new Uri(new Uri(admin.Url), "/") };
            machine.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await machine.GetAsync("api/v1/accounts?take=1")).StatusCode);

            var row = admin.GetByTestId("api-keys").Locator("tr").Filter(new() { HasText = "Data warehouse" });
            await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Assertions.Expect(row).ToContainTextAsync("Revoked");
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await machine.GetAsync("api/v1/accounts?take=1")).StatusCode);
        });
    }
}
