using System.Net;
using System.Net.Http.Json;
using Autonomus.Core.Agents;
using Autonomus.Core.Apply;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Policies;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>
/// A paused agent detects nothing, proposes nothing and nothing of its is applied, by a person or a policy; resumed, it
/// picks up where it stopped. Only an Admin in person pauses, with a reason on the ledger.
/// </summary>
public sealed class AgentPauseTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
    private static readonly Guid Andes = Governance.Andes;

    private async Task SetPausedAsync(bool paused)
    {
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
        var manage = admin.GetRequiredService<ManageAgents>();
        if (paused) await manage.PauseAsync(AgentNames.LeadIntelligence, "Reviewing the lead playbook");
        else await manage.ResumeAsync(AgentNames.LeadIntelligence);
    }

    [Fact]
    public async Task APausedAgentDetectsProposesAndAppliesNothingUntilItResumes()
    {
        await pg.SetPolicyAsync(PolicyRules.Default);
        var (_, pending) = await pg.StagnantLeadSuggestionAsync(_clock);
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));
        var grant = new PolicyGrant(AgentNames.LeadIntelligence, Governance.FollowUp, 1, new PolicyRules(PolicyMode.AutoWithUndo), TimeSpan.FromHours(24));

        await SetPausedAsync(true);
        try
        {
            await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
            Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
            await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            {
                var approve = await manager.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(pending));
                Assert.Equal(ApplyStatus.Refused, approve.Status);
                Assert.Contains("paused: Reviewing the lead playbook", approve.Message);
            }
            await using (var system = pg.Services(Andes, clock: _clock))
                Assert.Equal(ApplyStatus.Refused, (await system.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(pending, grant)).Status);
            Assert.Equal("Pending", await pg.StatusAsync(pending));
            // Another agent is not affected: Deal Strategy still finds a deal gone quiet.
            var records = new CrmRecords(pg, Andes);
            var deal = await records.DealAsync(await records.AccountAsync(), "Proposal", _clock.GetUtcNow().AddDays(-20),
                DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddDays(30)));
            await pg.DetectAsync(Andes, _clock, TriggerTypes.DealDecay);
            Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.DealDecay, deal));
        }
        finally { await SetPausedAsync(false); }

        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Applied, (await manager.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(pending))).Status);
        var entries = await pg.RowsAsync("SELECT kind, data FROM ledger_entries WHERE kind LIKE 'agent_%' ORDER BY sequence DESC LIMIT 2");
        Assert.Equal(["agent_resumed", "agent_paused"], entries.Select(r => (string)r["kind"]!));
        Assert.Contains("Reviewing the lead playbook", (string)entries[1]["data"]!);
    }

    [Fact]
    public async Task AProposalForAPausedAgentsTriggerWaitsOpen()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        var trigger = Assert.Single(await pg.IdsAsync("SELECT id FROM triggers WHERE record_id = @r AND closed_at IS NULL", ("r", lead)));
        await SetPausedAsync(true);
        try
        {
            await using var system = pg.Services(Andes, clock: _clock);
            Assert.Equal(0, await system.GetRequiredService<Autonomus.Core.Suggestions.ProposeSuggestions>().HandleAsync(triggerId: trigger));
            Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
        }
        finally { await SetPausedAsync(false); }
    }

    [Fact]
    public async Task OverHttpOnlyAnAdminInPersonPausesWithAReason()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        var key = ApiClient.WithKey(app, await ApiClient.IssueKeyAsync(pg, "admin@andes.demo", Autonomus.Core.ApiKeys.ApiKeyScope.ReadWrite));

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/agents/communication/pause", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await key.PostAsJsonAsync("/api/v1/agents/communication/pause", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/agents/communication/pause", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/agents/nobody/pause", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/agents/communication/pause", new { reason = "Too many calls" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/v1/agents/communication/pause", new { reason = "Again" })).StatusCode);
        var list = await (await manager.GetAsync("/api/v1/agents")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var communication = list.EnumerateArray().Single(a => a.GetProperty("agent").GetString() == "communication");
        Assert.True(communication.GetProperty("paused").GetBoolean());
        Assert.Equal("Too many calls", communication.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/agents/communication/resume", null)).StatusCode);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM agent_pauses"));
    }

    [Fact]
    public async Task APausedActionIsNeitherProposedNorAppliedWhileTheAgentDetectsOn()
    {
        await pg.SetPolicyAsync(PolicyRules.Default);
        var (_, pending) = await pg.StagnantLeadSuggestionAsync(_clock);
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock))
            await admin.GetRequiredService<ManageAgents>().PauseAsync(AgentNames.LeadIntelligence, "Calls on hold this week", Governance.FollowUp);
        try
        {
            await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            {
                var approve = await manager.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(pending));
                Assert.Equal(ApplyStatus.Refused, approve.Status);
                Assert.Contains("schedule_follow_up is paused: Calls on hold this week", approve.Message);
            }
            // The agent still detects; its follow-up is not proposed, and the trigger closes (raised again after the cooldown).
            await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
            var trigger = Assert.Single(await pg.IdsAsync("SELECT id FROM triggers WHERE record_id = @r AND closed_at IS NULL", ("r", lead)));
            await using (var system = pg.Services(Andes, clock: _clock))
                Assert.Equal(0, await system.GetRequiredService<Autonomus.Core.Suggestions.ProposeSuggestions>().HandleAsync(triggerId: trigger));
            Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
            Assert.Equal(0, await pg.CountAsync($"SELECT count(*) FROM suggestions WHERE record_id = '{lead}'"));
            await using var reader = await pg.ServicesAsAsync("manager@andes.demo", _clock);
            var li = (await reader.GetRequiredService<ManageAgents>().ListAsync()).Single(a => a.Agent == AgentNames.LeadIntelligence);
            Assert.False(li.Paused);
            Assert.Equal(Governance.FollowUp, Assert.Single(li.PausedActions).Action);
        }
        finally
        {
            await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
            await admin.GetRequiredService<ManageAgents>().ResumeAsync(AgentNames.LeadIntelligence, Governance.FollowUp);
        }
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Applied, (await manager.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(pending))).Status);
        var entry = Assert.Single(await pg.RowsAsync("SELECT data FROM ledger_entries WHERE kind = 'agent_paused' AND data::jsonb->>'action' = 'schedule_follow_up'"));
        Assert.Contains("Calls on hold this week", (string)entry["data"]!);
    }

    [Fact]
    public async Task OverHttpAnAdminPausesAndResumesOneActionOfAnAgent()
    {
        await using var app = new AppFactory(pg.Db.AppConnection);
        var admin = await ApiClient.AsUserAsync(app, pg, "admin@andes.demo");
        var manager = await ApiClient.AsUserAsync(app, pg, "manager@andes.demo");
        const string route = "/api/v1/agents/customer_risk/actions/tag_record";

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync(route + "/pause", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/agents/customer_risk/actions/update_deal_stage/pause", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(route + "/pause", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync(route + "/pause", new { reason = "Tags under review" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(route + "/pause", new { reason = "Again" })).StatusCode);
        var list = await (await manager.GetAsync("/api/v1/agents")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var risk = list.EnumerateArray().Single(a => a.GetProperty("agent").GetString() == "customer_risk");
        Assert.False(risk.GetProperty("paused").GetBoolean());
        var paused = Assert.Single(risk.GetProperty("pausedActions").EnumerateArray());
        Assert.Equal(("tag_record", "Tags under review"), (paused.GetProperty("action").GetString(), paused.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(route + "/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(route + "/resume", null)).StatusCode);
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM agent_pauses WHERE agent = 'customer_risk'"));
    }
}
