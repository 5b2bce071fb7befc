using Autonomus.Core.Triggers;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Autonomy;

/// <summary>activity_overdue and account_risk on records built for each case.</summary>
public sealed class ActivityAndAccountDetectorTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly Guid Andes = PostgresFixture.Andes;
    private readonly FakeTimeProvider _clock = AutonomyFlow.ClockAt(DateTimeOffset.UtcNow);
    private DateTimeOffset Now => _clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    private CrmRecords Records => new(pg, Andes);

    [Fact]
    public async Task ATaskFiveDaysPastDueIsOverdueWithThresholdThreeButNotWithThresholdSeven()
    {
        var lead = await Records.LeadAsync(Now.AddDays(-1));
        var task = await Records.ActivityAsync("Lead", lead, "Task", due: Now.AddDays(-5));

        await pg.ConfigureAsync(Andes, s => { s.ActivityOverdueDays = 7; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.ActivityOverdue);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.ActivityOverdue, task));

        await pg.ConfigureAsync(Andes, s => s.ActivityOverdueDays = 3);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.ActivityOverdue);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.ActivityOverdue, task));
        var context = (await pg.RowsAsync(
            "SELECT record_type, (context->>'days_overdue')::int AS days, (context->>'related_id')::uuid AS related FROM triggers WHERE record_id = @id",
            ("id", task))).Single();
        Assert.Equal("Activity", context["record_type"]);
        Assert.Equal(5, context["days"]);
        Assert.Equal(lead, context["related"]);
    }

    [Fact]
    public async Task ActivityOverdueIgnoresCompletedTasksAndTasksDueLater()
    {
        var lead = await Records.LeadAsync(Now.AddDays(-1));
        var done = await Records.ActivityAsync("Lead", lead, "Task", due: Now.AddDays(-10), completed: Now.AddDays(-9));
        var later = await Records.ActivityAsync("Lead", lead, "Call", due: Now.AddDays(2));
        await pg.ConfigureAsync(Andes, s => { s.ActivityOverdueDays = 3; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.ActivityOverdue);

        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.ActivityOverdue, done));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.ActivityOverdue, later));
    }

    [Fact]
    public async Task AnAccountWhoseActivityFellAndThatLostADealIsAtRiskOnlyWhileTheLossIsRecentEnough()
    {
        var account = await Records.AccountAsync();
        var contact = await Records.ContactAsync(account, Now.AddDays(-45));
        var lost = await Records.DealAsync(account, "ClosedLost", Now.AddDays(-40), Today.AddDays(-20), 0, closedAt: Now.AddDays(-20));
        // Three completed activities in the previous 30-day window (on the account, a contact and a deal), one in the last.
        await Records.ActivityAsync("Account", account, "Call", completed: Now.AddDays(-45));
        await Records.ActivityAsync("Contact", contact, "Email", completed: Now.AddDays(-44));
        await Records.ActivityAsync("Deal", lost, "Meeting", completed: Now.AddDays(-40));
        await Records.ActivityAsync("Account", account, "Call", completed: Now.AddDays(-10));

        await pg.ConfigureAsync(Andes, s => { s.AccountRiskWindowDays = 30; s.AccountRiskLostWithinDays = 10; s.MaxTriggersPerRun = 100_000; });
        await pg.DetectAsync(Andes, _clock, TriggerTypes.AccountRisk);
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.AccountRisk, account));

        await pg.ConfigureAsync(Andes, s => s.AccountRiskLostWithinDays = 90);
        await pg.DetectAsync(Andes, _clock, TriggerTypes.AccountRisk);
        Assert.Equal(1, await pg.OpenTriggersAsync(TriggerTypes.AccountRisk, account));
        var context = (await pg.RowsAsync(
            "SELECT (context->>'activities_recent')::int AS recent, (context->>'activities_previous')::int AS previous, (context->>'deals_lost')::int AS lost FROM triggers WHERE record_id = @id",
            ("id", account))).Single();
        Assert.Equal(1, context["recent"]);
        Assert.Equal(3, context["previous"]);
        Assert.Equal(1, context["lost"]);
    }

    [Fact]
    public async Task AccountRiskIgnoresRisingActivityAndAccountsThatLostNothing()
    {
        var rising = await Records.AccountAsync();
        await Records.DealAsync(rising, "ClosedLost", Now.AddDays(-40), Today.AddDays(-20), 0, closedAt: Now.AddDays(-20));
        await Records.ActivityAsync("Account", rising, "Call", completed: Now.AddDays(-45));
        for (var i = 1; i <= 3; i++) await Records.ActivityAsync("Account", rising, "Call", completed: Now.AddDays(-i));

        var winning = await Records.AccountAsync();
        await Records.DealAsync(winning, "ClosedWon", Now.AddDays(-40), Today.AddDays(-20), 100, closedAt: Now.AddDays(-20));
        for (var i = 1; i <= 3; i++) await Records.ActivityAsync("Account", winning, "Call", completed: Now.AddDays(-40 - i));
        await pg.ConfigureAsync(Andes, s => { s.AccountRiskWindowDays = 30; s.AccountRiskLostWithinDays = 90; s.MaxTriggersPerRun = 100_000; });

        await pg.DetectAsync(Andes, _clock, TriggerTypes.AccountRisk);

        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.AccountRisk, rising));
        Assert.Equal(0, await pg.OpenTriggersAsync(TriggerTypes.AccountRisk, winning));
    }
}
