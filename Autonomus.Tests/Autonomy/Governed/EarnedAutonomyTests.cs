using Autonomus.Core.Agents;
using Autonomus.Core.Authorization;
using Autonomus.Core.Autonomy;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Triggers;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy.Governed;

/// <summary>
/// An action earns an offer from its record (decisions, the lower bound of acceptance, shadow precision), a person always
/// confirms it, and it loses its autonomy on its own when its record falls under the bar.
/// </summary>
public sealed class EarnedAutonomyTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
    private static readonly Guid Andes = Governance.Andes;

    private static HistorySpec Spec(string agent, string trigger, string tool, RecordType type, int count, double accept, double edit, double reject) =>
        new(agent, trigger, tool, type, $"playbook:{trigger}@1", count, accept, edit, reject, [0.78m]);

    private Task SeedAsync(params HistorySpec[] specs) => DecisionHistory.SeedAsync(pg.Db.OwnerConnection, Andes, specs, _clock.GetUtcNow(), seed: specs.Length + specs[0].Count);

    private async Task<OfferView?> OfferAsync(string agent, string action)
    {
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
        return (await admin.GetRequiredService<DecideOffer>().PendingAsync()).SingleOrDefault(o => o.Agent == agent && o.Action == action);
    }

    [Fact]
    public async Task AWellAcceptedActionIsOfferedOnceAndOnlyAnAdminInPersonPromotesIt()
    {
        await SeedAsync(Spec(AgentNames.DealStrategy, TriggerTypes.DealDecay, "schedule_follow_up", RecordType.Deal, 140, 0.97, 0.02, 0.01));
        await pg.RefreshAndEvaluateAsync(_clock);
        await pg.RefreshAndEvaluateAsync(_clock);

        var offer = await OfferAsync(AgentNames.DealStrategy, "schedule_follow_up");
        Assert.NotNull(offer);
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM autonomy_offers WHERE agent = 'deal_strategy' AND action = 'schedule_follow_up'"));
        var evidence = System.Text.Json.JsonDocument.Parse(offer!.Evidence).RootElement;
        Assert.True(evidence.GetProperty("lower_bound").GetDecimal() >= 0.9m);
        Assert.True(evidence.GetProperty("dry_run").GetProperty("wouldApply").GetInt32() > 0);
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'autonomy_offered' AND subject_id = @o", ("o", offer.Id)));

        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            await Assert.ThrowsAsync<AccessDenied>(() => manager.GetRequiredService<DecideOffer>().DecideAsync(offer.Id, true, null));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM autonomy_policies WHERE agent = 'deal_strategy' AND action = 'schedule_follow_up'"));

        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock))
            await admin.GetRequiredService<DecideOffer>().DecideAsync(offer.Id, true, "Go");
        Assert.Equal("AutoWithUndo", await pg.ScalarAsync<string>(
            "SELECT mode FROM autonomy_policies WHERE agent = 'deal_strategy' AND action = 'schedule_follow_up' ORDER BY version DESC LIMIT 1"));
        var promoted = await pg.ScalarAsync<string>("SELECT data FROM ledger_entries WHERE kind = 'autonomy_promoted'");
        Assert.Contains(offer.Id.ToString(), promoted);
        Assert.Contains("Earned autonomy confirmed by", promoted);

        // Its record then falls: people reject most of what it did lately. It returns to suggest on its own.
        await SeedAsync(Spec(AgentNames.DealStrategy, TriggerTypes.DealDecay, "schedule_follow_up", RecordType.Deal, 60, 0.3, 0, 0.7));
        await pg.RefreshAndEvaluateAsync(_clock);
        Assert.Equal("Suggest", await pg.ScalarAsync<string>(
            "SELECT mode FROM autonomy_policies WHERE agent = 'deal_strategy' AND action = 'schedule_follow_up' ORDER BY version DESC LIMIT 1"));
        var demoted = await pg.RowsAsync("SELECT actor_type, data FROM ledger_entries WHERE kind = 'autonomy_demoted'");
        Assert.Equal("system", Assert.Single(demoted)["actor_type"]);
        Assert.Contains("under the bar", (string)demoted[0]["data"]!);
    }

    [Fact]
    public async Task TooFewDecisionsAPoorRecordOrNoShadowEvidenceEarnNothing()
    {
        await SeedAsync(
            Spec(AgentNames.CustomerRisk, TriggerTypes.AccountRisk, "tag_record", RecordType.Account, 80, 0.3, 0.05, 0.6),
            Spec(AgentNames.Communication, TriggerTypes.ActivityOverdue, "schedule_follow_up", RecordType.Activity, 25, 1, 0, 0));
        await SeedAsync(Spec(AgentNames.LeadIntelligence, TriggerTypes.LeadStagnant, "update_lead_status", RecordType.Lead, 150, 0.99, 0, 0.01));
        await pg.ExecuteAsync("UPDATE suggestions SET shadow_auto_apply = false WHERE tool = 'update_lead_status'");
        await pg.RefreshAndEvaluateAsync(_clock);

        Assert.Null(await OfferAsync(AgentNames.CustomerRisk, "tag_record"));
        Assert.Null(await OfferAsync(AgentNames.Communication, "schedule_follow_up"));
        Assert.Null(await OfferAsync(AgentNames.LeadIntelligence, "update_lead_status"));
    }

    [Fact]
    public async Task ADeclinedOfferNeedsAReasonAndIsNotMadeAgainThatWeek()
    {
        await SeedAsync(Spec(AgentNames.Communication, TriggerTypes.ActivityOverdue, "tag_record", RecordType.Activity, 120, 0.99, 0, 0));
        await pg.RefreshAndEvaluateAsync(_clock);
        var offer = await OfferAsync(AgentNames.Communication, "tag_record");
        Assert.NotNull(offer);
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock))
        {
            await Assert.ThrowsAsync<DomainRuleViolation>(() => admin.GetRequiredService<DecideOffer>().DecideAsync(offer!.Id, false, " "));
            await admin.GetRequiredService<DecideOffer>().DecideAsync(offer!.Id, false, "Tags stay with people for now");
        }
        await pg.RefreshAndEvaluateAsync(_clock);
        Assert.Null(await OfferAsync(AgentNames.Communication, "tag_record"));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'autonomy_offer_declined'"));
    }
}
