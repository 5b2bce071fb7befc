using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Http;

/// <summary>/api/v1/suggestions: read with a token or a key, decide with a person's token only, under the console's rules.</summary>
public sealed class SuggestionApiTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly Guid Andes = PostgresFixture.Andes;

    public async Task InitializeAsync()
    {
        if (await pg.ScalarAsync<long>("SELECT count(*) FROM suggestions") > 0) return;
        await using var services = pg.Services(Andes);
        await services.GetRequiredService<DetectTriggers>().HandleAsync([TriggerTypes.LeadStagnant]);
        while (await services.GetRequiredService<ProposeSuggestions>().HandleAsync() > 0) { }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private Task<string> StatusAsync(Guid id) => pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id));

    [Fact]
    public async Task KeysetPagesFollowTheQueuesOrderWithoutGapsOrRepeatsAndABadCursorIsRefused()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");

        var byOffset = new List<Guid>();
        for (var skip = 0; skip < 15; skip += 5)
            byOffset.AddRange((await JsonAsync(await admin.GetAsync($"/api/v1/suggestions?skip={skip}&take=5"))).GetProperty("items")
                .EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var byKeyset = new List<Guid>();
        string? cursor = null;
        for (var page = 0; page < 3; page++)
        {
            var body = await JsonAsync(await admin.GetAsync("/api/v1/suggestions?take=5" + (cursor is null ? "" : $"&after={cursor}")));
            byKeyset.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = body.GetProperty("nextCursor").GetString();
            Assert.False(string.IsNullOrEmpty(cursor));
        }
        Assert.Equal(15, byKeyset.Distinct().Count());
        Assert.Equal(byOffset, byKeyset);

        var bad = await admin.GetAsync("/api/v1/suggestions?after=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await JsonAsync(bad)).GetProperty("errors").TryGetProperty("after", out _));
    }

    [Fact]
    public async Task AManagerListsReadsAndApprovesOnceAndTheSecondApprovalRunsNothing()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");

        var page = await JsonAsync(await manager.GetAsync("/api/v1/suggestions?take=5"));
        var items = page.GetProperty("items");
        Assert.Equal(5, items.GetArrayLength());
        // The manager's team's records only, as in the console's queue.
        await using (var asManager = await pg.ServicesAsAsync("manager@andes.demo"))
            Assert.Equal(await asManager.GetRequiredService<SuggestionQueries>().CountPendingAsync(), page.GetProperty("totalCount").GetInt32());
        var id = items[0].GetProperty("id").GetGuid();

        var one = await JsonAsync(await manager.GetAsync($"/api/v1/suggestions/{id}"));
        Assert.Equal("schedule_follow_up", one.GetProperty("suggestion").GetProperty("tool").GetString());
        Assert.Contains(one.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "Subject");

        var approved = await manager.PostAsJsonAsync($"/api/v1/suggestions/{id}/approve", new { note = "from the API" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Applied", (await JsonAsync(approved)).GetProperty("status").GetString());
        Assert.Equal("Applied", await StatusAsync(id));
        var again = await manager.PostAsJsonAsync($"/api/v1/suggestions/{id}/approve", new { });
        Assert.Equal("AlreadyApplied", (await JsonAsync(again)).GetProperty("status").GetString());
        Assert.Equal(1, await pg.ScalarAsync<long>(
            "SELECT count(*) FROM ledger_entries e JOIN suggestions s ON s.correlation_id = e.correlation_id WHERE s.id = @id AND e.kind = 'action_applied'", ("id", id)));
    }

    [Fact]
    public async Task AnApiKeyReadsButNeverDecidesAndARepReadsNothing()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite));
        var id = (await JsonAsync(await key.GetAsync("/api/v1/suggestions?take=1"))).GetProperty("items")[0].GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync($"/api/v1/suggestions/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync($"/api/v1/suggestions/{id}/reject", new { reason = "no" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync($"/api/v1/suggestions/{id}/defer", new { })).StatusCode);
        Assert.Equal("Pending", await StatusAsync(id));

        var rep = await ApiClient.AsUserAsync(app, pg, "rep1@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/v1/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsJsonAsync($"/api/v1/suggestions/{id}/approve", new { })).StatusCode);
        Assert.Equal("Pending", await StatusAsync(id));
    }

    [Fact]
    public async Task ARejectionNeedsAReasonABadEditIsRefusedAndAnUnknownSuggestionIsNotFound()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var id = (await JsonAsync(await admin.GetAsync("/api/v1/suggestions?take=1&skip=10"))).GetProperty("items")[0].GetProperty("id").GetGuid();

        var noReason = await admin.PostAsJsonAsync($"/api/v1/suggestions/{id}/reject", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await JsonAsync(noReason)).GetProperty("errors").TryGetProperty("reason", out _));

        var badEdit = await admin.PostAsJsonAsync($"/api/v1/suggestions/{id}/approve", new { payload = new { subject = "" } });
        Assert.Equal(HttpStatusCode.BadRequest, badEdit.StatusCode);
        Assert.Equal("Pending", await StatusAsync(id));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/suggestions/{Guid.NewGuid()}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/suggestions/{Guid.NewGuid()}")).StatusCode);

        var rejected = await admin.PostAsJsonAsync($"/api/v1/suggestions/{id}/reject", new { reason = "Already called yesterday" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("Rejected", await StatusAsync(id));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/suggestions/{id}/approve", new { })).StatusCode);
    }

    [Fact]
    public async Task ABulkRejectionAnswersPerIdAndLeavesWhatTheCallerCannotSeeAlone()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var mine = (await JsonAsync(await manager.GetAsync("/api/v1/suggestions?take=3&skip=20"))).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        // A pending suggestion on a record of the other team: the Norte manager cannot see it.
        var theirs = await pg.ScalarAsync<Guid>("""
            SELECT s.id FROM suggestions s JOIN leads l ON l.id = s.record_id JOIN users u ON u.id = l.owner_id
            WHERE s.tenant_id = @t AND s.status = 'Pending' AND u.team = 'Sur' LIMIT 1
            """, ("t", Andes));

        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync("/api/v1/suggestions/bulk", new { action = "reject", ids = mine })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync("/api/v1/suggestions/bulk", new { action = "delete", ids = mine })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync("/api/v1/suggestions/bulk", new { action = "approve", ids = Array.Empty<Guid>() })).StatusCode);

        var response = await manager.PostAsJsonAsync("/api/v1/suggestions/bulk",
            new { action = "reject", ids = mine.Append(theirs).ToList(), reason = "Handled by phone" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal(mine.Append(theirs), results.Select(r => r.GetProperty("suggestionId").GetGuid()));
        Assert.All(results.Take(3), r => Assert.Equal("Recorded", r.GetProperty("status").GetString()));
        Assert.Equal("Refused", results[3].GetProperty("status").GetString());
        foreach (var id in mine) Assert.Equal("Rejected", await StatusAsync(id));
        Assert.Equal("Pending", await StatusAsync(theirs));
    }
}
