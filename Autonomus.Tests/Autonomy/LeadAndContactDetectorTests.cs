using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>lead_stagnant and contact_inactive: records nobody has touched for longer than the tenant's threshold.</summary>
public sealed class LeadAndContactDetectorTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
    private DateTimeOffset Now => _clock.GetUtcNow();
    private CrmRecords Records => new(pg, Andes);

    [Fact]
    public async Task ALeadUntouchedForEightDaysIsStagnantWithThresholdSevenButNotWithThresholdTen()
    {
        var lead = await Records.LeadAsync(Now.AddDays(-8));

        await pg.ConfigureAsync(Andes, s => { s.LeadStagnantDays = 10; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));

        await pg.ConfigureAsync(Andes, s => s.LeadStagnantDays = 7);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
        var trigger = (await pg.RowsAsync(
            "SELECT tenant_id, record_type, (context->>'days_stagnant')::int AS days FROM triggers WHERE record_id = @id",
            ("id", lead))).Single();
        Assert.Equal(Andes, trigger["tenant_id"]);
        Assert.Equal("Lead", trigger["record_type"]);
        Assert.Equal(8, trigger["days"]);
    }

    [Fact]
    public async Task ALeadNeverTouchedIsStagnantCountingFromItsCreation()
    {
        var lead = await Records.LeadAsync(Now.AddDays(-9), touched: false);
        await pg.ConfigureAsync(Andes, s => { s.LeadStagnantDays = 7; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);

        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
    }

    [Fact]
    public async Task LeadStagnantIgnoresRecentlyTouchedUnqualifiedAndConvertedLeads()
    {
        var recent = await Records.LeadAsync(Now.AddDays(-2));
        var unqualified = await Records.LeadAsync(Now.AddDays(-30), status: "Unqualified");
        var converted = await Records.LeadAsync(Now.AddDays(-30), status: "Converted");
        var contacted = await Records.LeadAsync(Now.AddDays(-30), status: "Contacted");
        await pg.ConfigureAsync(Andes, s => { s.LeadStagnantDays = 7; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);

        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, recent));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, unqualified));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, converted));
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, contacted));
    }

    [Fact]
    public async Task AContactSilentForFortyDaysIsInactiveWithThresholdThirtyButNotWithThresholdFortyFive()
    {
        var contact = await Records.ContactAsync(await Records.AccountAsync(), Now.AddDays(-40));

        await pg.ConfigureAsync(Andes, s => { s.ContactInactiveDays = 45; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.ContactInactive);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.ContactInactive, contact));

        await pg.ConfigureAsync(Andes, s => s.ContactInactiveDays = 30);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.ContactInactive);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.ContactInactive, contact));
        Assert.Equal(40, await pg.ScalarAsync<int>("SELECT (context->>'days_inactive')::int FROM triggers WHERE record_id = @id", ("id", contact)));
    }

    [Fact]
    public async Task ContactInactiveIgnoresAContactTouchedYesterday()
    {
        var contact = await Records.ContactAsync(await Records.AccountAsync(), Now.AddDays(-1));
        await pg.ConfigureAsync(Andes, s => { s.ContactInactiveDays = 30; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.ContactInactive);

        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.ContactInactive, contact));
    }
}
