using Autonomus.Core.Dashboards;
using Autonomus.Core.Tenancy;
using Autonomus.Tests.Dashboards;
using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Components.Pages.Home;
using Autonomus.Web.Tenancy;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Web.Components;

/// <summary>The dashboard's markup over the real queries: tiles, tables and empty states, and the placeholder for reps.</summary>
public sealed class DashboardPageTests(PostgresFixture pg) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public Task InitializeAsync() => DashboardDataset.EnsureAsync(pg);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheAutonomyTilesAndRejectionTableShowTheTenantsFigures()
    {
        await using var ctx = ComponentTestContext.Create(pg, DashboardDataset.Dash);
        var cut = ctx.Render<AutonomyCharts>(p => p.Add(c => c.Range, DashboardDataset.Q1));

        cut.WaitForAssertion(() => Assert.Contains("66.7 %", cut.Find("[data-testid=tile-autonomy-score]").TextContent), Wait);
        Assert.Contains("2 of 3 applied actions", cut.Find("[data-testid=tile-autonomy-score]").TextContent);
        Assert.Contains("21.4 %", cut.Find("[data-testid=tile-acceptance]").TextContent);
        Assert.Contains("3 min 25 s", cut.Find("[data-testid=tile-review-p50]").TextContent);
        Assert.Contains("12 min 30 s", cut.Find("[data-testid=tile-review-p90]").TextContent);
        Assert.Contains("add_note: 1, update_deal_stage: 1", cut.Find("[data-testid=tile-apply-failures]").TextContent);
        var rows = cut.FindAll("[data-testid=rejection-reasons] tbody tr");
        Assert.Equal(["Too early 3", "Wrong contact 2", "Bad timing 1", "Duplicate 1", "Not now 1"],
            rows.Select(r => string.Join(" ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))));
        Assert.Empty(cut.FindAll("[data-testid=error-alert]"));
    }

    [Fact]
    public async Task ARangeWithNothingInItSaysSoInsteadOfDrawingEmptyCharts()
    {
        await using var ctx = ComponentTestContext.Create(pg, DashboardDataset.Dash);
        var empty = new DashboardRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 31));
        var pipeline = ctx.Render<PipelineCharts>(p => p.Add(c => c.Range, empty));
        var autonomy = ctx.Render<AutonomyCharts>(p => p.Add(c => c.Range, empty));

        pipeline.WaitForAssertion(() => Assert.Contains("No deals closed in this range.", pipeline.Find("[data-testid=closed-empty]").TextContent), Wait);
        Assert.Contains("No leads created in this range.", pipeline.Markup);
        Assert.Empty(pipeline.FindAll("[data-testid=open-pipeline-empty]")); // open deals are today's, whatever the range
        autonomy.WaitForAssertion(() => Assert.NotEmpty(autonomy.FindAll("[data-testid=autonomy-empty]")), Wait);
        Assert.Equal("—", autonomy.Find("[data-testid=tile-autonomy-score] .stat-value").TextContent);
    }

    [Fact]
    public async Task TheDashboardPageLoadsBothSectionsWithRangePresets()
    {
        await using var ctx = ComponentTestContext.Create(pg, DashboardDataset.Dash);
        var cut = ctx.Render<Dashboard>();

        cut.WaitForAssertion(() =>
        {
            Assert.Empty(cut.FindAll("[data-testid=pipeline-loading]"));
            Assert.Empty(cut.FindAll("[data-testid=autonomy-loading]"));
        }, Wait);
        Assert.NotEmpty(cut.FindAll("[data-testid=open-pipeline]"));
        Assert.Equal(5, cut.FindAll("[data-testid^=tile-]").Count);
        Assert.Equal("true", cut.Find("[data-testid=range-90]").GetAttribute("aria-pressed")); // the default range
        Assert.Empty(cut.FindAll("[data-testid=error-alert]"));
        Assert.Empty(cut.FindAll("[data-testid=dashboard-placeholder]"));
    }

    [Fact]
    public async Task ARepKeepsThePlaceholderWithLinks()
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ComponentTestContext.AddConsoleServices(ctx);
        var authorization = ctx.AddAuthorization();
        authorization.SetAuthorized("rep");
        authorization.SetRoles(Roles.SalesRep);
        authorization.SetPolicies(Policies.ReadCrm, Policies.WriteCrm);
        ctx.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

        var cut = ctx.Render<Dashboard>();

        var placeholder = cut.Find("[data-testid=dashboard-placeholder]");
        Assert.Equal(["leads", "deals/board", "activities?state=Overdue"], placeholder.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(cut.FindAll("[data-testid=pipeline-dashboard]"));
    }
}
