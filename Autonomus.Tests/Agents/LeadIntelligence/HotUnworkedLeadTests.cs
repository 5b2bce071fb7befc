using Autonomus.Core.Agents.LeadIntelligence;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.LeadIntelligence;

/// <summary>A lead the model scores hot and nobody touched for the organisation's days is raised, hottest first; a cooler, a recently touched or an unscored one is not.</summary>
public sealed class HotUnworkedLeadTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private async Task<Guid> LeadAsync(int? predicted, int daysUntouched)
    {
        var lead = await new CrmRecords(pg, Andes).LeadAsync(_clock.GetUtcNow().AddDays(-daysUntouched));
        await pg.ExecuteAsync("UPDATE leads SET predicted_score = @p WHERE id = @id", ("p", (object?)predicted ?? DBNull.Value), ("id", lead));
        return lead;
    }

    [Fact]
    public async Task AHotLeadNobodyTouchedIsRaisedAndProposedAsACallAtHighPriority()
    {
        await pg.ConfigureAsync(Andes, s => { s.LeadHotScore = 70; s.LeadHotUntouchedDays = 2; s.MaxTriggersPerRun = 100_000; });
        var hot = await LeadAsync(85, daysUntouched: 5);
        var edge = await LeadAsync(70, daysUntouched: 3);
        var cool = await LeadAsync(69, daysUntouched: 5);
        var fresh = await LeadAsync(95, daysUntouched: 1);
        var unscored = await LeadAsync(null, daysUntouched: 10);

        var suggestion = await pg.SuggestionForAsync(Andes, _clock, LeadIntelligenceAgent.HotUnworked, hot);

        Assert.Equal(1, await pg.OpenTriggersAsync(LeadIntelligenceAgent.HotUnworked, edge));
        foreach (var none in new[] { cool, fresh, unscored }) Assert.Equal(0, await pg.OpenTriggersAsync(LeadIntelligenceAgent.HotUnworked, none));
        var row = (await pg.RowsAsync("SELECT tool, priority, reasoning FROM suggestions WHERE id = @id", ("id", suggestion))).Single();
        Assert.Equal("schedule_follow_up", row["tool"]);
        Assert.Equal(2, Convert.ToInt32(row["priority"]));
        Assert.Contains("le da 85/100", (string)row["reasoning"]!);
    }
}
