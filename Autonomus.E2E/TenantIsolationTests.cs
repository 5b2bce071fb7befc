using Autonomus.E2E.Infrastructure;
using Autonomus.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Autonomus.E2E;

public sealed class TenantIsolationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("leads", "SELECT id::text || '|' || last_name FROM leads WHERE tenant_id = @t LIMIT 1")]
    [InlineData("deals", "SELECT id::text || '|' || name FROM deals WHERE tenant_id = @t LIMIT 1")]
    [InlineData("accounts", "SELECT id::text || '|' || name FROM accounts WHERE tenant_id = @t LIMIT 1")]
    public async Task TypingAnotherTenantsRecordIdShowsNotFoundAndNoneOfItsData(string path, string sql)
    {
        var row = (await browser.Database.ScalarAsync<string>(sql, ("t", PostgresFixture.Northwind))).Split('|');
        var page = await browser.NewPageAsync("manager@andes.demo");
        await Screenshots.OnFailureAsync(page, $"{nameof(TypingAnotherTenantsRecordIdShowsNotFoundAndNoneOfItsData)}_{path}", async () =>
        {
            var response = await page.GotoAsync($"{path}/{row[0]}");
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
            Assert.DoesNotContain(row[1], await page.ContentAsync());
        });
    }
}
