using Microsoft.Playwright;

namespace Autonomus.E2E.PageObjects;

public sealed class LeadDetailPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator TimelineItems => page.GetByTestId("timeline-item");

    public async Task WaitUntilLiveAsync() =>
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task LogCallAsync(string subject, string details)
    {
        await page.GetByLabel("Subject").FillAsync(subject);
        await page.GetByLabel("Details").FillAsync(details);
        await page.GetByLabel("Details").PressAsync("Tab"); // inputs bind on change, not on each keystroke
        await page.GetByRole(AriaRole.Button, new() { Name = "Log activity" }).ClickAsync();
    }
}
