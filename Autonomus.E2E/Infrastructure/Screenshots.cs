using Microsoft.Playwright;

namespace Autonomus.E2E.Infrastructure;

public static class Screenshots
{
    /// <summary>Runs a browser test; when it fails, saves a full-page screenshot named after it, then fails as before.</summary>
    public static async Task OnFailureAsync(IPage page, string testName, Func<Task> test)
    {
        try
        {
            await test();
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
