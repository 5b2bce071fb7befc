using Autonomus.Core.Apply;
using Autonomus.Core.Authorization;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Policies;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>While an Admin holds the kill switch nothing is detected, proposed or applied; released, everything resumes.</summary>
public sealed class KillSwitchTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private const string Reason = "Audit in progress";
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
    private CrmRecords Records => new(pg, Andes);

    private async Task SwitchAsync(bool engage)
    {
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock);
        var killSwitch = admin.GetRequiredService<ManageKillSwitch>();
        if (engage) await killSwitch.EngageAsync(Reason);
        else await killSwitch.ReleaseAsync();
    }

    /// <summary>Runs <paramref name="check"/> with the kill switch engaged, and releases it whatever happens.</summary>
    private async Task WhileEngagedAsync(Func<Task> check)
    {
        await SwitchAsync(engage: true);
        try { await check(); }
        finally { await SwitchAsync(engage: false); }
    }

    private async Task<Guid> NorteLeadAsync() =>
        await Records.LeadAsync(_clock.GetUtcNow().AddDays(-9), owner: await pg.UserIdAsync("rep1@andes.demo"));

    [Fact]
    public async Task AManagerCannotEngageTheKillSwitch()
    {
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);

        await Assert.ThrowsAsync<AccessDenied>(() => manager.GetRequiredService<ManageKillSwitch>().EngageAsync("I want a break"));

        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM autonomy_settings WHERE tenant_id = @t AND kill_switch_engaged", ("t", Andes)));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE data LIKE '%I want a break%'"));
    }

    [Fact]
    public async Task WhileEngagedDetectionFindsNothingAndOnceReleasedItDoes()
    {
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        var lead = await NorteLeadAsync();

        await WhileEngagedAsync(async () =>
        {
            var before = await pg.CountAsync("SELECT count(*) FROM triggers");
            var found = await pg.DetectAsync(Andes, _clock);
            Assert.Empty(found);
            Assert.Equal(before, await pg.CountAsync("SELECT count(*) FROM triggers"));
        });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.LeadStagnant, lead));
    }

    [Fact]
    public async Task WhileEngagedNoSuggestionIsProposedAndOnceReleasedItIs()
    {
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        var lead = await NorteLeadAsync();
        await pg.DetectAsync(Andes, _clock, TriggerTypes.LeadStagnant);
        var trigger = await pg.ScalarAsync<Guid>("SELECT id FROM triggers WHERE record_id = @id", ("id", lead));
        await using var system = pg.Services(Andes, clock: _clock);
        var propose = system.GetRequiredService<ProposeSuggestions>();

        await WhileEngagedAsync(async () =>
        {
            var before = await pg.CountAsync("SELECT count(*) FROM suggestions");
            Assert.Equal(0, await propose.HandleAsync(max: 10_000));
            Assert.Equal(before, await pg.CountAsync("SELECT count(*) FROM suggestions"));
        });

        Assert.Equal(1, await propose.HandleAsync(triggerId: trigger));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM suggestions WHERE trigger_id = @t", ("t", trigger)));
    }

    [Fact]
    public async Task WhileEngagedApprovalIsRefusedNamingTheKillSwitchAndOnceReleasedItApplies()
    {
        await pg.ConfigureAsync(Andes, s => s.MaxTriggersPerRun = 100_000);
        var lead = await NorteLeadAsync();
        var id = await pg.SuggestionForAsync(Andes, _clock, TriggerTypes.LeadStagnant, lead);
        await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);
        var engine = manager.GetRequiredService<SafeApplyEngine>();

        await WhileEngagedAsync(async () =>
        {
            var row = await pg.SuggestionRowAsync(id);
            _clock.Advance(TimeSpan.FromMinutes(1));
            var refused = await engine.ApproveAsync(new ApprovalRequest(id));
            Assert.Equal(ApplyStatus.Refused, refused.Status);
            Assert.Contains("kill switch", refused.Message);
            Assert.Contains(Reason, refused.Message);
            Assert.Equal(row, await pg.SuggestionRowAsync(id));
            Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", lead)));
        });

        Assert.Equal(ApplyStatus.Applied, (await engine.ApproveAsync(new ApprovalRequest(id))).Status);
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM activities WHERE related_id = @id", ("id", lead)));
    }

    [Fact]
    public async Task WhileEngagedAStageMoveBackRaisesNoTrigger()
    {
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        var deal = await Records.DealAsync(await Records.AccountAsync(rep), "Proposal", _clock.GetUtcNow().AddDays(-1),
            DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime.AddDays(30)), owner: rep);

        await WhileEngagedAsync(async () =>
        {
            await using var manager = await pg.ServicesAsAsync("manager@andes.demo", _clock);
            await manager.GetRequiredService<MoveDealStage>().HandleAsync(deal, 1, DealStage.Qualification);
        });

        Assert.Equal("Qualification", await pg.ScalarAsync<string>("SELECT stage FROM deals WHERE id = @id", ("id", deal)));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers WHERE record_id = @id", ("id", deal)));
    }

    [Fact]
    public async Task EngagingAndReleasingAreRecordedInTheLedgerWithTheAdminAndTheReason()
    {
        var admin = await pg.UserIdAsync("admin@andes.demo");
        var before = await pg.ScalarAsync<long>("SELECT coalesce(max(sequence), 0) FROM ledger_entries WHERE tenant_id = @t", ("t", Andes));

        await WhileEngagedAsync(() => Task.CompletedTask);

        var entries = await pg.RowsAsync("SELECT kind, actor_id, data FROM ledger_entries WHERE tenant_id = @t AND sequence > @s ORDER BY sequence",
            ("t", Andes), ("s", before));
        Assert.Equal(["kill_switch_engaged", "kill_switch_released"], entries.Select(e => (string)e["kind"]!));
        Assert.All(entries, e => Assert.Equal(admin, e["actor_id"]));
        Assert.Contains(Reason, (string)entries[0]["data"]!);
        Assert.False(await pg.ScalarAsync<bool>("SELECT kill_switch_engaged FROM autonomy_settings WHERE tenant_id = @t", ("t", Andes)));
    }
}
