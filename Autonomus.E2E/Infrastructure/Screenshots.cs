using Microsoft.Playwright;

namespace Autonomus.E2E.Infrastructure;

public static class Screenshots
{
    /// <summary>
    /// Runs a browser test; when it fails, saves a full-page screenshot named after it, then fails as before.
    /// A Content-Security-Policy violation reported by the browser also fails the test: the policy must not
    /// silently break a page.
    /// </summary>
    public static async Task OnFailureAsync(IPage page, string testName, Func<Task> test)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy")) violations.Add(message.Text);
        };
        try
        {
            await test();
            Assert.Empty(violations);
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            try { await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{testName}.png"), FullPage = true }); }
            catch (PlaywrightException) { /* the page itself may be gone; the original failure matters more */ }
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
