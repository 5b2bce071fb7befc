using Microsoft.Playwright;

namespace Autonomus.E2E.PageObjects;

public sealed class LeadsPage(IPage page)
{
    public ILocator Rows => page.GetByTestId("leads-grid").Locator("tr.grid-row");
    public ILocator PagerSummary => page.GetByTestId("grid-pager");

    public async Task OpenAsync()
    {
        await page.GotoAsync("leads");
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Rows.First.WaitForAsync();
    }

    public Task NextPageAsync() => PagerSummary.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

    public Task SortByAsync(string column) =>
        page.GetByTestId("leads-grid").Locator("th").Filter(new() { HasText = column }).Locator(".sortable-column-header").ClickAsync();

    public async Task FilterByStatusAsync(string status)
    {
        await page.GetByTestId("status-filter").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = status, Exact = true }).ClickAsync();
    }

    public Task SearchAsync(string text) => page.GetByLabel("Search leads").FillAsync(text);

    public async Task<IReadOnlyList<string>> ColumnTextsAsync(int columnIndex) =>
        await Rows.Locator($"td:nth-child({columnIndex})").AllInnerTextsAsync();
}
