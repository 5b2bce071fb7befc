using Autonomus.Tests.Infrastructure;
using Autonomus.Web.Components.Pages.Leads;
using Bunit;

namespace Autonomus.Tests.Web.Components;

public sealed class LeadListTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task ShowsOnePageOfTheTenantsLeadsAndTheServerTotal()
    {
        await using var ctx = ComponentTestContext.Create(pg, PostgresFixture.Northwind);
        var cut = ctx.Render<LeadList>();
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tr.grid-row").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("of 2,000", cut.Find("[data-testid=grid-pager]").TextContent);
        Assert.All(cut.FindAll("tr.grid-row a"), a => Assert.StartsWith("leads/", a.GetAttribute("href")));
    }

    [Fact]
    public async Task SaysSoWhenNoLeadMatches()
    {
        await using var ctx = ComponentTestContext.Create(pg, PostgresFixture.Northwind);
        var cut = ctx.Render<LeadList>();
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tr.grid-row").Count), TimeSpan.FromSeconds(10));
        cut.Find("input[aria-label='Search leads']").Input("zz-no-such-lead-zz");
        cut.WaitForAssertion(() => Assert.Contains("No leads match these filters.", cut.Markup), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("tr.grid-row"));
    }
}
