using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Deals;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.History;

/// <summary>
/// Restores go through review, over real HTTP: the preview shows then, now and the edits a restore would undo; the request
/// becomes a restore_fields suggestion; approving it applies the old values through safe apply and the history shows the
/// chain; a record changed meanwhile is a conflict; an archived record is refused with its reason.
/// </summary>
public sealed class RestoreTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    /// <summary>A deal the manager created ten days ago at 1,000,000 CLP and raised to 1,500,000 (and renamed) three days ago.</summary>
    private async Task<(Guid Deal, DateTimeOffset Now)> DealWithAHistoryAsync(string name)
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddDays(-10));
        var account = await pg.ScalarAsync<Guid>("SELECT id FROM accounts WHERE tenant_id = @t AND archived_at IS NULL ORDER BY name LIMIT 1", ("t", PostgresFixture.Andes));
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", clock);
        var save = manager.GetRequiredService<SaveDeal>();
        var deal = await save.CreateAsync(new DealInput
        {
            Name = name, AccountId = account, Amount = 1_000_000, Currency = "CLP", ExpectedCloseDate = DateOnly.FromDateTime(now.AddDays(30).UtcDateTime),
        });
        clock.SetUtcNow(now.AddDays(-3));
        var detail = (await manager.GetRequiredService<DealQueries>().GetAsync(deal))!;
        var input = DealInput.From(detail);
        input.Amount = 1_500_000;
        input.Name = name + " (ampliado)";
        await save.UpdateAsync(deal, detail.Version, input);
        return (deal, now);
    }

    private static string At(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    [Fact]
    public async Task ARestoreIsPreviewedRequestedReviewedAndAppliedAndTheHistoryShowsTheChain()
    {
        var (deal, now) = await DealWithAHistoryAsync("Riego tecnificado Curicó");
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var lastWeek = now.AddDays(-7);

        var preview = await (await manager.GetAsync($"/api/v1/deals/{deal}/restore?asOf={At(lastWeek)}")).Content.ReadFromJsonAsync<JsonElement>();
        var fields = preview.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!);
        Assert.Equal(["amount", "name"], fields.Keys.Order());
        Assert.Equal(1_000_000m, decimal.Parse(fields["amount"].GetProperty("then").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1_500_000m, decimal.Parse(fields["amount"].GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((1, "Ana Pérez"), (fields["amount"].GetProperty("changedSince").GetInt32(), fields["amount"].GetProperty("lastChangedBy").GetString()));

        var request = await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/restore", new { asOf = lastWeek, fields = new[] { "amount" }, note = "the increase was a typo" });
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var requested = await request.Content.ReadFromJsonAsync<JsonElement>();
        var suggestion = requested.GetProperty("suggestionId").GetGuid();
        Assert.Equal("Pending", requested.GetProperty("suggestionStatus").GetString());
        var again = await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/restore", new { asOf = lastWeek, fields = new[] { "amount" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already waiting", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Nothing changes until someone approves it.
        Assert.Equal(1_500_000m, await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", deal)));
        var queued = await (await manager.GetAsync($"/api/v1/suggestions/{suggestion}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("restore_fields", queued.GetProperty("suggestion").GetProperty("tool").GetString());
        // The reviewer sees the diff the restore would make, against the record as it is.
        var diff = queued.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "Amount");
        Assert.Equal(("1,500,000 CLP", "1,000,000 CLP"), (diff.GetProperty("before").GetString(), diff.GetProperty("after").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/v1/suggestions/{suggestion}/approve", new { })).StatusCode);

        Assert.Equal(1_000_000m, await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", deal)));
        Assert.Equal("Riego tecnificado Curicó (ampliado)", await pg.ScalarAsync<string>("SELECT name FROM deals WHERE id = @d", ("d", deal)));
        var history = await (await manager.GetAsync($"/api/v1/deals/{deal}/history")).Content.ReadFromJsonAsync<JsonElement>();
        var newest = history.GetProperty("items")[0];
        Assert.Equal($"suggestion:{suggestion}", newest.GetProperty("cause").GetString());
        var change = newest.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "amount");
        Assert.Equal((1_500_000m, 1_000_000m), (change.GetProperty("old").GetDecimal(), change.GetProperty("new").GetDecimal()));
        Assert.Equal(3, history.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AnEditAfterTheRequestIsAConflictAndBadRequestsChangeNothing()
    {
        var (deal, now) = await DealWithAHistoryAsync("Packing Rancagua");
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var requested = await (await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/restore", new { asOf = now.AddDays(-7) })).Content.ReadFromJsonAsync<JsonElement>();
        var suggestion = requested.GetProperty("suggestionId").GetGuid();

        // A colleague changes the deal after the restore was asked for: approving it now is a conflict, nothing is written.
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo"))
        {
            var detail = (await admin.GetRequiredService<DealQueries>().GetAsync(deal))!;
            var input = DealInput.From(detail);
            input.Amount = 1_700_000;
            await admin.GetRequiredService<SaveDeal>().UpdateAsync(deal, detail.Version, input);
        }
        var approve = await manager.PostAsJsonAsync($"/api/v1/suggestions/{suggestion}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Contains("changed since", (await approve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(1_700_000m, await pg.ScalarAsync<decimal>("SELECT amount FROM deals WHERE id = @d", ("d", deal)));

        // Before the deal existed: not found, said plainly. No moment, an unknown field, an Auditor: refused.
        var before = await manager.GetAsync($"/api/v1/deals/{deal}/restore?asOf={At(now.AddDays(-11))}");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("did not exist yet", (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/restore", new { fields = new[] { "amount" } })).StatusCode);
        var unknown = await manager.GetAsync($"/api/v1/deals/{deal}/restore?asOf={At(now.AddDays(-7))}&fields=win_probability");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var auditor = await ApiClient.AsUserAsync(app, pg, "auditor@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/v1/deals/{deal}/restore", new { asOf = now.AddDays(-7) })).StatusCode);
    }

    [Fact]
    public async Task ArchivedRecordsLeaveTheListsKeepTheirReasonRefuseARestoreAndComeBack()
    {
        var (deal, now) = await DealWithAHistoryAsync("Bodega Talca");
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");

        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/archive", new { reason = "  " })).StatusCode);
        var archived = await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/archive", new { reason = "Duplicado del negocio de marzo" });
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/deals/{deal}")).StatusCode);
        var list = await (await manager.GetAsync("/api/v1/deals?search=Bodega%20Talca")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        var archiveResponse = await manager.GetAsync("/api/v1/archive?kind=Deal&take=200");
        Assert.True(archiveResponse.IsSuccessStatusCode, await archiveResponse.Content.ReadAsStringAsync());
        var archive = await archiveResponse.Content.ReadFromJsonAsync<JsonElement>();
        var entry = archive.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == deal);
        Assert.Equal("Duplicado del negocio de marzo", entry.GetProperty("reason").GetString());

        var restore = await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/restore", new { asOf = now.AddDays(-7) });
        Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
        Assert.Contains("Duplicado del negocio de marzo", (await restore.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/v1/deals/{deal}/archive", new { reason = "again" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/deals/{deal}/unarchive", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/deals/{deal}")).StatusCode);
        var history = await (await manager.GetAsync($"/api/v1/deals/{deal}/history")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["restored", "archived"], history.GetProperty("items").EnumerateArray().Take(2).Select(i => i.GetProperty("operation").GetString()));
        Assert.Equal(2, await pg.ScalarAsync<long>("SELECT count(*) FROM ledger_entries WHERE subject_id = @d AND kind IN ('record_archived', 'record_unarchived')", ("d", deal)));
    }

    [Fact]
    public async Task ArchivingAnAccountAsksWhatHappensToItsContactsAndDealsAndArchivesThemAsOneBatch()
    {
        var account = await pg.ScalarAsync<Guid>("""
            SELECT a.id FROM accounts a WHERE a.tenant_id = @t AND a.archived_at IS NULL
              AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id AND c.archived_at IS NULL)
              AND EXISTS (SELECT 1 FROM deals d WHERE d.account_id = a.id AND d.archived_at IS NULL)
            ORDER BY a.name DESC LIMIT 1
            """, ("t", PostgresFixture.Andes));
        var related = await pg.ScalarAsync<long>("SELECT (SELECT count(*) FROM contacts WHERE account_id = @a AND archived_at IS NULL) + (SELECT count(*) FROM deals WHERE account_id = @a AND archived_at IS NULL)", ("a", account));
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");

        var unsaid = await admin.PostAsJsonAsync($"/api/v1/accounts/{account}/archive", new { reason = "Cliente cerró operaciones" });
        Assert.Equal(HttpStatusCode.BadRequest, unsaid.StatusCode);
        Assert.True((await unsaid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("related", out _));
        Assert.True(await pg.ScalarAsync<bool>("SELECT archived_at IS NULL FROM accounts WHERE id = @a", ("a", account)));

        var done = await (await admin.PostAsJsonAsync($"/api/v1/accounts/{account}/archive", new { reason = "Cliente cerró operaciones", related = "Archive" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(related + 1, done.GetProperty("archived").GetInt32());
        var batch = done.GetProperty("batchId").GetGuid();
        Assert.Equal(related + 1, await pg.ScalarAsync<long>("SELECT count(*) FROM change_events WHERE batch_id = @b AND operation = 'archived'", ("b", batch)));
        Assert.Equal(0, await pg.ScalarAsync<long>("SELECT (SELECT count(*) FROM contacts WHERE account_id = @a AND archived_at IS NULL) + (SELECT count(*) FROM deals WHERE account_id = @a AND archived_at IS NULL)", ("a", account)));
    }
}
