using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Contacts;
using Autonomus.Core.Crm.Deals;
using Autonomus.Core.Crm.Leads;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Data;

/// <summary>Roles and attribute rules, decided on the server against the real data.</summary>
public sealed class RecordAccessTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const string NorteMembers = "SELECT id FROM users WHERE tenant_id = @t AND team = 'Norte'";

    [Fact]
    public async Task ARepSeesOnlyTheirOwnLeads()
    {
        var rep = await pg.UserIdAsync("rep3@andes.demo");
        var own = await pg.ScalarAsync<long>("SELECT count(*) FROM leads WHERE owner_id = @r", ("r", rep));
        await using var sp = await pg.ServicesAsAsync("rep3@andes.demo");
        var page = await sp.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(), new PageRequest(0, 200));
        Assert.Equal(own, page.TotalCount);
        Assert.All(page.Items, l => Assert.Equal("Matías González", l.OwnerName));
    }

    [Fact]
    public async Task AManagerSeesTheirTeamsAndUnassignedDealsOnly()
    {
        var expected = await pg.ScalarAsync<long>(
            $"SELECT count(*) FROM deals WHERE tenant_id = @t AND (owner_id IS NULL OR owner_id IN ({NorteMembers}))", ("t", PostgresFixture.Andes));
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo");
        var page = await sp.GetRequiredService<DealQueries>().ListAsync(new DealListFilter(), new PageRequest(0, 10));
        Assert.Equal(expected, page.TotalCount);
        Assert.InRange(expected, 1, 499);
    }

    [Fact]
    public async Task AManagerCannotChangeALeadOfAnotherTeamAndNothingIsWritten()
    {
        var other = await pg.ScalarAsync<Guid>(
            "SELECT l.id FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.tenant_id = @t AND u.team = 'Sur' AND l.status = 'New' LIMIT 1", ("t", PostgresFixture.Andes));
        await using var sp = await pg.ServicesAsAsync("manager@andes.demo");
        Assert.Null(await sp.GetRequiredService<LeadQueries>().GetAsync(other));
        await Assert.ThrowsAsync<AccessDenied>(() => sp.GetRequiredService<ChangeLeadStatus>().HandleAsync(other, 1, LeadStatus.Contacted));
        Assert.Equal("New", await pg.ScalarAsync<string>("SELECT status FROM leads WHERE id = @id", ("id", other)));
    }

    [Fact]
    public async Task ADealAboveTheTenantLimitNeedsAnAdminToChangeStage()
    {
        var big = await pg.ScalarAsync<Guid>(
            $"SELECT id FROM deals WHERE tenant_id = @t AND stage = 'Qualification' AND amount > 100000000 AND owner_id IN ({NorteMembers}) LIMIT 1", ("t", PostgresFixture.Andes));
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo"))
        {
            var e = await Assert.ThrowsAsync<AccessDenied>(() => manager.GetRequiredService<MoveDealStage>().HandleAsync(big, 1, DealStage.Proposal));
            Assert.Contains("need an Admin", e.Message);
        }
        Assert.Equal("Qualification", await pg.ScalarAsync<string>("SELECT stage FROM deals WHERE id = @id", ("id", big)));

        await using var admin = await pg.ServicesAsAsync("admin@andes.demo");
        await admin.GetRequiredService<MoveDealStage>().HandleAsync(big, 1, DealStage.Proposal);
        Assert.Equal("Proposal", await pg.ScalarAsync<string>("SELECT stage FROM deals WHERE id = @id", ("id", big)));
    }

    [Fact]
    public async Task AnAuditorReadsEverythingMaskedAndChangesNothing()
    {
        await using var sp = await pg.ServicesAsAsync("auditor@andes.demo");
        var contacts = await sp.GetRequiredService<ContactQueries>().ListAsync(new ContactListFilter(), new PageRequest(0, 50));
        Assert.Equal(900, contacts.TotalCount);
        Assert.All(contacts.Items, c => Assert.Matches(@"^.\*\*\*@", c.Email));
        Assert.All(contacts.Items, c => Assert.StartsWith("*** ", c.Phone));

        var input = new LeadInput { FirstName = "Audit", LastName = "Trail" };
        var before = await pg.ScalarAsync<long>("SELECT count(*) FROM leads");
        await Assert.ThrowsAsync<AccessDenied>(() => sp.GetRequiredService<SaveLead>().CreateAsync(input));
        Assert.Equal(before, await pg.ScalarAsync<long>("SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task ARepCannotHandALeadToSomeoneElseButOwnsWhatTheyCreate()
    {
        var colleague = await pg.UserIdAsync("rep2@andes.demo");
        await using var sp = await pg.ServicesAsAsync("rep1@andes.demo");
        var save = sp.GetRequiredService<SaveLead>();
        var e = await Assert.ThrowsAsync<InputInvalid>(() => save.CreateAsync(new LeadInput { FirstName = "Eva", LastName = "Lagos", OwnerId = colleague }));
        Assert.Equal(["Assign the record to yourself."], e.Errors["OwnerId"]);

        var id = await save.CreateAsync(new LeadInput { FirstName = "Eva", LastName = "Lagos" });
        Assert.Equal(await pg.UserIdAsync("rep1@andes.demo"), await pg.ScalarAsync<Guid>("SELECT owner_id FROM leads WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task TheOwnerPickerOffersExactlyWhomTheUserMayAssign()
    {
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo"))
            Assert.Equal(["Ana Pérez", "Diego Rojas", "Valentina Díaz"],
                (await manager.GetRequiredService<Autonomus.Core.Crm.Users.UserDirectory>().ListOwnersAsync()).Select(o => o.DisplayName).Order());
        await using (var rep = await pg.ServicesAsAsync("rep3@andes.demo"))
            Assert.Equal(["Matías González"], (await rep.GetRequiredService<Autonomus.Core.Crm.Users.UserDirectory>().ListOwnersAsync()).Select(o => o.DisplayName));
        await using var admin = await pg.ServicesAsAsync("admin@andes.demo");
        Assert.Equal(8, (await admin.GetRequiredService<Autonomus.Core.Crm.Users.UserDirectory>().ListOwnersAsync()).Count);
    }
}
