using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class SignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ASignedOutVisitToLeadsLandsOnTheSignInPage()
    {
        var page = await browser.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(ASignedOutVisitToLeadsLandsOnTheSignInPage), async () =>
        {
            await page.GotoAsync("leads");
            Assert.Contains("/Account/Login", page.Url);
            Assert.Contains("ReturnUrl=%2Fleads", page.Url);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task AWrongPasswordShowsAnErrorAndStaysOnSignIn()
    {
        var page = await browser.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(AWrongPasswordShowsAnErrorAndStaysOnSignIn), async () =>
        {
            var signIn = new SignInPage(page);
            await signIn.SignInAsync("auditor@northwind.demo", "not-the-password");
            await Assertions.Expect(signIn.Error).ToHaveTextAsync("Invalid email or password.");
            Assert.Contains("/Account/Login", page.Url);
        });
    }

    [Fact]
    public async Task SigningInReturnsToThePageAskedForAndShowsTheTenant()
    {
        var page = await browser.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(SigningInReturnsToThePageAskedForAndShowsTheTenant), async () =>
        {
            await page.GotoAsync("deals/board");
            await new SignInPage(page).SignInWithCodeAsync("manager@northwind.demo", Autonomus.Tests.Infrastructure.TestDatabase.DemoPassword,
                await browser.Database.AuthenticatorKeyAsync("manager@northwind.demo"));
            await page.WaitForURLAsync("**/deals/board");
            await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Northwind Traders");
            await Assertions.Expect(page.GetByTestId("board-column")).ToHaveCountAsync(4);
        });
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        var page = await browser.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne), async () =>
        {
            var signIn = new SignInPage(page);
            for (var i = 0; i < 5; i++)
            {
                await signIn.SignInAsync("auditor@andes.demo", $"wrong-password-{i}");
                await Assertions.Expect(signIn.Error).ToBeVisibleAsync();
            }
            await signIn.SignInAsync("auditor@andes.demo", Autonomus.Tests.Infrastructure.TestDatabase.DemoPassword);
            await Assertions.Expect(signIn.Error).ToContainTextAsync("locked");
            Assert.Contains("/Account/Login", page.Url);
            Assert.True(await browser.Database.ScalarAsync<bool>("SELECT lockout_end > now() + interval '14 minutes' FROM users WHERE email = 'auditor@andes.demo'"));
        });
    }
}
