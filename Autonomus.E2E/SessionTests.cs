using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class SessionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignOutEverywhereEndsTheOtherSessionButKeepsThisOne()
    {
        const string email = "rep2@andes.demo";
        var here = await browser.NewPageAsync(email);
        var elsewhere = await browser.NewPageAsync(email);
        await Screenshots.OnFailureAsync(here, nameof(SignOutEverywhereEndsTheOtherSessionButKeepsThisOne), async () =>
        {
            await elsewhere.GotoAsync("leads");
            await Assertions.Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = "Leads" })).ToBeVisibleAsync();

            await here.GotoAsync("Account/Manage");
            await here.Locator("#all-password").FillAsync("not my password");
            await here.Locator("#all-code").FillAsync(Totp.Code(await browser.Database.AuthenticatorKeyAsync(email)));
            await here.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();
            await Assertions.Expect(here.GetByTestId("security-message")).ToHaveTextAsync("The password or the code is not right.");

            await here.Locator("#all-password").FillAsync(TestDatabase.DemoPassword);
            await here.Locator("#all-code").FillAsync(Totp.Code(await browser.Database.AuthenticatorKeyAsync(email)));
            await here.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();
            await Assertions.Expect(here.GetByTestId("security-message")).ToContainTextAsync("being signed out");

            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the test app re-checks sessions every second (a minute in production)
            await elsewhere.GotoAsync("leads");
            Assert.Contains("/Account/Login", elsewhere.Url);

            // This session was refreshed, so it speaks the person's own language again (Andes: Spanish).
            await here.GotoAsync("leads");
            await Assertions.Expect(here.GetByRole(AriaRole.Heading, new() { Name = "Prospectos" })).ToBeVisibleAsync();
        });
        await elsewhere.Context.CloseAsync();
    }
}
