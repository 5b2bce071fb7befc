using Autonomus.Core.Apply;
using Autonomus.Core.Suggestions;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>Pending suggestions retire when their time-to-live has passed, each with a ledger entry; nothing else is touched.</summary>
public sealed class SuggestionExpiryTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private static readonly Guid Northwind = PostgresFixture.Northwind;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);

    private async Task<Guid> SuggestionOnANewStagnantLeadAsync(Guid tenantId)
    {
        var lead = await new CrmRecords(pg, tenantId).LeadAsync(_clock.GetUtcNow().AddDays(-9));
        await pg.ConfigureAsync(tenantId, s => s.MaxTriggersPerRun = 100_000);
        return await pg.SuggestionForAsync(tenantId, _clock, TriggerTypes.LeadStagnant, lead);
    }

    private async Task<int> ExpireAsync(Guid tenantId, TimeSpan later)
    {
        await using var sp = pg.Services(tenantId, clock: AutonomyFlow.ClockAt(_clock.GetUtcNow() + later));
        return await sp.GetRequiredService<ExpireSuggestions>().HandleAsync();
    }

    [Fact]
    public async Task EightDaysLaterPendingSuggestionsExpireWithLedgerEntriesWhileDecidedOnesAndOtherTenantsStay()
    {
        var pending = new[] { await SuggestionOnANewStagnantLeadAsync(Andes), await SuggestionOnANewStagnantLeadAsync(Andes) };
        var rejected = await SuggestionOnANewStagnantLeadAsync(Andes);
        await using (var manager = await pg.ServicesAsAsync("admin@andes.demo", _clock))
            Assert.True((await manager.GetRequiredService<ReviewSuggestion>().RejectAsync(rejected, "Not now")).Succeeded);
        var northwind = await SuggestionOnANewStagnantLeadAsync(Northwind);

        Assert.Equal(0, await ExpireAsync(Andes, TimeSpan.FromDays(6)));
        Assert.Equal(pending.Length, await ExpireAsync(Andes, TimeSpan.FromDays(8)));

        foreach (var id in pending)
        {
            var row = (await pg.RowsAsync("SELECT status, correlation_id, trigger_id FROM suggestions WHERE id = @id", ("id", id))).Single();
            Assert.Equal("Expired", row["status"]);
            Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM ledger_entries WHERE kind = 'suggestion_expired' AND subject_id = @id AND correlation_id = @c",
                ("id", id), ("c", row["correlation_id"]!)));
            Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers WHERE id = @id AND closed_at IS NULL", ("id", row["trigger_id"]!)));
        }
        Assert.Equal("Rejected", await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", rejected)));
        Assert.Equal("Pending", await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", northwind)));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM suggestions WHERE tenant_id = @t AND status = 'Pending'", ("t", Andes)));
        Assert.Equal(0, await ExpireAsync(Andes, TimeSpan.FromDays(8)));
    }

    [Fact]
    public async Task AnApprovedSuggestionLeftInAConflictExpiresToo()
    {
        var id = await SuggestionOnANewStagnantLeadAsync(Andes);
        // The lead changes after the proposal; the approval then stops at a conflict and nobody comes back to it.
        await pg.ScalarAsync<int>("UPDATE leads SET version = version + 1 WHERE id = (SELECT record_id FROM suggestions WHERE id = @id) RETURNING 1", ("id", id));
        await using (var admin = await pg.ServicesAsAsync("admin@andes.demo", _clock))
            Assert.Equal(ApplyStatus.Conflict, (await admin.GetRequiredService<SafeApplyEngine>().ApproveAsync(new(id))).Status);
        Assert.Equal("Approved", await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));

        Assert.True(await ExpireAsync(Andes, TimeSpan.FromDays(8)) >= 1);

        Assert.Equal("Expired", await pg.ScalarAsync<string>("SELECT status FROM suggestions WHERE id = @id", ("id", id)));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers t JOIN suggestions s ON s.trigger_id = t.id WHERE s.id = @id AND t.closed_at IS NULL", ("id", id)));
    }
}
