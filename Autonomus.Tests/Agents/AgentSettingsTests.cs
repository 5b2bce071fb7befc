using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Autonomy.Governed;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents;

/// <summary>
/// PUT /api/v1/agents/{agent}/settings: an Admin in person changes an agent's thresholds within their ranges, with a reason,
/// optionally against the version seen; each change is a version and a ledger entry, and the next detector run uses it.
/// Bad input names its fields and changes nothing.
/// </summary>
public sealed class AgentSettingsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
    private const string Route = "/api/v1/agents/lead_intelligence/settings";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static int ValueOf(JsonElement view, string key) =>
        view.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("key").GetString() == key).GetProperty("value").GetInt32();

    private static HttpRequestMessage Put(object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Route) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task AnAdminsChangeIsVersionedOnTheLedgerAndTheNextDetectorRunUsesIt()
    {
        await pg.ConfigureAsync(Governance.Andes, s => { s.LeadStagnantDays = 7; s.MaxTriggersPerRun = 100_000; });
        var lead = await new CrmRecords(pg, Governance.Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");

        var before = await admin.GetAsync(Route);
        var version = (await JsonAsync(before)).GetProperty("version").GetInt32();
        Assert.Equal($"\"{version}\"", before.Headers.ETag!.Tag);
        var changed = await admin.SendAsync(Put(new { values = new { lead_stagnant_days = 10 }, reason = "Reps call back within ten days" }, $"\"{version}\""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var view = await JsonAsync(changed);
        Assert.Equal(version + 1, view.GetProperty("version").GetInt32());
        Assert.Equal(10, ValueOf(view, "lead_stagnant_days"));
        var latest = view.GetProperty("history")[0];
        Assert.Equal("Reps call back within ten days", latest.GetProperty("reason").GetString());
        Assert.Equal(10, latest.GetProperty("values").GetProperty("lead_stagnant_days").GetInt32());

        // Nine quiet days: not stagnant at ten.
        await pg.DetectAsync(Governance.Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
        var entry = (await pg.RowsAsync("SELECT data FROM ledger_entries WHERE kind = 'agent_settings_changed' ORDER BY sequence DESC LIMIT 1")).Single();
        using var data = JsonDocument.Parse((string)entry["data"]!);
        Assert.Equal(7, data.RootElement.GetProperty("before").GetProperty("lead_stagnant_days").GetInt32());
        Assert.Equal(10, data.RootElement.GetProperty("after").GetProperty("lead_stagnant_days").GetInt32());

        // Back to five: the same lead is found by the next run.
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(Put(new { values = new { lead_stagnant_days = 5 }, reason = "Faster follow-up" }))).StatusCode);
        await pg.DetectAsync(Governance.Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));

        // A change made against the version before those two is refused, and changes nothing.
        var stale = await admin.SendAsync(Put(new { values = new { lead_stagnant_days = 20 }, reason = "From an old tab" }, $"\"{version}\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(5, ValueOf(await JsonAsync(await admin.GetAsync(Route)), "lead_stagnant_days"));
    }

    [Fact]
    public async Task OutOfRangeUnknownOrUnexplainedChangesAreFieldErrorsAndOnlyAnAdminInPersonChanges()
    {
        await pg.ConfigureAsync(Governance.Andes, s => s.DealDecayDays = 14);
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite));
        const string deal = "/api/v1/agents/deal_strategy/settings";
        var versions = await pg.CountAsync("SELECT count(*) FROM agent_settings_versions");
        var entries = await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'agent_settings_changed'");

        var bad = await admin.PutAsJsonAsync(deal, new { values = new { deal_decay_days = 0, hot_probability = 101, lead_stagnant_days = 3 }, reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        Assert.Equal("Between 1 and 180.", errors.GetProperty("deal_decay_days")[0].GetString());
        Assert.Equal("Between 1 and 100.", errors.GetProperty("hot_probability")[0].GetString());
        Assert.True(errors.TryGetProperty("lead_stagnant_days", out _)); // a setting of another agent
        Assert.True(errors.TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(deal, new { reason = "Nothing" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync(deal, new { values = new { deal_decay_days = 14 }, reason = "Same" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync(deal, new { values = new { deal_decay_days = 20 }, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PutAsJsonAsync(deal, new { values = new { deal_decay_days = 20 }, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/agents/nobody/settings", new { values = new { x = 1 }, reason = "x" })).StatusCode);

        Assert.Equal(versions, await pg.CountAsync("SELECT count(*) FROM agent_settings_versions"));
        Assert.Equal(entries, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'agent_settings_changed'"));
        var view = await JsonAsync(await manager.GetAsync(deal)); // managers read them
        Assert.Equal(14, ValueOf(view, "deal_decay_days"));
        var hot = view.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "hot_probability");
        Assert.Equal((70, 1, 100, "percent"), (hot.GetProperty("default").GetInt32(), hot.GetProperty("min").GetInt32(), hot.GetProperty("max").GetInt32(),
            hot.GetProperty("unit").GetString()));
    }
}
