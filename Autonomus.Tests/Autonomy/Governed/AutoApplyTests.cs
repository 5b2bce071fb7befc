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
/// A policy in auto applies new suggestions through the Safe Apply Engine as itself, with its version on the ledger; every
/// condition it has (mode, floor, quiet hours, kill switch, caps under concurrency) holds it back on its own.
/// </summary>
public sealed class AutoApplyTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    // 12:00 in Santiago on a Monday: outside the quiet hours the tests set.
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
    private static readonly Guid Andes = Governance.Andes;

    [Fact]
    public async Task InAutoWithUndoANewSuggestionIsAppliedByThePolicyWithItsVersionOnTheLedger()
    {
        var version = await pg.SetPolicyAsync(new PolicyRules(PolicyMode.AutoWithUndo, MaxPerHour: 50));
        var (lead, id) = await pg.StagnantLeadSuggestionAsync(_clock);

        var row = (await pg.RowsAsync("SELECT status, applied_by_policy, policy_version, undo_until, approved_by FROM suggestions WHERE id = @id", ("id", id))).Single();
        Assert.Equal("Applied", row["status"]);
        Assert.Equal($"policy:lead_intelligence/schedule_follow_up@v{version}", row["applied_by_policy"]);
        Assert.Equal(version, row["policy_version"]);
        Assert.True(await pg.ScalarAsync<bool>("SELECT undo_until = @u FROM suggestions WHERE id = @id", ("u", _clock.GetUtcNow().AddHours(24)), ("id", id)));
        Assert.Null(row["approved_by"]); // no person approved it
        Assert.Equal(1, await pg.FollowUpsOnAsync(lead));

        var entries = await pg.RowsAsync("SELECT kind, actor_type, actor_name, data FROM ledger_entries WHERE subject_id = @id ORDER BY sequence", ("id", id));
        var approved = entries.Single(e => (string)e["kind"]! == "suggestion_approved");
        var applied = entries.Single(e => (string)e["kind"]! == "action_applied");
        Assert.All([approved, applied], e =>
        {
            Assert.Equal("policy", e["actor_type"]);
            Assert.Equal($"policy:lead_intelligence/schedule_follow_up@v{version}", e["actor_name"]);
            Assert.Contains($"\"policy_version\":{version}", (string)e["data"]!);
        });
    }

    [Fact]
    public async Task InSuggestItWaitsForAPersonAndShadowModeRecordsWhatThePolicyWouldHaveDone()
    {
        await pg.SetPolicyAsync(PolicyRules.Default);
        var (_, wouldApply) = await pg.StagnantLeadSuggestionAsync(_clock);
        await pg.SetPolicyAsync(PolicyRules.Default with { ConfidenceFloor = 0.95m });
        var (_, wouldNot) = await pg.StagnantLeadSuggestionAsync(_clock);

        Assert.Equal("Pending", await pg.StatusAsync(wouldApply));
        Assert.True(await pg.ScalarAsync<bool>("SELECT shadow_auto_apply FROM suggestions WHERE id = @id", ("id", wouldApply)));
        Assert.False(await pg.ScalarAsync<bool>("SELECT shadow_auto_apply FROM suggestions WHERE id = @id", ("id", wouldNot)));
    }

    [Fact]
    public async Task BelowTheFloorOrInQuietHoursItWaitsForAPerson()
    {
        await pg.SetPolicyAsync(new PolicyRules(PolicyMode.AutoWithUndo, ConfidenceFloor: 0.9m));
        var (_, belowFloor) = await pg.StagnantLeadSuggestionAsync(_clock);
        Assert.Equal("Pending", await pg.StatusAsync(belowFloor));

        // 12:00 in Santiago is inside 11:00–13:00.
        await pg.SetPolicyAsync(new PolicyRules(PolicyMode.AutoWithUndo, QuietFrom: new TimeOnly(11, 0), QuietTo: new TimeOnly(13, 0)));
        var (_, quiet) = await pg.StagnantLeadSuggestionAsync(_clock);
        Assert.Equal("Pending", await pg.StatusAsync(quiet));
        Assert.True(await pg.ScalarAsync<bool>("SELECT applied_by_policy IS NULL FROM suggestions WHERE id = @id", ("id", quiet)));
    }

    [Fact]
    public async Task AnActionWhosePolicyIsOffIsNotProposedAtAll()
    {
        await pg.SetPolicyAsync(new PolicyRules(PolicyMode.Off));
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        var trigger = Assert.Single(await pg.IdsAsync("SELECT id FROM triggers WHERE record_id = @r", ("r", lead)));
        await using (var system = pg.Services(Andes, clock: _clock))
            Assert.Equal(0, await system.GetRequiredService<Autonomus.Core.Suggestions.ProposeSuggestions>().HandleAsync(triggerId: trigger));

        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM suggestions WHERE record_id = @r", ("r", lead)));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
        await pg.SetPolicyAsync(PolicyRules.Default);
    }

    [Fact]
    public async Task TheKillSwitchStopsAPolicyFromApplying()
    {
        await pg.SetPolicyAsync(PolicyRules.Default);
        var (lead, id) = await pg.StagnantLeadSuggestionAsync(_clock);
        var grant = new PolicyGrant(AgentNames.LeadIntelligence, Governance.FollowUp, 99, new PolicyRules(PolicyMode.AutoWithUndo), TimeSpan.FromHours(24));
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock))
            await admin.GetRequiredService<ManageKillSwitch>().EngageAsync("Checking the follow-ups");
        try
        {
            await using var system = pg.Services(Andes, clock: _clock);
            var outcome = await system.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(id, grant);
            Assert.Equal(ApplyStatus.Refused, outcome.Status);
            Assert.Equal("Pending", await pg.StatusAsync(id));
            Assert.Equal(0, await pg.FollowUpsOnAsync(lead));
        }
        finally
        {
            await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
            await admin.GetRequiredService<ManageKillSwitch>().ReleaseAsync();
        }
    }

    [Fact]
    public async Task APolicyEditedWhileABatchIsAppliedLeavesTheBatchOnTheVersionItStartedWith()
    {
        await pg.SetPolicyAsync(PolicyRules.Default);
        var (_, id) = await pg.StagnantLeadSuggestionAsync(_clock);
        var started = await pg.SetPolicyAsync(new PolicyRules(PolicyMode.AutoWithUndo));
        await using var system = pg.Services(Andes, clock: _clock);
        PolicyGrant grant;
        await using (var db = await system.GetRequiredService<Autonomus.Core.Crm.ICrmDbFactory>().OpenAsync())
        {
            // What a batch reads once, before it applies anything.
            var batch = await BatchPolicies.LoadAsync(db, Andes, 24, default);
            var suggestion = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Suggestions, s => s.Id == id);
            grant = batch.Decide(suggestion, system.GetRequiredService<Autonomus.Core.Tools.ToolCatalogue>().GetMutation(Governance.FollowUp), _clock.GetUtcNow())!;
        }
        // An Admin edits the policy meanwhile.
        var edited = await pg.SetPolicyAsync(PolicyRules.Default);

        var outcome = await system.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(id, grant);

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        Assert.Equal(started, await pg.ScalarAsync<int>("SELECT policy_version FROM suggestions WHERE id = @id", ("id", id)));
        Assert.NotEqual(started, edited);
        Assert.Equal(2, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE subject_id = @id AND data LIKE @v", ("id", id), ("v", $"%\"policy_version\":{started}%")));
    }

    [Fact]
    public async Task APolicyLeavesASuggestionWhoseRecordChangedForAPersonAndWritesNothing()
    {
        var version = await pg.SetPolicyAsync(PolicyRules.Default with { MaxPerDay = 1000 });
        var (lead, id) = await pg.StagnantLeadSuggestionAsync(_clock);
        await pg.ExecuteAsync("UPDATE leads SET company = 'Renamed SpA', version = version + 1 WHERE id = @id", ("id", lead));
        var row = await pg.SuggestionRowAsync(id);
        var usage = await pg.ScalarAsync<string>("SELECT u::text FROM autonomy_policy_usage u WHERE agent = 'lead_intelligence' AND action = 'schedule_follow_up'");
        var grant = new PolicyGrant(AgentNames.LeadIntelligence, Governance.FollowUp, version, new PolicyRules(PolicyMode.AutoWithUndo, MaxPerDay: 1000), TimeSpan.FromHours(24));

        await using var system = pg.Services(Andes, clock: _clock);
        var outcome = await system.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(id, grant);

        Assert.Equal(ApplyStatus.Refused, outcome.Status);
        Assert.Contains("changed since the proposal", outcome.Message);
        Assert.Equal(row, await pg.SuggestionRowAsync(id));
        Assert.Equal(usage, await pg.ScalarAsync<string>("SELECT u::text FROM autonomy_policy_usage u WHERE agent = 'lead_intelligence' AND action = 'schedule_follow_up'"));
        Assert.Equal(0, await pg.FollowUpsOnAsync(lead));
    }

    [Fact]
    public async Task CapsHoldWhenTwoNodesApplyAtOnce()
    {
        await pg.SetPolicyAsync(PolicyRules.Default);
        // Two days on: what other tests of this class applied is outside the cap's hour.
        _clock.Advance(TimeSpan.FromDays(2));
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add((await pg.StagnantLeadSuggestionAsync(_clock)).Suggestion);
        // The policy an Admin sets (in suggest for now, so the proposals above wait), and the grant its auto version would give.
        var capped = new PolicyRules(PolicyMode.AutoWithUndo, MaxPerHour: 3);
        var version = await pg.SetPolicyAsync(PolicyRules.Default with { MaxPerHour = 3 });
        var grant = new PolicyGrant(AgentNames.LeadIntelligence, Governance.FollowUp, version, capped, TimeSpan.FromHours(24));

        // Two "nodes" (their own service providers and connections), three suggestions each, all at once.
        await using var nodeA = pg.Services(Andes, clock: _clock);
        await using var nodeB = pg.Services(Andes, clock: _clock);
        var outcomes = await Task.WhenAll(ids.Select((id, i) => Task.Run(async () =>
        {
            await using var scope = (i % 2 == 0 ? nodeA : nodeB).CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SafeApplyEngine>().ApplyUnderPolicyAsync(id, grant);
        })));

        Assert.Equal(3, outcomes.Count(o => o.Status == ApplyStatus.Applied));
        Assert.All(outcomes.Where(o => o.Status != ApplyStatus.Applied), o => Assert.Contains("3 per hour", o.Message));
        Assert.Equal(3, await pg.CountAsync("SELECT count(*) FROM suggestions WHERE id = ANY(@ids) AND applied_by_policy IS NOT NULL AND status = 'Applied'", ("ids", ids.ToArray())));
        Assert.Equal(3, await pg.CountAsync("SELECT count(*) FROM suggestions WHERE id = ANY(@ids) AND status = 'Pending'", ("ids", ids.ToArray())));
    }
}
