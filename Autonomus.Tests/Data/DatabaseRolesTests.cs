using Autonomus.Tests.Infrastructure;
using Npgsql;

namespace Autonomus.Tests.Data;

/// <summary>The app runs as a role that owns nothing: schema changes need the owner, which only migrations use.</summary>
public sealed class DatabaseRolesTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task TheRuntimeRoleOwnsNoTableAndCannotBypassRowSecurity()
    {
        Assert.Equal(0, await pg.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = @r", ("r", TestDatabase.AppRole)));
        Assert.False(await pg.ScalarAsync<bool>("SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = @r", ("r", TestDatabase.AppRole)));
        Assert.True(await pg.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = @r", ("r", TestDatabase.OwnerRole)) >= 12);
    }

    [Fact]
    public async Task TheRuntimeRoleCanReadAndWriteDataButNotChangeTheSchema()
    {
        await using var conn = new NpgsqlConnection(pg.Db.AppConnection);
        await conn.OpenAsync();
        await using (var tenant = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{PostgresFixture.Andes}', false)", conn))
            await tenant.ExecuteNonQueryAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM tenants", conn))
            Assert.Equal(1L, await read.ExecuteScalarAsync()); // its own organisation's row only
        await using var drop = new NpgsqlCommand("DROP TABLE activities", conn);
        var e = await Assert.ThrowsAsync<PostgresException>(() => drop.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        await using var migrations = new NpgsqlCommand("DELETE FROM \"__EFMigrationsHistory\"", conn);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => migrations.ExecuteNonQueryAsync())).SqlState);
    }

    [Fact]
    public async Task SeedingASeededDatabaseChangesNothing()
    {
        var leads = await pg.ScalarAsync<long>("SELECT count(*) FROM leads");
        var report = await TestDatabase.SeedAsync(pg.Db.OwnerConnection);
        Assert.False(report.Seeded);
        Assert.Equal(leads, await pg.ScalarAsync<long>("SELECT count(*) FROM leads"));
        Assert.Equal(16, report.Users.Count);
    }
}
