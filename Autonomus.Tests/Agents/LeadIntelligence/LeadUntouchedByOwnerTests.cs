using System.Text.Json;
using Autonomus.Core.Agents.LeadIntelligence;
using Autonomus.Core.Apply;
using Autonomus.Data.Seeding;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Agents.LeadIntelligence;

/// <summary>A new lead its owner never touched past the organisation's days goes to the least loaded rep of the same team; a touched, a younger or a worked lead stays.</summary>
public sealed class LeadUntouchedByOwnerTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = DemoTenants.Andes.Id;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnUntouchedNewLeadIsOfferedToTheTeamsOtherRepAndTheManagerHandsItOver()
    {
        await pg.ConfigureAsync(Andes, s => { s.LeadReassignDays = 5; s.MaxTriggersPerRun = 100_000; });
        var rep1 = await pg.UserIdAsync("rep1@andes.demo");
        var rep2 = await pg.UserIdAsync("rep2@andes.demo");
        var records = new CrmRecords(pg, Andes);
        var untouched = await records.LeadAsync(_clock.GetUtcNow().AddDays(-8), owner: rep1, touched: false);
        var young = await records.LeadAsync(_clock.GetUtcNow().AddDays(-2), owner: rep1, touched: false);
        var touched = await records.LeadAsync(_clock.GetUtcNow().AddDays(-1), owner: rep1);
        var worked = await records.LeadAsync(_clock.GetUtcNow().AddDays(-9), status: "Contacted", owner: rep1, touched: false);

        var suggestion = await pg.SuggestionForAsync(Andes, _clock, LeadIntelligenceAgent.UntouchedByOwner, untouched);

        foreach (var none in new[] { young, touched, worked }) Assert.Equal(0, await pg.OpenTriggersAsync(LeadIntelligenceAgent.UntouchedByOwner, none));
        var context = JsonDocument.Parse(await pg.ScalarAsync<string>("SELECT context::text FROM triggers WHERE record_id = @l AND type = @t",
            ("l", untouched), ("t", LeadIntelligenceAgent.UntouchedByOwner))).RootElement;
        Assert.Equal(rep2, context.GetProperty("candidate_id").GetGuid());
        Assert.Contains("Valentina Díaz tiene", await pg.ScalarAsync<string>("SELECT reasoning FROM suggestions WHERE id = @id", ("id", suggestion)));

        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Applied, (await manager.GetRequiredService<SafeApplyEngine>().ApproveAsync(new ApprovalRequest(suggestion))).Status);
        Assert.Equal(rep2, await pg.ScalarAsync<Guid>("SELECT owner_id FROM leads WHERE id = @id", ("id", untouched)));
    }
}
