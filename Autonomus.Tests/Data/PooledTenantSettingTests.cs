using Autonomus.Core.Crm;
using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Autonomus.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autonomus.Tests.Data;

/// <summary>
/// Pooled connections are reused without Npgsql's reset, so the tenant must be set again on every reuse, and again
/// after a transaction that ended without a commit took the setting with it. A pool of one connection makes each
/// context below reuse the same server session.
/// </summary>
public sealed class PooledTenantSettingTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private AutonomusDbContext Context(Guid? tenant)
    {
        var connection = new NpgsqlConnectionStringBuilder(pg.Db.AppConnection) { MaxPoolSize = 1, ApplicationName = "pooled-tenant-test" }.ConnectionString;
        var options = new DbContextOptionsBuilder<AutonomusDbContext>();
        Microsoft.Extensions.DependencyInjection.DataServiceCollectionExtensions.ConfigureOptions(options, connection);
        return new AutonomusDbContext(options.Options, new FixedTenantContext(tenant), TimeProvider.System);
    }

    [Fact]
    public async Task AReusedConnectionSeesTheNewContextsTenantOrNone()
    {
        await using (var andes = Context(PostgresFixture.Andes))
            Assert.Equal(2_000, await andes.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM leads").SingleAsync());
        await using (var northwind = Context(PostgresFixture.Northwind))
            Assert.Equal(0, await northwind.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM leads WHERE tenant_id = {PostgresFixture.Andes}").SingleAsync());
        await using (var nobody = Context(null))
            Assert.Equal(0, await nobody.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM leads").SingleAsync());
    }

    [Fact]
    public async Task ATransactionDisposedWithoutCommitDoesNotLeaveThePreviousTenantBehind()
    {
        await using (var andes = Context(PostgresFixture.Andes))
            Assert.Equal(2_000, await andes.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM leads").SingleAsync());

        await using var northwind = Context(PostgresFixture.Northwind);
        // Held open by hand, the connection outlives the transaction (EF would otherwise close it with the transaction).
        await northwind.Database.OpenConnectionAsync();
        await using (var tx = await northwind.Database.BeginTransactionAsync())
        {
            // The tenant is set inside this transaction; disposing it uncommitted rolls the setting back to Andes'.
            Assert.Equal(0, await northwind.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM leads WHERE tenant_id = {PostgresFixture.Andes}").SingleAsync());
        }
        Assert.Equal(0, await northwind.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM leads WHERE tenant_id = {PostgresFixture.Andes}").SingleAsync());
        Assert.True(await northwind.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM leads").SingleAsync() > 0);
    }

    [Fact]
    public async Task AFailedStatementThatTookTheSettingWithItIsFollowedByTheRightTenant()
    {
        await using (var andes = Context(PostgresFixture.Andes))
            Assert.Equal(2_000, await andes.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM leads").SingleAsync());

        await using var northwind = Context(PostgresFixture.Northwind);
        await northwind.Database.OpenConnectionAsync(); // kept open: EF would otherwise reopen it (and set the tenant) anyway
        // The setting travels with this statement; its failure aborts both, leaving the session as Andes left it.
        await Assert.ThrowsAsync<PostgresException>(() => northwind.Database.SqlQueryRaw<long>("SELECT 1 / 0 AS \"Value\"").SingleAsync());
        Assert.Equal(0, await northwind.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM leads WHERE tenant_id = {PostgresFixture.Andes}").SingleAsync());
        Assert.True(await northwind.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM leads").SingleAsync() > 0);
    }
}
