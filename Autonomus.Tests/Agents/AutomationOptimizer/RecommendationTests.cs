using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Autonomus.Core.Agents;
using Autonomus.Core.Agents.AutomationOptimizer;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.AutomationOptimizer;

/// <summary>
/// The Automation Optimizer recommends from measured decisions — raising a threshold that fires too early, pausing an
/// action nobody accepts, putting back to suggest an action acting on its own that people started undoing —, once; over HTTP managers read the recommendations and only an Admin in person applies one
/// (through the setting's versioned path, on the ledger) or dismisses it with a reason.
/// </summary>
public sealed class RecommendationTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    private async Task<int> RecommendAsync()
    {
        await using var system = pg.Services(Andes, clock: _clock);
        return await system.GetRequiredService<RecommendAgentChanges>().HandleAsync();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task AThresholdThatFiresTooEarlyIsRecommendedOnceAndAnAdminAppliesItThroughTheSettingsPath()
    {
        await pg.ConfigureAsync(Andes, s => s.LeadStagnantDays = 7);
        await DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Andes,
        [
            new HistorySpec(AgentNames.LeadIntelligence, TriggerTypes.LeadStagnant, "schedule_follow_up", RecordType.Lead, "playbook:lead_stagnant@1", 150,
                Accept: 0.6, Edit: 0.05, Reject: 0.35, Confidences: [0.8m], Fact: "days_stagnant", FactValue: (accepted, r) => accepted ? r.Next(10, 30) : r.Next(7, 10)),
        ], _clock.GetUtcNow(), seed: 5);

        Assert.True(await RecommendAsync() >= 1);
        Assert.Equal(0, await RecommendAsync()); // the same one is not made twice
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var open = (await JsonAsync(await manager.GetAsync("/api/v1/agents/recommendations"))).EnumerateArray()
            .Single(r => r.GetProperty("subject").GetString() == "lead_stagnant_days");
        Assert.Equal(("Threshold", 7, 10), (open.GetProperty("kind").GetString(), open.GetProperty("currentValue").GetInt32(), open.GetProperty("proposedValue").GetInt32()));
        Assert.Equal(1m, open.GetProperty("evidence").GetProperty("rejectedBelow").GetDecimal());
        var id = open.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/v1/agents/recommendations/{id}/apply", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/agents/recommendations/{id}/apply", new { note = "Agreed" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/agents/recommendations/{id}/apply", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/agents/recommendations/{Guid.NewGuid()}/apply", new { })).StatusCode);

        var settings = await JsonAsync(await manager.GetAsync("/api/v1/agents/lead_intelligence/settings"));
        Assert.Equal(10, settings.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "lead_stagnant_days").GetProperty("value").GetInt32());
        Assert.Contains($"Automation Optimizer recommendation {id}: Agreed", settings.GetProperty("history")[0].GetProperty("reason").GetString());
        var kinds = (await pg.RowsAsync("SELECT kind FROM ledger_entries WHERE tenant_id = @t AND (kind LIKE 'recommendation_%' OR kind = 'agent_settings_changed') ORDER BY sequence DESC LIMIT 2", ("t", Andes)))
            .Select(r => (string)r["kind"]!);
        Assert.Equal(["recommendation_applied", "agent_settings_changed"], kinds.ToList());
        Assert.Equal(0, await RecommendAsync()); // at 10 days, nothing more to raise
    }

    [Fact]
    public async Task AnActionNobodyAcceptsIsRecommendedForAPauseAndADismissalNeedsAReasonAndSticks()
    {
        await DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Andes,
        [
            new HistorySpec(AgentNames.CustomerRisk, TriggerTypes.AccountRisk, "tag_record", RecordType.Account, "playbook:account_risk@1", 60,
                Accept: 0, Edit: 0, Reject: 0.9, Confidences: [0.7m]),
        ], _clock.GetUtcNow(), seed: 6);
        await RecommendAsync();
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var pause = (await JsonAsync(await admin.GetAsync("/api/v1/agents/recommendations"))).EnumerateArray()
            .Single(r => r.GetProperty("subject").GetString() == "tag_record");
        Assert.Equal(("PauseAction", "customer_risk"), (pause.GetProperty("kind").GetString(), pause.GetProperty("agent").GetString()));
        var id = pause.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/agents/recommendations/{id}/dismiss", new { note = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/agents/recommendations/{id}/dismiss", new { note = "The tags feed a report" })).StatusCode);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM agent_pauses WHERE agent = 'customer_risk'"));
        await RecommendAsync();
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM recommendations WHERE subject = 'tag_record' AND status = 'Open'"));
    }

    [Fact]
    public async Task AnAutonomousActionPeopleStartedUndoingIsRecommendedBackToSuggestAndApplyingItWritesThePolicysNextVersion()
    {
        await DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Andes,
        [
            new HistorySpec(AgentNames.DealStrategy, TriggerTypes.DealDecay, "schedule_follow_up", RecordType.Deal, "playbook:deal_decay@1", 200,
                Accept: 0.95, Edit: 0, Reject: 0.05, Confidences: [0.8m]),
        ], _clock.GetUtcNow(), seed: 7);
        await Autonomy.Governed.Governance.SetPolicyAsync(pg, new Autonomus.Core.Policies.PolicyRules(Autonomus.Core.Policies.PolicyMode.AutoWithUndo),
            AgentNames.DealStrategy, "schedule_follow_up");
        // Kept as often lately as over 90 days: nothing to recommend.
        await RecommendAsync();
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM recommendations WHERE kind = 'Demote'"));

        // The last two weeks: three in four of what it did were undone.
        await pg.ExecuteAsync("""
            UPDATE suggestions SET status = 'Undone'
            WHERE id IN (SELECT id FROM suggestions WHERE agent = 'deal_strategy' AND tool = 'schedule_follow_up' AND status = 'Applied'
                           AND created_at >= now() - interval '14 days' ORDER BY id LIMIT (SELECT count(*) * 3 / 4 FROM suggestions
                           WHERE agent = 'deal_strategy' AND tool = 'schedule_follow_up' AND created_at >= now() - interval '14 days'))
            """);
        await RecommendAsync();
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var demote = (await JsonAsync(await admin.GetAsync("/api/v1/agents/recommendations"))).EnumerateArray()
            .Single(r => r.GetProperty("kind").GetString() == "Demote");
        Assert.Equal(("deal_strategy", "schedule_follow_up"), (demote.GetProperty("agent").GetString(), demote.GetProperty("subject").GetString()));
        var evidence = demote.GetProperty("evidence");
        Assert.True(evidence.GetProperty("recentRate").GetDecimal() <= evidence.GetProperty("overallRate").GetDecimal() - 0.15m, evidence.ToString());

        var id = demote.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/agents/recommendations/{id}/apply", new { note = "Too many undos" })).StatusCode);
        var policy = (await pg.RowsAsync("""
            SELECT mode, reason FROM autonomy_policies WHERE agent = 'deal_strategy' AND action = 'schedule_follow_up' ORDER BY version DESC LIMIT 1
            """)).Single();
        Assert.Equal("Suggest", policy["mode"]);
        Assert.Contains($"Automation Optimizer recommendation {id}: Too many undos", (string)policy["reason"]!);
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'policy_changed' AND data::jsonb->>'reason' LIKE @r", ("r", $"%{id}%")));
    }
}
