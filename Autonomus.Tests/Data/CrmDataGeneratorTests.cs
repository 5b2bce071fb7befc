using Autonomus.Core.Crm;
using Autonomus.Data.Seeding;

namespace Autonomus.Tests.Data;

public sealed class CrmDataGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid[] Owners = [Guid.Parse("00000000-0000-0000-0000-000000000001"), Guid.Parse("00000000-0000-0000-0000-000000000002")];
    private static readonly SeedSizes Small = new(40, 90, 200, 100, 1_000);

    private static GeneratedCrm Generate(int seed) => new CrmDataGenerator(DemoTenants.Northwind, Owners, Now, seed).Generate(Small);

    [Fact]
    public void TheSameSeedAndClockGiveTheSameData()
    {
        var a = Generate(7);
        var b = Generate(7);
        Assert.Equal(a.Leads.Select(l => (l.Id, l.LastName, l.Status, l.LastActivityAt)), b.Leads.Select(l => (l.Id, l.LastName, l.Status, l.LastActivityAt)));
        Assert.Equal(a.Deals.Select(d => (d.Id, d.Amount, d.Stage)), b.Deals.Select(d => (d.Id, d.Amount, d.Stage)));
        Assert.NotEqual(a.Leads.Select(l => l.Id), Generate(8).Leads.Select(l => l.Id));
    }

    [Fact]
    public void TheDataHoldsTheCasesTheDetectorsLookFor()
    {
        var crm = Generate(2026);
        Assert.Equal(200, crm.Leads.Count);
        Assert.Equal(1_000, crm.Activities.Count);
        Assert.Contains(crm.Leads, l => l.Status is LeadStatus.New or LeadStatus.Contacted && (l.LastActivityAt ?? l.CreatedAt) < Now.AddDays(-14));
        Assert.Contains(crm.Deals, d => d.StageHistory.Any(h => h.IsRegression));
        Assert.Contains(crm.Activities, a => a.IsOverdueAt(Now));
        Assert.Contains(crm.Deals, d => !d.IsClosed && d.Probability >= 70 && d.ExpectedCloseDate <= DateOnly.FromDateTime(Now.AddDays(7).UtcDateTime));
        Assert.All(crm.Activities, a => Assert.InRange(a.CreatedAt, Now.AddDays(-181), Now));
        Assert.All(crm.Leads, l => Assert.Equal(DemoTenants.Northwind.Id, l.TenantId));
    }
}
