using Autonomus.E2E.Infrastructure;
using Autonomus.E2E.PageObjects;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class MfaTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AUserEnrolsThenSignsInWithACodeAndARecoveryCodeWorksOnce()
    {
        const string email = "rep4@northwind.demo";
        // Start from a user who has never enrolled.
        var userId = await browser.Database.UserIdAsync(email);
        await browser.Database.ScalarAsync<long>(
            "WITH d AS (DELETE FROM user_tokens WHERE user_id = @u RETURNING 1), u AS (UPDATE users SET two_factor_enabled = false WHERE id = @u RETURNING 1) SELECT count(*) FROM u",
            ("u", userId));

        var page = await browser.NewPageAsync();
        await Screenshots.OnFailureAsync(page, nameof(AUserEnrolsThenSignsInWithACodeAndARecoveryCodeWorksOnce), async () =>
        {
            var signIn = new SignInPage(page);
            await signIn.SignInAsync(email, TestDatabase.DemoPassword);
            await page.WaitForURLAsync("**/Account/Manage/EnableAuthenticator");

            // Until enrolled, every other page leads back to enrolment.
            await page.GotoAsync("leads");
            Assert.EndsWith("/Account/Manage/EnableAuthenticator", page.Url);

            var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "");
            await page.GetByLabel("Verification code").FillAsync("123456" == Totp.Code(key) ? "654321" : "123456");
            await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("enrol-error")).ToBeVisibleAsync();

            await page.GetByLabel("Verification code").FillAsync(Totp.Code(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("recovery-code")).ToHaveCountAsync(10);
            var recoveryCode = await page.GetByTestId("recovery-code").First.InnerTextAsync();

            await page.GotoAsync("leads");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Leads" })).ToBeVisibleAsync();
            await SignOutAsync(page);

            // Password, then a wrong code (refused), then the right one.
            await signIn.SignInAsync(email, TestDatabase.DemoPassword);
            await page.WaitForURLAsync("**/Account/LoginWith2fa**");
            await signIn.EnterCodeAsync(Totp.Code(key) == "000000" ? "111111" : "000000");
            await Assertions.Expect(signIn.Error).ToContainTextAsync("not valid");
            await signIn.EnterCodeAsync(Totp.Code(key));
            await page.WaitForURLAsync(url => !url.Contains("/Account/"));
            await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Robert King");
            await SignOutAsync(page);

            // A recovery code signs in once, and only once.
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                await signIn.SignInAsync(email, TestDatabase.DemoPassword);
                await page.WaitForURLAsync("**/Account/LoginWith2fa**");
                await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
                await page.GetByLabel("Recovery code").FillAsync(recoveryCode);
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                if (attempt == 1)
                {
                    await page.WaitForURLAsync(url => !url.Contains("/Account/"));
                    await SignOutAsync(page);
                }
                else
                {
                    await Assertions.Expect(signIn.Error).ToContainTextAsync("already been used");
                }
            }
        });
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByTestId("user-name").ClickAsync(); // the profile menu
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
    }
}
