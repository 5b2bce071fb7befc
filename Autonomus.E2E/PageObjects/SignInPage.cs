using Microsoft.Playwright;

namespace Autonomus.E2E.PageObjects;

public sealed class SignInPage(IPage page)
{
    public ILocator Error => page.GetByTestId("login-error");

    public async Task SignInAsync(string email, string password)
    {
        if (!page.Url.Contains("/Account/Login")) await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
