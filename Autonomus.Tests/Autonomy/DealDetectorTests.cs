using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>deal_decay, deal_regressed, opportunity_hot and deal_close_date_slipping on deals built for each case.</summary>
public sealed class DealDetectorTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
    private DateTimeOffset Now => _clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private CrmRecords Records => new(pg, Andes);

    [Fact]
    public async Task AnOpenDealQuietForSixteenDaysDecaysWithThresholdFourteenButNotWithThresholdTwenty()
    {
        var deal = await Records.DealAsync(await Records.AccountAsync(), "Qualification", Now.AddDays(-16), Today.AddDays(30));

        await pg.ConfigureAsync(Andes, s => { s.DealDecayDays = 20; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.DealDecay);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.DealDecay, deal));

        await pg.ConfigureAsync(Andes, s => s.DealDecayDays = 14);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.DealDecay);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.DealDecay, deal));
        Assert.Equal(16, await pg.ScalarAsync<int>("SELECT (context->>'days_without_activity')::int FROM triggers WHERE record_id = @id", ("id", deal)));
    }

    [Fact]
    public async Task DealDecayIgnoresClosedDealsAndDealsTouchedThisWeek()
    {
        var account = await Records.AccountAsync();
        var won = await Records.DealAsync(account, "ClosedWon", Now.AddDays(-60), Today.AddDays(-50), 100, closedAt: Now.AddDays(-60));
        var lost = await Records.DealAsync(account, "ClosedLost", Now.AddDays(-60), Today.AddDays(-50), 0, closedAt: Now.AddDays(-60));
        var busy = await Records.DealAsync(account, "Proposal", Now.AddDays(-3), Today.AddDays(30));
        await pg.ConfigureAsync(Andes, s => { s.DealDecayDays = 14; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.DealDecay);

        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.DealDecay, won));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.DealDecay, lost));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.DealDecay, busy));
    }

    [Fact]
    public async Task ADealThatMovedBackTenDaysAgoIsFoundWithinThirtyDaysButNotWithinFive()
    {
        var deal = await Records.DealAsync(await Records.AccountAsync(), "Qualification", Now.AddDays(-20), Today.AddDays(30));
        await Records.StageChangeAsync(deal, "Qualification", "Proposal", Now.AddDays(-15));
        await Records.StageChangeAsync(deal, "Proposal", "Qualification", Now.AddDays(-10));

        await pg.ConfigureAsync(Andes, s => { s.DealRegressedWithinDays = 5; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.DealRegressed);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.DealRegressed, deal));

        await pg.ConfigureAsync(Andes, s => s.DealRegressedWithinDays = 30);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.DealRegressed);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.DealRegressed, deal));
        var context = (await pg.RowsAsync("SELECT context->>'stage_before' AS before, context->>'stage_after' AS after FROM triggers WHERE record_id = @id",
            ("id", deal))).Single();
        Assert.Equal("Proposal", context["before"]);
        Assert.Equal("Qualification", context["after"]);
    }

    [Fact]
    public async Task DealRegressedIgnoresADealThatMovedForwardAgainOrClosedSince()
    {
        var account = await Records.AccountAsync();
        var recovered = await Records.DealAsync(account, "Proposal", Now.AddDays(-20), Today.AddDays(30));
        await Records.StageChangeAsync(recovered, "Proposal", "Qualification", Now.AddDays(-10));
        await Records.StageChangeAsync(recovered, "Qualification", "Proposal", Now.AddDays(-5));
        var closed = await Records.DealAsync(account, "ClosedLost", Now.AddDays(-20), Today.AddDays(-1), 0, closedAt: Now.AddDays(-2));
        await Records.StageChangeAsync(closed, "Proposal", "Qualification", Now.AddDays(-10));
        await Records.StageChangeAsync(closed, "Qualification", "ClosedLost", Now.AddDays(-2));
        await pg.ConfigureAsync(Andes, s => { s.DealRegressedWithinDays = 30; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.DealRegressed);

        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.DealRegressed, recovered));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.DealRegressed, closed));
    }

    [Fact]
    public async Task ALikelyDealClosingInFiveDaysIsHotWithinSevenDaysButNotWithinThree()
    {
        var deal = await Records.DealAsync(await Records.AccountAsync(), "Negotiation", Now.AddDays(-1), Today.AddDays(5), probability: 80);

        await pg.ConfigureAsync(Andes, s => { s.HotWithinDays = 3; s.HotProbability = 70; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.OpportunityHot);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, deal));

        await pg.ConfigureAsync(Andes, s => s.HotWithinDays = 7);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.OpportunityHot);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, deal));
        Assert.Equal(5, await pg.ScalarAsync<int>("SELECT (context->>'days_to_close')::int FROM triggers WHERE record_id = @id", ("id", deal)));
    }

    [Fact]
    public async Task ADealBelowTheProbabilityThresholdIsHotOnlyOnceTheThresholdIsLowered()
    {
        var deal = await Records.DealAsync(await Records.AccountAsync(), "Proposal", Now.AddDays(-1), Today.AddDays(2), probability: 60);

        await pg.ConfigureAsync(Andes, s => { s.HotWithinDays = 7; s.HotProbability = 70; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.OpportunityHot);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, deal));

        await pg.ConfigureAsync(Andes, s => s.HotProbability = 60);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.OpportunityHot);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, deal));
    }

    [Fact]
    public async Task OpportunityHotIgnoresClosedDealsAndDealsWhoseCloseDateHasPassed()
    {
        var account = await Records.AccountAsync();
        var won = await Records.DealAsync(account, "ClosedWon", Now.AddDays(-1), Today.AddDays(1), 100, closedAt: Now.AddDays(-1));
        var overdue = await Records.DealAsync(account, "Negotiation", Now.AddDays(-1), Today.AddDays(-1), 90);
        await pg.ConfigureAsync(Andes, s => { s.HotWithinDays = 7; s.HotProbability = 70; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.OpportunityHot);

        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, won));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, overdue));
    }

    [Fact]
    public async Task OpportunityHotReadsTheModelsWinProbabilityWhereTheDealHasOne()
    {
        var account = await Records.AccountAsync();
        var modelHot = await Records.DealAsync(account, "Proposal", Now.AddDays(-1), Today.AddDays(4), probability: 40);
        var modelCold = await Records.DealAsync(account, "Negotiation", Now.AddDays(-1), Today.AddDays(4), probability: 90);
        await pg.ExecuteAsync("UPDATE deals SET win_probability = CASE WHEN id = @hot THEN 85 ELSE 30 END, win_model_version = 1 WHERE id IN (@hot, @cold)",
            ("hot", modelHot), ("cold", modelCold));
        await pg.ConfigureAsync(Andes, s => { s.HotWithinDays = 7; s.HotProbability = 70; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.OpportunityHot);

        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, modelHot));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.OpportunityHot, modelCold));
        var context = (await pg.RowsAsync("SELECT context->>'probability' AS p, context->>'probability_source' AS source FROM triggers WHERE record_id = @id",
            ("id", modelHot))).Single();
        Assert.Equal(("85", "model"), ((string)context["p"]!, (string)context["source"]!));
    }

    private const string Slipping = Autonomus.Core.Agents.DealStrategy.DealStrategyAgent.CloseDateSlipping;

    [Fact]
    public async Task ADealStillWorkedFiveDaysPastItsCloseDateIsSlippingWithThresholdThreeButNotSeven()
    {
        var deal = await Records.DealAsync(await Records.AccountAsync(), "Negotiation", Now.AddDays(-2), Today.AddDays(-5));

        await pg.ConfigureAsync(Andes, s => { s.DealSlippingDays = 7; s.DealDecayDays = 14; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, Slipping);
        Assert.Equal(0, await pg.OpenTriggersAsync(Slipping, deal));

        await pg.ConfigureAsync(Andes, s => s.DealSlippingDays = 3);
        await pg.DetectAsync(Andes, _clock, Slipping);
        Assert.Equal(1, await pg.OpenTriggersAsync(Slipping, deal));
        Assert.Equal(5, await pg.ScalarAsync<int>("SELECT (context->>'days_overdue')::int FROM triggers WHERE record_id = @id AND type = @type",
            ("id", deal), ("type", Slipping)));
    }

    [Fact]
    public async Task SlippingLeavesQuietDealsToDecayAndIgnoresDatesJustPassedAndClosedDeals()
    {
        var account = await Records.AccountAsync();
        var quiet = await Records.DealAsync(account, "Proposal", Now.AddDays(-20), Today.AddDays(-10));
        var justPassed = await Records.DealAsync(account, "Proposal", Now.AddDays(-1), Today.AddDays(-1));
        var closed = await Records.DealAsync(account, "ClosedLost", Now.AddDays(-1), Today.AddDays(-10), 0, closedAt: Now.AddDays(-1));
        await pg.ConfigureAsync(Andes, s => { s.DealSlippingDays = 3; s.DealDecayDays = 14; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, Slipping);

        Assert.Equal(0, await pg.OpenTriggersAsync(Slipping, quiet));
        Assert.Equal(0, await pg.OpenTriggersAsync(Slipping, justPassed));
        Assert.Equal(0, await pg.OpenTriggersAsync(Slipping, closed));
    }

    [Fact]
    public async Task ASlippingDealInNegotiationIsOfferedACloseDateAWeekOutWithItsWinProbability()
    {
        var deal = await Records.DealAsync(await Records.AccountAsync(), "Negotiation", Now.AddDays(-2), Today.AddDays(-6));
        await pg.ExecuteAsync("UPDATE deals SET win_probability = 64, win_model_version = 1 WHERE id = @id", ("id", deal));
        await pg.ConfigureAsync(Andes, s => { s.DealSlippingDays = 3; s.DealDecayDays = 14; s.MaxTriggersPerRun = 100_000; });

        var id = await pg.SuggestionForAsync(Andes, _clock, Slipping, deal);

        var s = (await pg.RowsAsync("SELECT tool, reasoning, payload->>'expectedCloseDate' AS close FROM suggestions WHERE id = @id", ("id", id))).Single();
        Assert.Equal("update_deal_close_date", s["tool"]);
        Assert.Equal(Today.AddDays(7).ToString("yyyy-MM-dd"), s["close"]);
        Assert.Contains("pasó hace 6 días", (string)s["reasoning"]!);
        Assert.Contains("64%", (string)s["reasoning"]!);
    }
}
