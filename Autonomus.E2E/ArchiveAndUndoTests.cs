using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Accounts;
using Autonomus.Core.Crm.Contacts;
using Autonomus.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Autonomus.E2E;

/// <summary>
/// An Admin archives an account with a reason and its contacts with it, finds it in the archive, then undoes that batch
/// from the account's history: the account and its contacts are back in the lists.
/// </summary>
public sealed class ArchiveAndUndoTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminArchivesAnAccountWithItsContactsAndUndoesTheBatch()
    {
        Guid account;
        await using (var admin = await browser.Database.ServicesAsAsync("admin@andes.demo"))
        {
            account = await admin.GetRequiredService<SaveAccount>().CreateAsync(new AccountInput { Name = "Viña Los Robles" });
            foreach (var (first, last) in new[] { ("Matías", "Rojas"), ("Javiera", "Soto") })
                await admin.GetRequiredService<SaveContact>().CreateAsync(new ContactInput { AccountId = account, FirstName = first, LastName = last });
        }
        async Task<long> LiveAsync() => await browser.Database.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM accounts WHERE id = @a AND archived_at IS NULL) + (SELECT count(*) FROM contacts WHERE account_id = @a AND archived_at IS NULL)", ("a", account));

        var page = await browser.NewPageAsync("admin@andes.demo");
        await Screenshots.OnFailureAsync(page, nameof(AnAdminArchivesAnAccountWithItsContactsAndUndoesTheBatch), async () =>
        {
            await page.GotoAsync($"accounts/{account}");
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByTestId("archive-open").ClickAsync();
            await Assertions.Expect(page.GetByTestId("archive-confirm")).ToBeDisabledAsync();
            await page.GetByTestId("archive-reason").FillAsync("Cerró su bodega en Colchagua");
            await page.GetByTestId("archive-related").CheckAsync();
            await page.GetByTestId("archive-confirm").ClickAsync();

            await page.WaitForURLAsync("**/archive?kind=Account*");
            var row = page.Locator($"[data-testid=archived-row][data-id='{account}']");
            await Assertions.Expect(row).ToContainTextAsync("Cerró su bodega en Colchagua");
            Assert.Equal(0, await LiveAsync());

            // Changed their mind: the notice offers to undo the whole archive (account and contacts) as one batch.
            await Assertions.Expect(page.GetByTestId("archive-notice")).ToContainTextAsync("3");
            await page.GetByTestId("archive-undo").ClickAsync();
            await page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Assertions.Expect(page.GetByTestId("batch-record")).ToHaveCountAsync(3);
            await page.GetByTestId("batch-undo").ClickAsync();
            await page.GetByTestId("batch-undo-confirm").ClickAsync();
            await Assertions.Expect(page.GetByTestId("batch-done")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("batch-outcome").First).ToContainTextAsync("Undone");
        });
        Assert.Equal(3, await LiveAsync());
    }
}
