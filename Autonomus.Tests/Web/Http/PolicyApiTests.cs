using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.ApiKeys;
using Autonomus.Tests.Infrastructure;

namespace Autonomus.Tests.Web.Http;

/// <summary>/api/v1/policies: versioned autonomy policies per agent × action, set by an Admin in person, read by managers too.</summary>
public sealed class PolicyApiTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const string FollowUps = "/api/v1/policies/lead_intelligence/schedule_follow_up";
    private static readonly Guid Andes = PostgresFixture.Andes;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private Task<long> VersionsAsync() => pg.ScalarAsync<long>(
        "SELECT count(*) FROM autonomy_policies WHERE tenant_id = @t AND agent = 'lead_intelligence' AND action = 'schedule_follow_up'", ("t", Andes));

    [Fact]
    public async Task EveryActionStartsInSuggestAndEachChangeIsANewVersionWithItsDiffOnTheLedger()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");

        var all = (await JsonAsync(await admin.GetAsync("/api/v1/policies"))).EnumerateArray().ToList();
        Assert.True(all.Count >= 9);
        // Never set (version 0): Suggest. (Other tests of this class may already have set one or two.)
        var unset = all.Where(p => p.GetProperty("version").GetInt32() == 0).ToList();
        Assert.True(unset.Count >= all.Count - 3);
        Assert.All(unset, p => Assert.Equal("Suggest", p.GetProperty("rules").GetProperty("mode").GetString()));

        var first = await admin.PutAsJsonAsync(FollowUps, new { mode = "AutoWithUndo", confidenceFloor = 0.9, maxPerHour = 20, quietFrom = "22:00", quietTo = "07:00", reason = "47 of 49 accepted" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, (await JsonAsync(first)).GetProperty("version").GetInt32());
        var second = await admin.PutAsJsonAsync(FollowUps, new { mode = "Suggest", reason = "Back to review during the campaign" });
        Assert.Equal(2, (await JsonAsync(second)).GetProperty("version").GetInt32());

        var versions = (await JsonAsync(await admin.GetAsync(FollowUps + "/versions"))).EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("22:00:00", versions[1].GetProperty("rules").GetProperty("quietFrom").GetString());
        var entry = await pg.ScalarAsync<string>(
            "SELECT data FROM ledger_entries WHERE tenant_id = @t AND kind = 'policy_changed' ORDER BY sequence DESC LIMIT 1", ("t", Andes));
        Assert.Contains("\"version\":2", entry);
        Assert.Contains("Back to review during the campaign", entry);
        Assert.Contains("\"before\"", entry);

        // Versions are only added: the database refuses to rewrite one.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            pg.ScalarAsync<int>("UPDATE autonomy_policies SET mode = 'Auto' WHERE tenant_id = @t RETURNING 1", ("t", Andes)));
    }

    [Fact]
    public async Task BadRulesAreFieldErrorsAndNothingIsSaved()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var before = await VersionsAsync();

        var bad = await admin.PutAsJsonAsync(FollowUps, new { mode = "Auto", confidenceFloor = 1.5, maxPerHour = 0, maxPerDay = -3, quietFrom = "22:00", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        foreach (var field in new[] { "confidenceFloor", "maxPerHour", "maxPerDay", "quietTo", "reason" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(FollowUps, new { mode = "Sometimes", reason = "x" })).StatusCode);
        var notify = await admin.PutAsJsonAsync(FollowUps, new { mode = "Suggest", notifyRoles = new[] { "Auditor" }, reason = "x" });
        Assert.True((await JsonAsync(notify)).GetProperty("errors").TryGetProperty("notifyRoles", out _));
        // Only actions whose change can be put back exactly may run with undo.
        var noUndo = await admin.PutAsJsonAsync("/api/v1/policies/lead_intelligence/add_note", new { mode = "AutoWithUndo", reason = "x" });
        Assert.True((await JsonAsync(noUndo)).GetProperty("errors").TryGetProperty("mode", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(FollowUps, new { mode = "Auto", quietFrom = "08:00", quietTo = "08:00", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/policies/lead_intelligence/delete_everything", new { mode = "Auto", reason = "x" })).StatusCode);
        Assert.Equal(before, await VersionsAsync());
    }

    [Fact]
    public async Task ManagersReadButOnlyAnAdminInPersonChangesAndOtherOrganisationsPoliciesStayApart()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var before = await VersionsAsync();
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync(FollowUps, new { mode = "Auto", reason = "x" })).StatusCode);
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", ApiKeyScope.ReadWrite));
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PutAsJsonAsync(FollowUps, new { mode = "Auto", reason = "x" })).StatusCode);
        var auditor = await ApiClient.AsUserAsync(app, pg, "auditor@andes.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/v1/policies")).StatusCode);
        Assert.Equal(before, await VersionsAsync());

        // Northwind's Admin changes Northwind's policy; Andes still reads its own.
        var northwind = await ApiClient.AsUserAsync(app, pg, "admin@northwind.demo");
        Assert.Equal(HttpStatusCode.OK, (await northwind.PutAsJsonAsync(FollowUps, new { mode = "Off", reason = "Not for us" })).StatusCode);
        var andes = (await JsonAsync(await manager.GetAsync("/api/v1/policies"))).EnumerateArray()
            .Single(p => p.GetProperty("agent").GetString() == "lead_intelligence" && p.GetProperty("action").GetString() == "schedule_follow_up");
        Assert.NotEqual("Off", andes.GetProperty("rules").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task ANeverAutoActionCannotBePutInAnAutoModeAndTheDatabaseBacksIt()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        const string stages = "/api/v1/policies/deal_strategy/update_deal_stage";

        foreach (var mode in new[] { "Auto", "AutoWithUndo" })
        {
            var refused = await admin.PutAsJsonAsync(stages, new { mode, reason = "Save the managers some clicks" });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("NeverAuto", (await JsonAsync(refused)).GetProperty("errors").GetProperty("mode")[0].GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(FollowUps, new { mode = "Auto", riskCeiling = "NeverAuto", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(stages, new { mode = "Off", reason = "Stages are moved by hand here" })).StatusCode);
        Assert.Equal("NeverAuto", await pg.ScalarAsync<string>(
            "SELECT action_risk FROM autonomy_policies WHERE tenant_id = @t AND action = 'update_deal_stage' ORDER BY version DESC LIMIT 1", ("t", Andes)));

        // Written past the use case, an auto mode for a NeverAuto action is still refused, by a CHECK constraint.
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => pg.ScalarAsync<int>("""
            INSERT INTO autonomy_policies (tenant_id, agent, action, version, mode, action_risk, changed_at, reason)
            VALUES (@t, 'deal_strategy', 'update_deal_stage', 99, 'Auto', 'NeverAuto', now(), 'forged') RETURNING 1
            """, ("t", Andes)));
        Assert.Equal("ck_autonomy_policies_never_auto", error.ConstraintName);
    }

    [Fact]
    public async Task ConcurrentChangesEachGetTheirOwnVersionAndNoneIsLost()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        const string notes = "/api/v1/policies/customer_risk/add_note";

        var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            admin.PutAsJsonAsync(notes, new { mode = "Suggest", maxPerDay = i, reason = $"change {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var versions = (await JsonAsync(await admin.GetAsync(notes + "/versions"))).EnumerateArray().ToList();
        Assert.Equal([5, 4, 3, 2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 5), versions.Select(v => v.GetProperty("rules").GetProperty("maxPerDay").GetInt32()).Order());
        Assert.Equal(5, await pg.ScalarAsync<long>(
            "SELECT count(*) FROM ledger_entries WHERE tenant_id = @t AND kind = 'policy_changed' AND data LIKE '%\"action\":\"add_note\"%'", ("t", Andes)));
    }
}
