using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Dashboards;
using Autonomus.Core.Tenancy;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Dashboards;

/// <summary>
/// Every dashboard figure against a small dataset built by hand in a tenant of its own (so the seeded demo data cannot
/// interfere): the numbers below are worked out from the rows in <see cref="InitializeAsync"/>. The range is the first
/// quarter of 2026; a record on either side of it, by one second, is built for every kind and must not count.
/// </summary>
public sealed class DashboardQueriesTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly Guid Dash = Guid.Parse("0d0d0d0d-0000-7000-8000-000000000001");
    private static readonly Guid Other = Guid.Parse("0d0d0d0d-0000-7000-8000-000000000002");
    private static readonly DateRange Q1 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));
    private static readonly DateTimeOffset JustBefore = Utc(2025, 12, 31, 23, 59, 59);
    private static readonly DateTimeOffset Start = Utc(2026, 1, 1);
    private static readonly DateTimeOffset LastSecond = Utc(2026, 3, 31, 23, 59, 59);
    private static readonly DateTimeOffset JustAfter = Utc(2026, 4, 1);

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0, int s = 0) => new(y, m, d, h, min, s, TimeSpan.Zero);
    private static TimeSpan Sec(int seconds) => TimeSpan.FromSeconds(seconds);

    public async Task InitializeAsync()
    {
        if (await pg.CountAsync("SELECT count(*) FROM tenants WHERE id = @t", ("t", Dash)) > 0) return;
        var dash = new DashboardRecords(pg, Dash);
        await dash.TenantAsync("dashboard-test");
        var account = await dash.Crm.AccountAsync();
        var close = new DateOnly(2026, 6, 30);
        Task Deal(string stage, decimal amount, string currency, DateTimeOffset? closedAt = null) =>
            dash.Crm.DealAsync(account, stage, closedAt ?? Utc(2026, 2, 1), close, amount: amount, currency: currency, closedAt: closedAt);

        await Deal("Prospecting", 1000m, "USD");
        await Deal("Prospecting", 2500.50m, "USD");
        await Deal("Prospecting", 3_000_000m, "CLP");
        await Deal("Proposal", 4000m, "USD");
        await Deal("Negotiation", 500m, "EUR");
        await Deal("ClosedWon", 10_000m, "USD", Start);                 // week of 2025-12-29
        await Deal("ClosedWon", 5000m, "USD", Utc(2026, 1, 7, 12));      // week of 2026-01-05
        await Deal("ClosedWon", 2_000_000m, "CLP", Utc(2026, 1, 8, 9));  // week of 2026-01-05
        await Deal("ClosedLost", 7000m, "USD", Utc(2026, 1, 6));         // week of 2026-01-05
        await Deal("ClosedLost", 1000m, "USD", LastSecond);              // week of 2026-03-30
        await Deal("ClosedWon", 99_999m, "USD", JustBefore);             // same week as the first, but outside the range
        await Deal("ClosedLost", 88_888m, "USD", JustAfter);

        await dash.LeadAsync("New", "Website", Start);
        await dash.LeadAsync("Contacted", "Website", Utc(2026, 1, 15));
        await dash.LeadAsync("Qualified", "Referral", Utc(2026, 2, 1));
        await dash.LeadAsync("Qualified", "Event", Utc(2026, 2, 10));
        await dash.LeadAsync("Converted", "Referral", Utc(2026, 3, 1));
        await dash.LeadAsync("Unqualified", "Outbound", LastSecond);
        await dash.LeadAsync("Converted", "Website", JustBefore);
        await dash.LeadAsync("Qualified", "Partner", JustAfter);

        var trigger = await dash.TriggerAsync(Start);
        await dash.TriggerAsync(Utc(2026, 2, 1));
        await dash.TriggerAsync(Utc(2026, 3, 1));
        await dash.TriggerAsync(LastSecond);
        await dash.TriggerAsync(JustBefore);
        await dash.TriggerAsync(JustAfter);

        // Suggestion n is created n - 1 hours into the range, so a later n was also reviewed later.
        var n = 0;
        Task Suggest(string agent, string tool, string status, int? reviewSeconds = null, bool edited = false, string? note = null) =>
            dash.SuggestionAsync(trigger, agent, tool, status, Start.AddHours(n++), reviewSeconds is { } s ? Sec(s) : null, edited, note);
        await Suggest("lead_agent", "schedule_follow_up", "Applied", 60);                       // 1
        await Suggest("lead_agent", "schedule_follow_up", "Applied", 120, edited: true);        // 2
        await Suggest("deal_agent", "update_deal_stage", "Applied", 240);                       // 3
        await Suggest("deal_agent", "update_deal_stage", "Failed", 600);                        // 4
        await Suggest("lead_agent", "add_note", "Failed", 900, edited: true);                   // 5
        await Suggest("deal_agent", "update_deal_stage", "Approved", 30);                       // 6: approved, not applied yet
        await Suggest("lead_agent", "schedule_follow_up", "Rejected", 180, note: "TOO   early"); // 7
        await Suggest("deal_agent", "add_note", "Rejected", 3600, note: "  too early ");        // 8
        await Suggest("lead_agent", "update_lead_status", "Rejected", 300, note: "Too early");  // 9: the latest wording
        await Suggest("deal_agent", "update_deal_stage", "Rejected", 45, note: "wrong contact"); // 10
        await Suggest("deal_agent", "update_deal_stage", "Rejected", 90, note: "Wrong contact"); // 11
        await Suggest("lead_agent", "add_note", "Rejected", 150, note: "Duplicate");            // 12
        await Suggest("lead_agent", "update_lead_status", "Rejected", 200, note: "Not now");    // 13
        await Suggest("deal_agent", "add_note", "Rejected", 210, note: "Bad timing");           // 14
        await Suggest("deal_agent", "update_deal_stage", "Rejected", 400, note: "Wrong owner"); // 15: sixth reason, not in the top 5
        await Suggest("lead_agent", "schedule_follow_up", "Expired");                           // 16
        await Suggest("deal_agent", "add_note", "Expired", 500);                                // 17: approved, then expired in a conflict
        await Suggest("lead_agent", "schedule_follow_up", "Pending");                           // 18
        await Suggest("lead_agent", "update_lead_status", "Superseded");                        // 19
        await dash.SuggestionAsync(trigger, "lead_agent", "add_note", "Applied", JustBefore, Sec(5));
        await dash.SuggestionAsync(trigger, "lead_agent", "add_note", "Rejected", JustAfter, Sec(5), note: "Duplicate");

        var other = new DashboardRecords(pg, Other);
        await other.TenantAsync("dashboard-other");
        var otherAccount = await other.Crm.AccountAsync();
        await other.Crm.DealAsync(otherAccount, "Prospecting", Utc(2026, 2, 1), close, amount: 777m, currency: "USD");
        await other.Crm.DealAsync(otherAccount, "ClosedWon", Utc(2026, 1, 6), close, amount: 1234m, currency: "USD", closedAt: Utc(2026, 1, 6));
        await other.LeadAsync("Qualified", "Website", Utc(2026, 1, 20));
        var otherTrigger = await other.TriggerAsync(Utc(2026, 1, 20));
        await other.SuggestionAsync(otherTrigger, "lead_agent", "add_note", "Applied", Utc(2026, 1, 20), Sec(10));
        await other.SuggestionAsync(otherTrigger, "lead_agent", "add_note", "Rejected", Utc(2026, 1, 21), Sec(20), note: "Too early");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private ServiceProvider As(string role, Guid? tenant = null) => pg.Services(tenant ?? Dash, Guid.NewGuid(), roles: [role]);

    private async Task<PipelineDashboard> PipelineAsync(DateRange range, Guid? tenant = null)
    {
        await using var sp = As(Roles.Admin, tenant);
        return await sp.GetRequiredService<PipelineDashboardQueries>().LoadAsync(range);
    }

    private async Task<AutonomyDashboard> AutonomyAsync(DateRange range, Guid? tenant = null)
    {
        await using var sp = As(Roles.Admin, tenant);
        return await sp.GetRequiredService<AutonomyDashboardQueries>().LoadAsync(range);
    }

    [Fact]
    public async Task OpenPipelineIsGroupedByStageAndCurrencyNeverAddingCurrencies()
    {
        var d = await PipelineAsync(Q1);

        Assert.Equal(
        [
            new StageValue(DealStage.Prospecting, "CLP", 1, 3_000_000m),
            new StageValue(DealStage.Prospecting, "USD", 2, 3500.50m),
            new StageValue(DealStage.Proposal, "USD", 1, 4000m),
            new StageValue(DealStage.Negotiation, "EUR", 1, 500m),
        ], d.OpenPipeline);
    }

    [Fact]
    public async Task WonAndLostAreCountedPerWeekByClosingDateInsideTheRangeOnly()
    {
        var d = await PipelineAsync(Q1);

        Assert.Equal(TimeBucket.Week, d.Bucket);
        // Weeks start on Monday: the first one, 2025-12-29, began before the range; 14 weeks in all, empty ones included.
        Assert.Equal(14, d.ClosedDeals.Count);
        Assert.Equal(Enumerable.Range(0, 14).Select(i => new DateOnly(2025, 12, 29).AddDays(7 * i)), d.ClosedDeals.Select(b => b.Start));
        Assert.Equal(
        [
            new ClosedDealsInBucket(new DateOnly(2025, 12, 29), 1, 0),
            new ClosedDealsInBucket(new DateOnly(2026, 1, 5), 2, 1),
            new ClosedDealsInBucket(new DateOnly(2026, 3, 30), 0, 1),
        ], d.ClosedDeals.Where(b => b.Won + b.Lost > 0));
        Assert.Equal(
        [
            new ClosedAmountInBucket(new DateOnly(2025, 12, 29), "USD", 10_000m, 0m),
            new ClosedAmountInBucket(new DateOnly(2026, 1, 5), "CLP", 2_000_000m, 0m),
            new ClosedAmountInBucket(new DateOnly(2026, 1, 5), "USD", 5000m, 7000m),
            new ClosedAmountInBucket(new DateOnly(2026, 3, 30), "USD", 0m, 1000m),
        ], d.ClosedAmounts);
    }

    [Fact]
    public async Task ARangeLongerThanFourMonthsIsChartedByMonth()
    {
        var d = await PipelineAsync(new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)));

        Assert.Equal(TimeBucket.Month, d.Bucket);
        Assert.Equal(Enumerable.Range(1, 6).Select(m => new DateOnly(2026, m, 1)), d.ClosedDeals.Select(b => b.Start));
        Assert.Equal(
        [
            new ClosedDealsInBucket(new DateOnly(2026, 1, 1), 3, 1),
            new ClosedDealsInBucket(new DateOnly(2026, 3, 1), 0, 1),
            new ClosedDealsInBucket(new DateOnly(2026, 4, 1), 0, 1),
        ], d.ClosedDeals.Where(b => b.Won + b.Lost > 0));
        Assert.Equal(
        [
            new ClosedAmountInBucket(new DateOnly(2026, 1, 1), "CLP", 2_000_000m, 0m),
            new ClosedAmountInBucket(new DateOnly(2026, 1, 1), "USD", 15_000m, 7000m),
            new ClosedAmountInBucket(new DateOnly(2026, 3, 1), "USD", 0m, 1000m),
            new ClosedAmountInBucket(new DateOnly(2026, 4, 1), "USD", 0m, 88_888m),
        ], d.ClosedAmounts);
    }

    [Fact]
    public async Task LeadsCreatedInTheRangeAreCountedByStatusBySourceAndThroughTheFunnel()
    {
        var d = await PipelineAsync(Q1);

        Assert.Equal(new Dictionary<LeadStatus, int>
        {
            [LeadStatus.New] = 1, [LeadStatus.Contacted] = 1, [LeadStatus.Qualified] = 2, [LeadStatus.Converted] = 1, [LeadStatus.Unqualified] = 1,
        }, d.LeadsByStatus.ToDictionary(x => x.Status, x => x.Leads));
        Assert.Equal(new Dictionary<LeadSource, int>
        {
            [LeadSource.Website] = 2, [LeadSource.Referral] = 2, [LeadSource.Event] = 1, [LeadSource.Outbound] = 1,
        }, d.LeadsBySource.ToDictionary(x => x.Source, x => x.Leads));
        Assert.Equal(new LeadFunnel(Created: 6, Qualified: 3, Converted: 1), d.LeadFunnel);
    }

    [Fact]
    public async Task TheAutonomyFunnelCountsTriggersDetectedAndSuggestionsCreatedInTheRange()
    {
        var d = await AutonomyAsync(Q1);

        Assert.Equal(new AutonomyFunnel(Triggers: 4, Suggestions: 19, Approved: 7, Applied: 3, Failed: 2, Rejected: 9, Expired: 2,
            Superseded: 1, Open: 2), d.Funnel);
    }

    [Fact]
    public async Task AcceptanceIsAppliedOverResolvedByAHumanOverallPerAgentAndPerTool()
    {
        var d = await AutonomyAsync(Q1);

        Assert.Equal(new Acceptance("", 3, 2, 9, 3.0 / 14), d.Acceptance);
        Assert.Equal(
        [
            new Acceptance("lead_agent", 2, 1, 4, 2.0 / 7),
            new Acceptance("deal_agent", 1, 1, 5, 1.0 / 7),
        ], d.AcceptanceByAgent);
        Assert.Equal(
        [
            new Acceptance("schedule_follow_up", 2, 0, 1, 2.0 / 3),
            new Acceptance("update_deal_stage", 1, 1, 3, 1.0 / 5),
            new Acceptance("add_note", 0, 1, 3, 0),
            new Acceptance("update_lead_status", 0, 0, 2, 0),
        ], d.AcceptanceByTool);
    }

    [Fact]
    public async Task ReviewTimeP50AndP90InterpolateBetweenTheReviewedSuggestions()
    {
        var d = await AutonomyAsync(Q1);

        // Sorted review times of the 16 reviewed suggestions (seconds): 30 45 60 90 120 150 180 200 210 240 300 400 500 600 900 3600.
        // p50 sits at position 0.5 × 15 = 7.5: halfway from 200 to 210. p90 at 0.9 × 15 = 13.5: halfway from 600 to 900.
        Assert.Equal(new ReviewTimes(16, Sec(205), Sec(750)), d.ReviewTimes);
    }

    [Fact]
    public async Task TheAutonomyScoreIsTheShareOfAppliedActionsRunWithoutAnEdit()
    {
        var d = await AutonomyAsync(Q1);

        Assert.Equal(new AutonomyScore(Applied: 3, AppliedUnedited: 2), d.Score);
        Assert.Equal(2.0 / 3, d.Score.Share);
    }

    [Fact]
    public async Task ApplyFailuresAreCountedByTool()
    {
        var d = await AutonomyAsync(Q1);

        Assert.Equal(2, d.Funnel.Failed);
        Assert.Equal([new ToolFailures("add_note", 1), new ToolFailures("update_deal_stage", 1)], d.FailuresByTool);
    }

    [Fact]
    public async Task TopRejectionReasonsGroupNotesIgnoringCaseAndSpacingAndKeepFive()
    {
        var d = await AutonomyAsync(Q1);

        Assert.Equal(
        [
            new RejectionReason("Too early", 3),
            new RejectionReason("Wrong contact", 2),
            new RejectionReason("Bad timing", 1),
            new RejectionReason("Duplicate", 1),
            new RejectionReason("Not now", 1),
        ], d.TopRejectionReasons);
    }

    [Fact]
    public async Task AnotherTenantsRowsNeverCount()
    {
        var pipeline = await PipelineAsync(Q1, Other);
        var autonomy = await AutonomyAsync(Q1, Other);

        Assert.Equal([new StageValue(DealStage.Prospecting, "USD", 1, 777m)], pipeline.OpenPipeline);
        Assert.Equal([new ClosedAmountInBucket(new DateOnly(2026, 1, 5), "USD", 1234m, 0m)], pipeline.ClosedAmounts);
        Assert.Equal(new LeadFunnel(1, 1, 0), pipeline.LeadFunnel);
        Assert.Equal(new AutonomyFunnel(1, 2, 1, 1, 0, 1, 0, 0, 0), autonomy.Funnel);
        Assert.Equal(new Acceptance("", 1, 0, 1, 0.5), autonomy.Acceptance);
        Assert.Equal(new ReviewTimes(2, Sec(15), Sec(19)), autonomy.ReviewTimes);
        Assert.Equal([new RejectionReason("Too early", 1)], autonomy.TopRejectionReasons);
    }

    [Fact]
    public async Task ARangeWithNothingInItShowsZerosAndEmptyBreakdowns()
    {
        var range = new DateRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31));
        var pipeline = await PipelineAsync(range);
        var autonomy = await AutonomyAsync(range);

        Assert.All(pipeline.ClosedDeals, b => Assert.Equal((0, 0), (b.Won, b.Lost)));
        Assert.Empty(pipeline.ClosedAmounts);
        Assert.Empty(pipeline.LeadsByStatus);
        Assert.Equal(new LeadFunnel(0, 0, 0), pipeline.LeadFunnel);
        Assert.Equal(new AutonomyFunnel(0, 0, 0, 0, 0, 0, 0, 0, 0), autonomy.Funnel);
        Assert.Equal(new ReviewTimes(0, null, null), autonomy.ReviewTimes);
        Assert.Null(autonomy.Score.Share);
        Assert.Equal(new Acceptance("", 0, 0, 0, null), autonomy.Acceptance);
        Assert.Empty(autonomy.AcceptanceByTool);
        Assert.Empty(autonomy.TopRejectionReasons);
    }

    [Fact]
    public async Task ASalesRepIsRefusedWhileManagersAndAuditorsSeeTheDashboards()
    {
        await using (var rep = As(Roles.SalesRep))
        {
            await Assert.ThrowsAsync<AccessDenied>(() => rep.GetRequiredService<PipelineDashboardQueries>().LoadAsync(Q1));
            await Assert.ThrowsAsync<AccessDenied>(() => rep.GetRequiredService<AutonomyDashboardQueries>().LoadAsync(Q1));
        }
        foreach (var role in new[] { Roles.SalesManager, Roles.Auditor })
        {
            await using var sp = As(role);
            Assert.Equal(6, (await sp.GetRequiredService<PipelineDashboardQueries>().LoadAsync(Q1)).LeadFunnel.Created);
            Assert.Equal(19, (await sp.GetRequiredService<AutonomyDashboardQueries>().LoadAsync(Q1)).Funnel.Suggestions);
        }
    }

    [Fact]
    public async Task ARangeThatEndsBeforeItStartsIsRefused()
    {
        await using var sp = As(Roles.Admin);
        var backwards = new DateRange(new DateOnly(2026, 3, 31), new DateOnly(2026, 1, 1));

        var e = await Assert.ThrowsAsync<InputInvalid>(() => sp.GetRequiredService<PipelineDashboardQueries>().LoadAsync(backwards));
        Assert.Contains(nameof(DateRange.To), e.Errors.Keys);
    }
}
