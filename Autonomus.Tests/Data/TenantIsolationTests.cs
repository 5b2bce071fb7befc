using Autonomus.Core.Common;
using Autonomus.Core.Crm.Accounts;
using Autonomus.Core.Crm.Activities;
using Autonomus.Core.Crm.Contacts;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Crm.Leads;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Data;

/// <summary>The baseline: a user of one tenant can neither list nor open the other tenant's records.</summary>
public sealed class TenantIsolationTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private Task<Guid> NorthwindIdAsync(string table) =>
        pg.ScalarAsync<Guid>($"SELECT id FROM {table} WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Northwind));

    [Fact]
    public async Task OpeningAnotherTenantsRecordByIdFindsNothing()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        Assert.Null(await sp.GetRequiredService<LeadQueries>().GetAsync(await NorthwindIdAsync("leads")));
        Assert.Null(await sp.GetRequiredService<DealQueries>().GetAsync(await NorthwindIdAsync("deals")));
        Assert.Null(await sp.GetRequiredService<AccountQueries>().GetAsync(await NorthwindIdAsync("accounts")));
        Assert.Null(await sp.GetRequiredService<ContactQueries>().GetAsync(await NorthwindIdAsync("contacts")));
    }

    [Fact]
    public async Task ListsHoldOnlyTheSignedInTenantsRows()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        var leads = await sp.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(), new PageRequest(0, 200));
        Assert.Equal(200, leads.Items.Count);
        var foreign = await pg.ScalarAsync<long>("SELECT count(*) FROM leads WHERE id = ANY(@ids) AND tenant_id <> @t",
            ("ids", leads.Items.Select(l => l.Id).ToArray()), ("t", PostgresFixture.Andes));
        Assert.Equal(0, foreign);
        var activities = await sp.GetRequiredService<ActivityQueries>().ListAsync(new ActivityListFilter(), new PageRequest(0, 50));
        Assert.Equal(10_000, activities.TotalCount);
    }

    [Fact]
    public async Task WithNoTenantEveryListIsEmpty()
    {
        await using var sp = pg.Services(tenantId: null);
        Assert.Equal(0, (await sp.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(), new PageRequest())).TotalCount);
        Assert.Equal(0, (await sp.GetRequiredService<DealQueries>().ListAsync(new DealListFilter(), new PageRequest())).TotalCount);
        Assert.Equal(0, (await sp.GetRequiredService<AccountQueries>().ListAsync(new AccountListFilter(), new PageRequest())).TotalCount);
    }

    [Fact]
    public async Task LoggingAnActivityOnAnotherTenantsLeadIsRefusedAndWritesNothing()
    {
        var northwindLead = await NorthwindIdAsync("leads");
        var before = await pg.ScalarAsync<long>("SELECT count(*) FROM activities");
        await using var sp = pg.Services(PostgresFixture.Andes);
        var input = new ActivityInput { Type = Autonomus.Core.Crm.ActivityType.Call, Subject = "Sneaky", RelatedType = Autonomus.Core.Crm.RecordType.Lead, RelatedId = northwindLead };
        await Assert.ThrowsAsync<RecordNotFound>(() => sp.GetRequiredService<LogActivity>().HandleAsync(input));
        Assert.Equal(before, await pg.ScalarAsync<long>("SELECT count(*) FROM activities"));
    }
}
