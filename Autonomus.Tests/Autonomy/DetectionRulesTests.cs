using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>What holds for every detector: no duplicates, a cooldown after a trigger closes, a per-run cap, one tenant at a time.</summary>
public sealed class DetectionRulesTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private static readonly Guid Northwind = PostgresFixture.Northwind;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
    private DateTimeOffset Now => _clock.GetUtcNow();

    private Task<long> AllTriggersOnAsync(Guid recordId) => pg.CountAsync("SELECT count(*) FROM triggers WHERE record_id = @id", ("id", recordId));

    [Fact]
    public async Task DetectingTwiceKeepsOneOpenTriggerPerRecordAndAddsNothingTheSecondTime()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(Now.AddDays(-9));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);

        var first = await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        var second = await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);

        Assert.True(first[TriggerTypes.LeadStagnant] > 0);
        Assert.Equal(0, second[TriggerTypes.LeadStagnant]);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
        Assert.Equal(1, await AllTriggersOnAsync(lead));
    }

    [Fact]
    public async Task AClosedTriggerIsNotRaisedAgainUntilTheCooldownHasPassed()
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(Now.AddDays(-20));
        await pg.ConfigureAsync(Andes, s => { s.MaxTriggersPerRun = 100_000; s.RetriggerCooldownDays = 7; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);

        await pg.ExecuteAsync("UPDATE triggers SET closed_at = @at WHERE record_id = @id", ("at", Now.AddDays(-1)), ("id", lead));
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));

        await pg.ExecuteAsync("UPDATE triggers SET closed_at = @at WHERE record_id = @id", ("at", Now.AddDays(-8)), ("id", lead));
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
        Assert.Equal(2, await AllTriggersOnAsync(lead));
    }

    [Fact]
    public async Task ARunStopsAtTheCapTakingTheOldestCandidatesFirst()
    {
        var records = new CrmRecords(pg, Andes);
        // Older than anything seeded (at most 180 days), so these two are the oldest candidates.
        var older = await records.LeadAsync(Now.AddDays(-600));
        var newer = await records.LeadAsync(Now.AddDays(-500));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 1);

        var first = await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(1, first[TriggerTypes.LeadStagnant]);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, older));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, newer));

        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, newer));
    }

    [Fact]
    public async Task DetectingForAndesCreatesNoTriggerForNorthwind()
    {
        var northwindLead = await new CrmRecords(pg, Northwind).LeadAsync(Now.AddDays(-30));
        var andesLead = await new CrmRecords(pg, Andes).LeadAsync(Now.AddDays(-30));
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        var northwindBefore = await pg.CountAsync("SELECT count(*) FROM triggers WHERE tenant_id = @t", ("t", Northwind));

        var found = await pg.DetectAsync(Andes, _clock);

        Assert.Equal(TriggerTypes.Detected.Select(d => d.Type).Order(), found.Keys.Order());
        Assert.Equal(northwindBefore, await pg.CountAsync("SELECT count(*) FROM triggers WHERE tenant_id = @t", ("t", Northwind)));
        Assert.Equal(0, await AllTriggersOnAsync(northwindLead));
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, andesLead));
        Assert.Equal(0, await pg.CountAsync(
            "SELECT count(*) FROM triggers t JOIN leads l ON l.id = t.record_id WHERE t.tenant_id = @t AND l.tenant_id <> t.tenant_id", ("t", Andes)));

        await pg.ConfigureAsync(Northwind, s => s.MaxTriggersPerRun = 100_000);
        await pg.DetectAsync(Northwind, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(Northwind, await pg.ScalarAsync<Guid>("SELECT tenant_id FROM triggers WHERE record_id = @id", ("id", northwindLead)));
    }
}
