using Microsoft.Playwright;

namespace Autonomus.E2E.PageObjects;

public sealed class SuggestionsPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("suggestions-grid");
    public ILocator Rows => Grid.Locator("tbody tr.grid-row");
    public ILocator TriggerChips => page.GetByTestId("trigger-chips").Locator("button[data-trigger-type]");
    public ILocator Pane => page.GetByTestId("review-pane");
    public ILocator Summary => page.GetByTestId("review-summary");
    public ILocator Reasoning => page.GetByTestId("review-reasoning");
    public ILocator Diff => page.GetByTestId("field-diff");
    public ILocator Outcome => page.GetByTestId("review-outcome");
    public ILocator Trail => page.GetByTestId("review-trail");
    public ILocator Correlation => page.GetByTestId("review-correlation");
    public ILocator ApproveButton => page.GetByTestId("approve");
    public ILocator CurrentRow => Grid.Locator("tbody tr.row-current");

    /// <summary>The suggestion a row (or <see cref="CurrentRow"/>) shows.</summary>
    public static Task<string?> IdOfAsync(ILocator row) => row.GetByTestId("open-suggestion").GetAttributeAsync("data-suggestion-id");

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync("suggestions" + query);
        await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>The trigger types with pending suggestions, as the chips above the queue show them.</summary>
    public async Task<IReadOnlyList<string>> TriggerTypesAsync() =>
        (await TriggerChips.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.triggerType)")).ToList();

    /// <summary>Clicks a trigger's chip and waits until the list shows that trigger's suggestions (as many as the chip says).</summary>
    public async Task FilterByTriggerAsync(string type)
    {
        var chip = page.Locator($"button[data-trigger-type='{type}']");
        var count = (await chip.Locator("strong").InnerTextAsync()).Trim();
        await chip.ClickAsync();
        await Assertions.Expect(page.GetByTestId("grid-pager")).ToContainTextAsync($"of {count}");
    }

    public Task OpenRowAsync(int index) => Rows.Nth(index).GetByTestId("open-suggestion").ClickAsync();

    /// <summary>Presses a review shortcut with the focus on the page, not in a field.</summary>
    public async Task PressAsync(string key)
    {
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync(key);
    }
}
