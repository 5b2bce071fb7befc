using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Crm.Leads;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Data;

public sealed class CrmQueriesTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task LeadListReturnsOnePageAndTheTenantsTotal()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        var page = await sp.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(), new PageRequest(25, 25));
        Assert.Equal(2_000, page.TotalCount);
        Assert.Equal(25, page.Items.Count);
    }

    [Fact]
    public async Task LeadListFiltersByStatusOnTheServer()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        var expected = await pg.ScalarAsync<long>("SELECT count(*) FROM leads WHERE tenant_id = @t AND status = 'Qualified'", ("t", PostgresFixture.Andes));
        var page = await sp.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(Status: LeadStatus.Qualified), new PageRequest(0, 200));
        Assert.Equal(expected, page.TotalCount);
        Assert.All(page.Items, l => Assert.Equal(LeadStatus.Qualified, l.Status));
    }

    [Fact]
    public async Task LeadListSortsByScoreDescendingAcrossPages()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        var leads = sp.GetRequiredService<LeadQueries>();
        var first = await leads.ListAsync(new LeadListFilter(), new PageRequest(0, 50, "score", true));
        var second = await leads.ListAsync(new LeadListFilter(), new PageRequest(50, 50, "score", true));
        var scores = first.Items.Concat(second.Items).Select(l => l.Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(100, scores[0]);
        Assert.Empty(first.Items.Select(l => l.Id).Intersect(second.Items.Select(l => l.Id)));
    }

    [Fact]
    public async Task AnUnknownSortKeyFallsBackToTheDefaultOrderInsteadOfFailing()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        var page = await sp.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(), new PageRequest(0, 5, "password_hash; DROP TABLE leads", true));
        Assert.Equal(5, page.Items.Count);
    }

    [Fact]
    public async Task SearchMatchesCompanyCaseInsensitivelyAndTreatsWildcardsAsText()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        var leads = sp.GetRequiredService<LeadQueries>();
        var company = await pg.ScalarAsync<string>("SELECT company FROM leads WHERE tenant_id = @t ORDER BY id LIMIT 1", ("t", PostgresFixture.Andes));
        var found = await leads.ListAsync(new LeadListFilter(Search: company.ToUpperInvariant()), new PageRequest(0, 200));
        Assert.Contains(found.Items, l => l.Company == company);
        Assert.Equal(0, (await leads.ListAsync(new LeadListFilter(Search: "%"), new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task TheBoardTotalsEveryStageInSql()
    {
        await using var sp = pg.Services(PostgresFixture.Northwind);
        var board = await sp.GetRequiredService<DealQueries>().BoardAsync(new DealListFilter(), topPerStage: 5);
        Assert.Equal(6, board.Count);
        Assert.Equal(500, board.Sum(c => c.Count));
        var negotiation = board.Single(c => c.Stage == DealStage.Negotiation);
        var expected = await pg.ScalarAsync<decimal>("SELECT coalesce(sum(amount), 0) FROM deals WHERE tenant_id = @t AND stage = 'Negotiation'", ("t", PostgresFixture.Northwind));
        Assert.Equal(expected, negotiation.TotalAmount);
        Assert.True(negotiation.TopDeals.Count <= 5);
        Assert.Equal(negotiation.TopDeals.OrderByDescending(d => d.Amount).Select(d => d.Id), negotiation.TopDeals.Select(d => d.Id));
    }

    [Fact]
    public async Task DealDetailShowsARegressionInItsStageHistory()
    {
        var dealId = await pg.ScalarAsync<Guid>("SELECT deal_id FROM deal_stage_changes WHERE tenant_id = @t AND is_regression LIMIT 1", ("t", PostgresFixture.Andes));
        await using var sp = pg.Services(PostgresFixture.Andes);
        var deal = await sp.GetRequiredService<DealQueries>().GetAsync(dealId);
        Assert.NotNull(deal);
        Assert.Contains(deal.StageHistory, h => h.IsRegression && h.FromStage > h.ToStage);
    }
}
