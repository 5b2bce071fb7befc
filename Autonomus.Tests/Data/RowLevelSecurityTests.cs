using Autonomus.Core.Crm.Leads;
using Autonomus.Core.Common;
using Autonomus.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.Data;

/// <summary>Tenant isolation enforced by PostgreSQL itself, for the runtime role, whatever SQL it runs.</summary>
public sealed class RowLevelSecurityTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private async Task<long> CountAsRuntimeRoleAsync(string sql, Guid? tenant)
    {
        await using var conn = new NpgsqlConnection(pg.Db.AppConnection);
        await conn.OpenAsync();
        if (tenant is { } t)
        {
            await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", conn);
            set.Parameters.AddWithValue("t", t.ToString());
            await set.ExecuteNonQueryAsync();
        }
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("leads", 2_000)]
    [InlineData("accounts", 400)]
    [InlineData("contacts", 900)]
    [InlineData("deals", 500)]
    [InlineData("activities", 10_000)]
    public async Task RawSqlWithoutAnyFilterSeesOnlyTheCurrentTenant(string table, long expected)
    {
        Assert.Equal(expected, await CountAsRuntimeRoleAsync($"SELECT count(*) FROM {table}", PostgresFixture.Andes));
        Assert.Equal(0, await CountAsRuntimeRoleAsync($"SELECT count(*) FROM {table} WHERE tenant_id = '{PostgresFixture.Northwind}'", PostgresFixture.Andes));
    }

    [Theory]
    [InlineData("leads")]
    [InlineData("deals")]
    [InlineData("deal_stage_changes")]
    [InlineData("activities")]
    public async Task WithNoTenantSetTenantTablesReadAsEmpty(string table) =>
        Assert.Equal(0, await CountAsRuntimeRoleAsync($"SELECT count(*) FROM {table}", tenant: null));

    [Fact]
    public async Task UsersOfAnotherTenantAreInvisibleAndNoneWithoutATenant()
    {
        Assert.Equal(8, await CountAsRuntimeRoleAsync("SELECT count(*) FROM users", PostgresFixture.Northwind));
        // Sign-in learns the tenant through auth_tenant_of_login, which returns a tenant id and nothing else.
        Assert.Equal(0, await CountAsRuntimeRoleAsync("SELECT count(*) FROM users", tenant: null));
    }

    [Fact]
    public async Task WritingARowForAnotherTenantIsRefusedByTheDatabase()
    {
        await using var conn = new NpgsqlConnection(pg.Db.AppConnection);
        await conn.OpenAsync();
        await using var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{PostgresFixture.Andes}', false)", conn);
        await set.ExecuteNonQueryAsync();
        await using var move = new NpgsqlCommand($"UPDATE leads SET tenant_id = '{PostgresFixture.Northwind}' WHERE id = (SELECT id FROM leads LIMIT 1)", conn);
        var e = await Assert.ThrowsAsync<PostgresException>(() => move.ExecuteNonQueryAsync());
        Assert.Equal("42501", e.SqlState); // new row violates row-level security policy
    }

    [Fact]
    public async Task APooledConnectionNeverCarriesThePreviousTenant()
    {
        // Same pool, alternating tenants: each EF operation sets its own tenant when it opens the connection.
        for (var i = 0; i < 3; i++)
        {
            await using (var andes = pg.Services(PostgresFixture.Andes))
                Assert.Equal(2_000, (await andes.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(), new PageRequest(0, 1))).TotalCount);
            await using (var none = pg.Services(tenantId: null))
                Assert.Equal(0, (await none.GetRequiredService<LeadQueries>().ListAsync(new LeadListFilter(), new PageRequest(0, 1))).TotalCount);
        }
    }
}
