using Microsoft.Playwright;

namespace Autonomus.E2E.PageObjects;

public sealed class LeadsPage(IPage page)
{
    public ILocator Rows => page.GetByTestId("leads-grid").Locator("tr.rz-data-row");
    public ILocator PagerSummary => page.Locator(".rz-pager-summary");

    public async Task OpenAsync()
    {
        await page.GotoAsync("leads");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Rows.First.WaitForAsync();
    }

    public Task GoToPageAsync(int number) =>
        page.Locator(".rz-pager").GetByRole(AriaRole.Button, new() { Name = $"Go to page {number}." }).ClickAsync();

    public Task SortByAsync(string column) =>
        page.GetByTestId("leads-grid").Locator("th").Filter(new() { HasText = column }).Locator(".rz-column-title").ClickAsync();

    public async Task FilterByStatusAsync(string status)
    {
        await page.Locator(".filters .rz-dropdown").Filter(new() { HasText = "Any status" }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true }).ClickAsync();
    }

    public Task SearchAsync(string text) => page.GetByLabel("Search leads").FillAsync(text);

    public async Task<IReadOnlyList<string>> ColumnTextsAsync(int columnIndex) =>
        await Rows.Locator($"td:nth-child({columnIndex})").AllInnerTextsAsync();
}
