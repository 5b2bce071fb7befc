using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E.PageObjects;

public sealed class SignInPage(IPage page)
{
    public ILocator Error => page.GetByTestId("login-error");

    public async Task SignInAsync(string email, string password)
    {
        // A freshly loaded form (unless we arrived with a return address): its antiforgery token then matches
        // the browser's current cookies, whatever happened before.
        if (!page.Url.Contains("/Account/Login?ReturnUrl")) await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Password, then the authenticator code computed from the user's key.</summary>
    public async Task SignInWithCodeAsync(string email, string password, string authenticatorKey)
    {
        await SignInAsync(email, password);
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await EnterCodeAsync(Totp.Code(authenticatorKey));
    }

    public async Task EnterCodeAsync(string code)
    {
        await page.GetByLabel("Authenticator code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }
}
