using Autonomus.Core.Common;
using Autonomus.Core.Tenancy;
using Autonomus.Core.Tenancy.Users;
using Autonomus.Data;
using Autonomus.Data.Tenancy;
using Autonomus.Tests.Autonomy;
using Autonomus.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.Data;

/// <summary>
/// Identity data under row-level security, proved in raw SQL as the runtime role: no tenant, no rows; another tenant's
/// rows invisible and unwritable; a pooled connection never carries a tenant into these tables; secrets unreadable.
/// </summary>
public sealed class IdentityRowLevelSecurityTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private static readonly string[] IdentityTables = ["users", "user_roles", "user_claims", "user_logins", "user_tokens", "tenants"];

    private async Task<NpgsqlConnection> RuntimeRoleAsync(Guid? tenant, int maxPool = 10)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.Db.AppConnection) { MaxPoolSize = maxPool, ApplicationName = "identity-rls-test" }.ConnectionString);
        await conn.OpenAsync();
        await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", conn);
        set.Parameters.AddWithValue("t", tenant?.ToString() ?? "");
        await set.ExecuteNonQueryAsync();
        return conn;
    }

    private static async Task<long> CountAsync(NpgsqlConnection conn, string sql, params (string, object)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task WithNoTenantSetTheRuntimeRoleReadsNoIdentityRowAtAll()
    {
        Assert.True(await pg.ScalarAsync<long>("SELECT count(*) FROM user_tokens") > 0);
        await using var app = await RuntimeRoleAsync(null);
        foreach (var table in IdentityTables)
            Assert.True(await CountAsync(app, $"SELECT count(*) FROM {table}") == 0, $"{table} shows rows with no tenant set");
    }

    [Fact]
    public async Task AnotherTenantsIdentityRowsAreInvisibleAndCannotBeWritten()
    {
        var northwindUser = await pg.UserIdAsync("rep1@northwind.demo");
        await using var app = await RuntimeRoleAsync(PostgresFixture.Andes);
        Assert.Equal(await pg.ScalarAsync<long>("SELECT count(*) FROM users WHERE tenant_id = @t", ("t", PostgresFixture.Andes)), await CountAsync(app, "SELECT count(*) FROM users"));
        Assert.Equal(0, await CountAsync(app, "SELECT count(*) FROM users WHERE tenant_id <> @t", ("t", PostgresFixture.Andes)));
        Assert.Equal(0, await CountAsync(app, "SELECT count(*) FROM user_tokens WHERE user_id = @u", ("u", northwindUser)));
        Assert.Equal(0, await CountAsync(app, "SELECT count(*) FROM user_roles WHERE user_id = @u", ("u", northwindUser)));
        Assert.Equal(1, await CountAsync(app, "SELECT count(*) FROM tenants"));

        await using (var update = new NpgsqlCommand("UPDATE users SET display_name = 'Hijacked' WHERE id = @u", app))
        {
            update.Parameters.AddWithValue("u", northwindUser);
            Assert.Equal(0, await update.ExecuteNonQueryAsync());
        }
        await using (var grant = new NpgsqlCommand("INSERT INTO user_roles (user_id, role_id) SELECT @u, id FROM roles WHERE name = 'Admin'", app))
        {
            grant.Parameters.AddWithValue("u", northwindUser);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => grant.ExecuteNonQueryAsync())).SqlState);
        }
        await using (var role = new NpgsqlCommand("INSERT INTO roles (id, name, normalized_name) VALUES (gen_random_uuid(), 'Owner', 'OWNER')", app))
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => role.ExecuteNonQueryAsync())).SqlState);
        Assert.Equal("Janet Leverling", await pg.ScalarAsync<string>("SELECT display_name FROM users WHERE id = @u", ("u", northwindUser)));
    }

    [Fact]
    public async Task APooledConnectionNeverCarriesThePreviousTenantIntoTheIdentityTables()
    {
        var options = new DbContextOptionsBuilder<AutonomusDbContext>();
        Microsoft.Extensions.DependencyInjection.DataServiceCollectionExtensions.ConfigureOptions(options,
            new NpgsqlConnectionStringBuilder(pg.Db.AppConnection) { MaxPoolSize = 1, ApplicationName = "identity-pool-test" }.ConnectionString);
        await using (var andes = new AutonomusDbContext(options.Options, new FixedTenantContext(PostgresFixture.Andes), TimeProvider.System))
            Assert.True(await andes.Users.CountAsync() > 0);
        await using (var nobody = new AutonomusDbContext(options.Options, new FixedTenantContext(null), TimeProvider.System))
        {
            Assert.Equal(0, await nobody.Users.CountAsync());
            Assert.Equal(0, await nobody.UserTokens.CountAsync());
            Assert.Equal(0, await nobody.Tenants.CountAsync());
        }
    }

    [Fact]
    public async Task NoAuthenticatorKeyOrRecoveryCodeIsStoredReadably()
    {
        var stored = (await pg.RowsAsync("SELECT value FROM user_tokens WHERE name = 'AuthenticatorKey'")).Select(r => (string)r["value"]!).ToList();
        Assert.NotEmpty(stored);
        // Even the owner reads only ciphertext: the key ring is outside the database.
        Assert.All(stored, v => Assert.StartsWith(TenantUserStore.ProtectedPrefix, v));
        Assert.All(stored, v => Assert.DoesNotMatch("^[A-Z2-7]{32}$", v));

        await using var app = new AppFactory(pg.Db.AppConnection);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync("auditor@northwind.demo"))!; // resolves the tenant through the narrow path
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 3))!.ToList();
        var value = await pg.ScalarAsync<string>("SELECT value FROM user_tokens WHERE user_id = @u AND name = 'RecoveryCodes'", ("u", user.Id));
        Assert.All(codes, c => Assert.DoesNotContain(c, value));
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
        Assert.Equal(2, await users.CountRecoveryCodesAsync(user));
        // The remaining codes survive a redemption unchanged (stored back hashed once, not hashed again).
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[1])).Succeeded);
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[2])).Succeeded);
        Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
    }

    [Fact]
    public async Task AnAdminCannotReuseAnEmailOfAnotherOrganisationAndGetsAClearError()
    {
        await using var sp = await pg.ServicesAsAsync("admin@andes.demo");
        var e = await Assert.ThrowsAsync<InputInvalid>(() => sp.GetRequiredService<UserAdministration>()
            .CreateAsync(new NewUserInput { Email = "rep1@northwind.demo", DisplayName = "Copy" }));
        Assert.Contains("already has an account", e.Errors["Email"][0]);
    }
}
