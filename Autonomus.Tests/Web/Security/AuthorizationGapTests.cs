using System.Net;
using System.Net.Http.Json;
using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm.Contacts;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Crm.Leads;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Security;

/// <summary>The authorization holes a review found, each closed on every path that reaches it.</summary>
public sealed class AuthorizationGapTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes; // approval limit 100,000,000 CLP

    private async Task<(Guid Deal, Guid Account)> NorteDealAsync(decimal amount, string stage = "Proposal")
    {
        var records = new CrmRecords(pg, Andes);
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        var account = await records.AccountAsync(owner: rep);
        return (await records.DealAsync(account, stage, DateTimeOffset.UtcNow.AddDays(-2), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), owner: rep, amount: amount), account);
    }

    private async Task<DealInput> InputAsync(Guid deal)
    {
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        return DealInput.From((await sp.GetRequiredService<DealQueries>().GetAsync(deal))!);
    }

    [Theory]
    [InlineData(250_000_000, 90_000_000)] // lowering a large deal under the limit, to move its stage and raise it again
    [InlineData(90_000_000, 250_000_000)] // raising a deal over the limit after moving it
    public async Task AManagerCannotMoveADealsAmountAcrossTheApprovalLimitOnTheConsoleOrTheApi(decimal from, decimal to)
    {
        var (deal, _) = await NorteDealAsync(from);
        var input = await InputAsync(deal);
        input.Amount = to;
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo"))
            await Assert.ThrowsAsync<AccessDenied>(() => manager.GetRequiredService<SaveDeal>().UpdateAsync(deal, 1, input));

        await using var app = new AppFactory(pg.Db.AppConnection);
        var api = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/deals/{deal}") { Content = JsonContent.Create(input) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(put)).StatusCode);
        Assert.Equal((from, 1), (await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @id", ("id", deal)),
            await pg.ScalarAsync<int>("SELECT version FROM deals WHERE id = @id", ("id", deal))));

        // An Admin may.
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo");
        await admin.GetRequiredService<SaveDeal>().UpdateAsync(deal, 1, input);
        Assert.Equal(to, await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @id", ("id", deal)));
    }

    [Fact]
    public async Task AClosedDealsDetailsCannotBeEdited()
    {
        var (deal, _) = await NorteDealAsync(5_000_000, stage: "ClosedWon");
        var input = await InputAsync(deal);
        input.Name = "Rewritten history";
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo");
        var e = await Assert.ThrowsAsync<DomainRuleViolation>(() => admin.GetRequiredService<SaveDeal>().UpdateAsync(deal, 1, input));
        Assert.Contains("closed", e.Message);
        Assert.Equal(1, await pg.ScalarAsync<int>("SELECT version FROM deals WHERE id = @id", ("id", deal)));
    }

    [Fact]
    public async Task RecordsLinkOnlyToAccountsTheUserCanSee()
    {
        var surAccount = await new CrmRecords(pg, Andes).AccountAsync(owner: await pg.UserIdAsync("rep3@andes.demo"));
        var (deal, _) = await NorteDealAsync(5_000_000);
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo"); // team Norte
        var contact = await Assert.ThrowsAsync<InputInvalid>(() => manager.GetRequiredService<SaveContact>()
            .CreateAsync(new ContactInput { FirstName = "Linked", LastName = "Elsewhere", AccountId = surAccount }));
        Assert.Contains("account you can see", contact.Errors["AccountId"][0]);
        var input = await InputAsync(deal);
        input.AccountId = surAccount;
        await Assert.ThrowsAsync<InputInvalid>(() => manager.GetRequiredService<SaveDeal>().UpdateAsync(deal, 1, input));
        Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM contacts WHERE last_name = 'Elsewhere'"));
    }

    [Fact]
    public async Task WhoeverReadsEmailsMaskedCannotFindRecordsByThem()
    {
        var email = await pg.ScalarAsync<string>("SELECT email FROM leads WHERE tenant_id = @t AND email IS NOT NULL LIMIT 1", ("t", Andes));
        var local = email.Split('@')[0];
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo"))
            Assert.True((await admin.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(Search: local), new PageRequest(0, 10))).TotalCount > 0);
        await using (var auditor = await pg.ServicesAsAsync("auditor@andes.demo"))
            Assert.Equal(0, (await auditor.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(Search: local), new PageRequest(0, 10))).TotalCount);

        // A read key (an Auditor's reach) over the API likewise.
        await using var app = new AppFactory(pg.Db.AppConnection);
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", Autonomus.Core.ApiKeys.ApiKeyScope.Read, "bi"));
        var page = await (await key.GetAsync($"/api/v1/leads?search={Uri.EscapeDataString(local)}")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task TheEnrolmentPageShowsAnEnrolledUsersKeyOnlyAfterPasswordAndCode()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var console = await ConsoleSignIn.SignedInClientAsync(app, pg, "rep2@northwind.demo");
        var key = await pg.AuthenticatorKeyAsync("rep2@northwind.demo");
        var shown = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

        var page = await console.GetStringAsync("/Account/Manage/EnableAuthenticator");
        Assert.Contains("Confirm it is you", page);
        Assert.DoesNotContain(shown, page);

        var failedBefore = await pg.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE email = 'rep2@northwind.demo'");
        var wrong = await PostConfirmAsync(console, page, "not-my-password", Totp.Code(key));
        Assert.Contains("not right", wrong);
        Assert.DoesNotContain(shown, wrong);
        Assert.Equal(failedBefore + 1, await pg.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE email = 'rep2@northwind.demo'"));

        var right = await PostConfirmAsync(console, await console.GetStringAsync("/Account/Manage/EnableAuthenticator"), TestDatabase.DemoPassword, Totp.Code(key));
        Assert.Contains(shown, right);
    }

    private static async Task<string> PostConfirmAsync(HttpClient client, string page, string password, string code)
    {
        var response = await client.PostAsync("/Account/Manage/EnableAuthenticator", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ConsoleSignIn.AntiforgeryToken(page), ["_handler"] = "confirm-authenticator",
            ["Confirm.Password"] = password, ["Confirm.Code"] = code,
        }));
        return await response.Content.ReadAsStringAsync();
    }
}
