using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Dashboards;
using Autonomus.Core.Tenancy;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Autonomus.Tests.Dashboards.DashboardDataset;

namespace Autonomus.Tests.Dashboards;

/// <summary>Every dashboard figure, exactly, against the rows of <see cref="DashboardDataset"/>.</summary>
public sealed class DashboardQueriesTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => DashboardDataset.EnsureAsync(pg);

    public Task DisposeAsync() => Task.CompletedTask;

    private ServiceProvider As(string role, Guid? tenant = null) => pg.Services(tenant ?? Dash, Guid.NewGuid(), roles: [role]);

    private async Task<PipelineDashboard> PipelineAsync(DashboardRange range, Guid? tenant = null)
    {
        await using var sp = As(Roles.Admin, tenant);
        return await sp.GetRequiredService<PipelineDashboardQueries>().LoadAsync(range);
    }

    private async Task<AutonomyDashboard> AutonomyAsync(DashboardRange range, Guid? tenant = null)
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
        var d = await PipelineAsync(new DashboardRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)));

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
    public async Task AManagerReadsOnlyTheRejectionNotesOfTheirOwnTeamsReviewers()
    {
        // The dataset's reviewers belong to no team of this tenant: a manager sees the same figures as an Admin, but no notes.
        await using var sp = pg.Services(Dash, Guid.NewGuid(), roles: [Roles.SalesManager], team: "Norte");
        var manager = await sp.GetRequiredService<AutonomyDashboardQueries>().LoadAsync(Q1);
        var admin = await AutonomyAsync(Q1);

        Assert.Empty(manager.TopRejectionReasons);
        Assert.NotEmpty(admin.TopRejectionReasons);
        Assert.Equal(admin.Funnel, manager.Funnel);
        Assert.Equal(admin.Acceptance, manager.Acceptance);
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
        var range = new DashboardRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31));
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
        var backwards = new DashboardRange(new DateOnly(2026, 3, 31), new DateOnly(2026, 1, 1));

        var e = await Assert.ThrowsAsync<InputInvalid>(() => sp.GetRequiredService<PipelineDashboardQueries>().LoadAsync(backwards));
        Assert.Contains(nameof(DashboardRange.To), e.Errors.Keys);
    }
}
