using Autonomus.Core.Authorization;
using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tenancy.Users;
using Autonomus.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Data;

public sealed class UserAdministrationTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task AnAdminAddsAUserWhoSignsInWithTheOneTimePasswordAndMustEnrolMfa()
    {
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        var admin = sp.GetRequiredService<UserAdministration>();
        var password = await admin.CreateAsync(new NewUserInput { Email = "nueva@andes.demo", DisplayName = "Paz Núñez", Role = Roles.SalesRep, Team = "Sur" });

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("nueva@andes.demo");
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, password));
        Assert.False(user.TwoFactorEnabled);
        Assert.Equal(PostgresFixture.Andes, user.TenantId);
        var page = await admin.ListAsync(new PageRequest(0, 50));
        Assert.Equal(9, page.TotalCount);
        Assert.Contains(page.Items, u => u.Email == "nueva@andes.demo" && u.Role == Roles.SalesRep && !u.MfaEnrolled);
    }

    [Fact]
    public async Task DisablingAUserLocksThemOutAndEndsTheirSessions()
    {
        var rep = await pg.UserIdAsync("rep3@andes.demo");
        var stamp = await pg.ScalarAsync<string>("SELECT security_stamp FROM users WHERE id = @id", ("id", rep));
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        await sp.GetRequiredService<UserAdministration>().SetDisabledAsync(rep, disabled: true);
        Assert.True(await pg.ScalarAsync<bool>("SELECT lockout_end > now() + interval '50 years' FROM users WHERE id = @id", ("id", rep)));
        Assert.NotEqual(stamp, await pg.ScalarAsync<string>("SELECT security_stamp FROM users WHERE id = @id", ("id", rep)));
    }

    [Fact]
    public async Task ForcingMfaReenrolmentClearsTheAuthenticator()
    {
        var rep = await pg.UserIdAsync("rep4@andes.demo");
        var oldKey = await pg.AuthenticatorKeyAsync("rep4@andes.demo");
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        await sp.GetRequiredService<UserAdministration>().ForceMfaReenrolmentAsync(rep);
        Assert.False(await pg.ScalarAsync<bool>("SELECT two_factor_enabled FROM users WHERE id = @id", ("id", rep)));
        Assert.NotEqual(oldKey, await pg.AuthenticatorKeyAsync("rep4@andes.demo"));
    }

    [Fact]
    public async Task OnlyAnAdminOfTheSameTenantManagesAUser()
    {
        var andesRep = await pg.UserIdAsync("rep1@andes.demo");
        await using (var manager = await pg.ServicesAsAsync("manager@andes.demo"))
            await Assert.ThrowsAsync<AccessDenied>(() => manager.GetRequiredService<UserAdministration>().SignOutEverywhereAsync(andesRep));
        await using (var otherAdmin = await pg.ServicesAsAsync("admin@northwind.demo"))
            await Assert.ThrowsAsync<RecordNotFound>(() => otherAdmin.GetRequiredService<UserAdministration>().SetRoleAndTeamAsync(andesRep, Roles.Admin, ""));
        Assert.Equal("SalesRep", await pg.ScalarAsync<string>(
            "SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = @u", ("u", andesRep)));
    }

    [Fact]
    public async Task ChangingARoleTakesEffectAndAnAdminCannotDemoteThemself()
    {
        var rep = await pg.UserIdAsync("rep2@andes.demo");
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        var admin = sp.GetRequiredService<UserAdministration>();
        await admin.SetRoleAndTeamAsync(rep, Roles.SalesManager, "Norte");
        Assert.Equal("SalesManager", await pg.ScalarAsync<string>(
            "SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = @u", ("u", rep)));
        await Assert.ThrowsAsync<DomainRuleViolation>(() => admin.SetRoleAndTeamAsync(pg.UserIdAsync("admin@andes.demo").Result, Roles.SalesRep, ""));
    }
}
