using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Autonomy;

/// <summary>The domain-event path: a stage move back raises deal_regressed and its suggestion at once, without a scan.</summary>
public sealed class DealRegressionEventTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;

    private async Task<Guid> NorteDealAsync(string stage)
    {
        var records = new CrmRecords(pg, Andes);
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        return await records.DealAsync(await records.AccountAsync(rep), stage, DateTimeOffset.UtcNow.AddDays(-1),
            DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), owner: rep);
    }

    [Fact]
    public async Task AManagerMovingADealBackRaisesAnOpenTriggerAndAPendingSuggestionAtOnce()
    {
        var deal = await NorteDealAsync("Proposal");
        var manager = await pg.UserIdAsync("manager@andes.demo");
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo");

        await sp.GetRequiredService<MoveDealStage>().HandleAsync(deal, 1, DealStage.Qualification);

        var trigger = (await pg.RowsAsync("""
            SELECT id, correlation_id, context->>'stage_before' AS before, context->>'stage_after' AS after, (context->>'changed_by')::uuid AS by
            FROM triggers WHERE record_id = @id AND type = @type AND closed_at IS NULL
            """, ("id", deal), ("type", TriggerTypes.DealRegressed))).Single();
        Assert.Equal("Proposal", trigger["before"]);
        Assert.Equal("Qualification", trigger["after"]);
        Assert.Equal(manager, trigger["by"]);

        var suggestion = (await pg.RowsAsync(
            "SELECT status, tool, engine, correlation_id, payload->>'recordId' AS target FROM suggestions WHERE trigger_id = @t",
            ("t", trigger["id"]!))).Single();
        Assert.Equal("Pending", suggestion["status"]);
        Assert.Equal("create_activity", suggestion["tool"]);
        Assert.Equal("playbook:deal_regressed@1", suggestion["engine"]);
        Assert.Equal(deal.ToString(), suggestion["target"]);
        Assert.Equal(trigger["correlation_id"], suggestion["correlation_id"]);

        var trail = await pg.RowsAsync("SELECT kind FROM ledger_entries WHERE correlation_id = @c ORDER BY sequence", ("c", trigger["correlation_id"]!));
        Assert.Equal(["trigger_detected", "suggestion_created"], trail.Select(r => (string)r["kind"]!));
    }

    [Fact]
    public async Task MovingADealForwardRaisesNothing()
    {
        var deal = await NorteDealAsync("Qualification");
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo");

        await sp.GetRequiredService<MoveDealStage>().HandleAsync(deal, 1, DealStage.Proposal);

        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM triggers WHERE record_id = @id", ("id", deal)));
        Assert.Equal(0, await pg.CountAsync("SELECT count(*) FROM suggestions WHERE record_id = @id", ("id", deal)));
    }

    [Fact]
    public async Task ASecondMoveBackWhileTheFirstIsOpenAddsNoSecondTrigger()
    {
        var deal = await NorteDealAsync("Negotiation");
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        var move = sp.GetRequiredService<MoveDealStage>();

        await move.HandleAsync(deal, 1, DealStage.Proposal);
        await move.HandleAsync(deal, 2, DealStage.Qualification);

        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM triggers WHERE record_id = @id", ("id", deal)));
        Assert.Equal(1, await pg.CountAsync("SELECT count(*) FROM suggestions WHERE record_id = @id AND status = 'Pending'", ("id", deal)));
    }
}
