using Autonomus.Core.Common;
using Autonomus.Core.Crm;
using Autonomus.Core.Crm.Contacts;
using Autonomus.Core.Crm.Leads;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Autonomus.Tests.Data;

public sealed class SaveRecordsTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static LeadInput ValidLead(string last = "Fuentes") => new()
    {
        FirstName = "Rosa", LastName = last, Company = "Viña Los Andes", Email = "rosa@vina.example", Score = 40, Source = LeadSource.Referral,
    };

    [Fact]
    public async Task CreatingALeadStampsTenantTimesAndVersionFromTheClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 15, 30, 0, TimeSpan.Zero));
        await using var sp = pg.Services(PostgresFixture.Andes, clock: clock);
        var id = await sp.GetRequiredService<SaveLead>().CreateAsync(ValidLead());

        Assert.Equal(PostgresFixture.Andes, await pg.ScalarAsync<Guid>("SELECT tenant_id FROM leads WHERE id = @id", ("id", id)));
        Assert.Equal(clock.GetUtcNow(), await pg.ScalarAsync<DateTime>("SELECT created_at FROM leads WHERE id = @id", ("id", id)));
        Assert.Equal(1, await pg.ScalarAsync<int>("SELECT version FROM leads WHERE id = @id", ("id", id)));

        clock.Advance(TimeSpan.FromHours(2));
        await sp.GetRequiredService<SaveLead>().UpdateAsync(id, 1, ValidLead("Fuentes Soto"));
        Assert.Equal(2, await pg.ScalarAsync<int>("SELECT version FROM leads WHERE id = @id", ("id", id)));
        Assert.Equal(clock.GetUtcNow(), await pg.ScalarAsync<DateTime>("SELECT updated_at FROM leads WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task SavingAgainstAnOldVersionIsRefusedAndKeepsTheNewerEdit()
    {
        await using var sp = pg.Services(PostgresFixture.Andes);
        var save = sp.GetRequiredService<SaveLead>();
        var id = await save.CreateAsync(ValidLead());
        await save.UpdateAsync(id, 1, ValidLead("First Edit"));

        var e = await Assert.ThrowsAsync<StaleRecord>(() => save.UpdateAsync(id, 1, ValidLead("Second Edit")));
        Assert.Contains("changed by someone else", e.Message);
        Assert.Equal("First Edit", await pg.ScalarAsync<string>("SELECT last_name FROM leads WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task InvalidInputIsRefusedWithFieldErrorsAndNothingIsWritten()
    {
        var before = await pg.ScalarAsync<long>("SELECT count(*) FROM leads");
        await using var sp = pg.Services(PostgresFixture.Andes);
        var input = ValidLead();
        input.Email = "nope";
        input.LastName = new string('x', 101);
        var e = await Assert.ThrowsAsync<InputInvalid>(() => sp.GetRequiredService<SaveLead>().CreateAsync(input));
        Assert.True(e.Errors.ContainsKey("Email"));
        Assert.True(e.Errors.ContainsKey("LastName"));
        Assert.Equal(before, await pg.ScalarAsync<long>("SELECT count(*) FROM leads"));
    }

    [Fact]
    public async Task AnOwnerFromAnotherTenantIsRefused()
    {
        var northwindRep = await pg.UserIdAsync("rep1@northwind.demo");
        await using var sp = pg.Services(PostgresFixture.Andes);
        var input = ValidLead();
        input.OwnerId = northwindRep;
        var e = await Assert.ThrowsAsync<InputInvalid>(() => sp.GetRequiredService<SaveLead>().CreateAsync(input));
        Assert.True(e.Errors.ContainsKey("OwnerId"));
        Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM leads WHERE owner_id = @o AND tenant_id = @t", ("o", northwindRep), ("t", PostgresFixture.Andes)));
    }

    [Fact]
    public async Task AContactCannotBePutOnAnotherTenantsAccount()
    {
        var northwindAccount = await pg.ScalarAsync<Guid>("SELECT id FROM accounts WHERE tenant_id = @t LIMIT 1", ("t", PostgresFixture.Northwind));
        await using var sp = pg.Services(PostgresFixture.Andes);
        var input = new ContactInput { FirstName = "Luis", LastName = "Mora", AccountId = northwindAccount };
        var e = await Assert.ThrowsAsync<InputInvalid>(() => sp.GetRequiredService<SaveContact>().CreateAsync(input));
        Assert.Equal(["Choose an account you can see."], e.Errors["AccountId"]);
        Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM contacts WHERE account_id = @a AND tenant_id = @t", ("a", northwindAccount), ("t", PostgresFixture.Andes)));
    }

    [Fact]
    public async Task ChangingTheStatusOfAConvertedLeadIsRefusedAndNothingChanges()
    {
        var converted = await pg.ScalarAsync<Guid>("SELECT id FROM leads WHERE tenant_id = @t AND status = 'Converted' LIMIT 1", ("t", PostgresFixture.Andes));
        var version = await pg.ScalarAsync<int>("SELECT version FROM leads WHERE id = @id", ("id", converted));
        await using var sp = pg.Services(PostgresFixture.Andes);
        await Assert.ThrowsAsync<DomainRuleViolation>(() => sp.GetRequiredService<ChangeLeadStatus>().HandleAsync(converted, version, LeadStatus.New));
        Assert.Equal("Converted", await pg.ScalarAsync<string>("SELECT status FROM leads WHERE id = @id", ("id", converted)));
        Assert.Equal(version, await pg.ScalarAsync<int>("SELECT version FROM leads WHERE id = @id", ("id", converted)));
    }
}
