using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>deal_decay, deal_regressed and opportunity_hot on deals built for each case.</summary>
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
}
