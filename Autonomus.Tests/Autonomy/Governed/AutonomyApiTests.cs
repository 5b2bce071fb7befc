using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Agents;
using Autonomus.Core.ApiKeys;
using Autonomus.Core.Crm;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>
/// The autonomy routes over real HTTP: undo (a person's token; a key reads but never undoes), Done by autonomy, dry run,
/// calibration, offers (an Admin in person decides).
/// </summary>
public sealed class AutonomyApiTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task AKeyListsWhatAutonomyDidButOnlyAPersonUndoesItOnce()
    {
        await pg.ConfigureAsync(Governance.Andes, s => s.DemoteAfterUndos = 100);
        await pg.SetPolicyAsync(new PolicyRules(PolicyMode.AutoWithUndo));
        var (lead, id) = await pg.StagnantLeadSuggestionAsync(_clock);
        await pg.SetPolicyAsync(PolicyRules.Default);
        await using var app = new AppFactory(pg.Db.AppConnection);
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite));
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");

        var done = await JsonAsync(await key.GetAsync("/api/v1/autonomy/done?agent=lead_intelligence"));
        var item = done.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        Assert.StartsWith("policy:lead_intelligence/schedule_follow_up@v", item.GetProperty("policy").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync($"/api/v1/suggestions/{id}/undo", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync($"/api/v1/suggestions/{id}/approve", new { })).StatusCode);
        Assert.Equal("Applied", await pg.StatusAsync(id));

        var undone = await manager.PostAsJsonAsync($"/api/v1/suggestions/{id}/undo", new { note = "Wrong day" });
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal(0, await pg.FollowUpsOnAsync(lead));
        var again = await manager.PostAsJsonAsync($"/api/v1/suggestions/{id}/undo", new { note = "Wrong day" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync($"/api/v1/suggestions/{Guid.NewGuid()}/undo", new { })).StatusCode);
    }

    [Fact]
    public async Task DryRunCalibrationAndOffersAnswerFromTheHistoryAndWriteNothingButTheAdminsDecision()
    {
        await DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Governance.Andes,
            [new HistorySpec(AgentNames.CustomerRisk, TriggerTypes.ContactInactive, "schedule_follow_up", RecordType.Contact, "playbook:contact_inactive@1", 120,
                0.97, 0.01, 0.01, [0.66m])], _clock.GetUtcNow(), seed: 5);
        await pg.RefreshAndEvaluateAsync(_clock);
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.Read, "reader"));
        var ledger = await pg.CountAsync("SELECT count(*) FROM ledger_entries");

        var all = await JsonAsync(await manager.PostAsJsonAsync("/api/v1/policies/dry-run",
            new { agent = "customer_risk", action = "schedule_follow_up", mode = "AutoWithUndo" }));
        var considered = all.GetProperty("considered").GetInt32();
        var expected = await pg.CountAsync("SELECT count(*) FROM suggestions WHERE agent = 'customer_risk' AND tool = 'schedule_follow_up' AND created_at >= now() - interval '30 days'");
        Assert.Equal(expected, considered);
        Assert.Equal(considered, all.GetProperty("wouldApply").GetInt32());
        Assert.True(all.GetProperty("accepted").GetInt32() > all.GetProperty("rejected").GetInt32());
        var floor = await JsonAsync(await manager.PostAsJsonAsync("/api/v1/policies/dry-run",
            new { agent = "customer_risk", action = "schedule_follow_up", mode = "AutoWithUndo", confidenceFloor = 0.9 }));
        Assert.Equal(0, floor.GetProperty("wouldApply").GetInt32());
        var capped = await JsonAsync(await manager.PostAsJsonAsync("/api/v1/policies/dry-run",
            new { agent = "customer_risk", action = "schedule_follow_up", mode = "AutoWithUndo", maxPerDay = 1 }));
        Assert.True(capped.GetProperty("wouldApply").GetInt32() < considered);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.PostAsJsonAsync("/api/v1/policies/dry-run", new { agent = "nobody", action = "schedule_follow_up", mode = "Auto" })).StatusCode);
        Assert.Equal(ledger, await pg.CountAsync("SELECT count(*) FROM ledger_entries"));

        var calibration = (await JsonAsync(await key.GetAsync("/api/v1/agents/customer_risk/calibration"))).EnumerateArray()
            .Single(c => c.GetProperty("action").GetString() == "schedule_follow_up");
        var bin = calibration.GetProperty("bins").EnumerateArray().Single();
        Assert.Equal(6, bin.GetProperty("bin").GetInt32());
        Assert.True(bin.GetProperty("observed").GetDecimal() > 0.9m);
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync("/api/v1/agents/nobody/calibration")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/autonomy/offers")).StatusCode);
        var offer = (await JsonAsync(await admin.GetAsync("/api/v1/autonomy/offers"))).EnumerateArray()
            .Single(o => o.GetProperty("agent").GetString() == "customer_risk" && o.GetProperty("action").GetString() == "schedule_follow_up");
        var id = offer.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync($"/api/v1/autonomy/offers/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/autonomy/offers/{id}/reject", new { note = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/autonomy/offers/{id}/approve", new { note = "Yes" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/autonomy/offers/{id}/approve", new { note = "Yes" })).StatusCode);
        Assert.Equal("AutoWithUndo", await pg.ScalarAsync<string>(
            "SELECT mode FROM autonomy_policies WHERE agent = 'customer_risk' AND action = 'schedule_follow_up' ORDER BY version DESC LIMIT 1"));
    }
}
