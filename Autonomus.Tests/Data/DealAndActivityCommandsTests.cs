using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Activities;
using Autonomus.Core.Crm.Deals;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Data;

public sealed class DealAndActivityCommandsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task MovingADealBackIsStoredAsARegressionWithWhoMovedIt()
    {
        var manager = await pg.UserIdAsync("manager@andes.demo");
        var dealId = await pg.ScalarAsync<Guid>(
            "SELECT d.id FROM deals d JOIN users u ON u.id = d.owner_id WHERE d.tenant_id = @t AND d.stage = 'Proposal' AND u.team = 'Norte' AND d.amount < 100000000 LIMIT 1",
            ("t", PostgresFixture.Andes));
        var version = await pg.ScalarAsync<int>("SELECT version FROM deals WHERE id = @id", ("id", dealId));
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo");
        await sp.GetRequiredService<MoveDealStage>().HandleAsync(dealId, version, DealStage.Qualification);

        Assert.Equal("Qualification", await pg.ScalarAsync<string>("SELECT stage FROM deals WHERE id = @id", ("id", dealId)));
        Assert.Equal(1, await pg.ScalarAsync<long>(
            "SELECT count(*) FROM deal_stage_changes WHERE deal_id = @id AND is_regression AND from_stage = 'Proposal' AND to_stage = 'Qualification' AND changed_by = @m",
            ("id", dealId), ("m", manager)));
    }

    [Fact]
    public async Task MovingAClosedDealIsRefusedAndNothingIsWritten()
    {
        var dealId = await pg.ScalarAsync<Guid>("SELECT id FROM deals WHERE tenant_id = @t AND stage = 'ClosedWon' LIMIT 1", ("t", PostgresFixture.Andes));
        var version = await pg.ScalarAsync<int>("SELECT version FROM deals WHERE id = @id", ("id", dealId));
        var history = await pg.ScalarAsync<long>("SELECT count(*) FROM deal_stage_changes WHERE deal_id = @id", ("id", dealId));
        await using var sp = pg.Services(PostgresFixture.Andes);
        await Assert.ThrowsAsync<DomainRuleViolation>(() => sp.GetRequiredService<MoveDealStage>().HandleAsync(dealId, version, DealStage.Negotiation));
        Assert.Equal(history, await pg.ScalarAsync<long>("SELECT count(*) FROM deal_stage_changes WHERE deal_id = @id", ("id", dealId)));
        Assert.Equal(version, await pg.ScalarAsync<int>("SELECT version FROM deals WHERE id = @id", ("id", dealId)));
    }

    [Fact]
    public async Task LoggingACallTouchesTheLeadAndShowsFirstInItsTimeline()
    {
        var rep = await pg.UserIdAsync("rep1@andes.demo");
        var leadId = await pg.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t AND owner_id = @r AND last_activity_at < now() - interval '20 days' LIMIT 1",
            ("t", PostgresFixture.Andes), ("r", rep));
        await using var sp = await pg.ServicesAsAsync("rep1@andes.demo");
        var id = await sp.GetRequiredService<LogActivity>().HandleAsync(new ActivityInput
        {
            Type = ActivityType.Call, Subject = "Reconnected after the holidays", RelatedType = RecordType.Lead, RelatedId = leadId,
        });

        var timeline = await sp.GetRequiredService<ActivityQueries>().TimelineAsync(RecordType.Lead, leadId, new PageRequest(0, 5));
        Assert.Equal(id, timeline.Items[0].Id);
        Assert.Equal("Diego Rojas", timeline.Items[0].OwnerName);
        Assert.Equal(1, await pg.ScalarAsync<long>("SELECT count(*) FROM leads WHERE id = @id AND last_activity_at > now() - interval '1 minute'", ("id", leadId)));
    }

    [Fact]
    public async Task CompletingAnActivityTwiceIsRefusedTheSecondTime()
    {
        var taskId = await pg.ScalarAsync<Guid>("SELECT id FROM activities WHERE tenant_id = @t AND type = 'Task' AND completed_at IS NULL LIMIT 1", ("t", PostgresFixture.Andes));
        await using var sp = pg.Services(PostgresFixture.Andes);
        var complete = sp.GetRequiredService<CompleteActivity>();
        await complete.HandleAsync(taskId, 1);
        await Assert.ThrowsAsync<DomainRuleViolation>(() => complete.HandleAsync(taskId, 2));
        Assert.Equal(2, await pg.ScalarAsync<int>("SELECT version FROM activities WHERE id = @id", ("id", taskId)));
    }
}
