using System.Diagnostics;
using System.Security.Cryptography;
using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Autonomus.Data.Database;
using Autonomus.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// The bench database: dropped and recreated on every run, migrated by the product's migrator as the owner
/// and seeded by the product's seeder with the large size (one million extra leads for Andes), as
/// <c>./dev up --size large</c> does; then vacuumed so that autovacuum does not start in the middle of a measurement.
/// </summary>
public static class BenchDatabase
{
    public static async Task CreateAsync(BenchSettings s)
    {
        await CheckDurabilityAsync(s);
        var watch = Stopwatch.StartNew();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(s.AdminConnection,
            $"DROP DATABASE IF EXISTS {BenchSettings.Database} WITH (FORCE)",
            $"CREATE DATABASE {BenchSettings.Database} OWNER {s.OwnerRole}",
            $"GRANT CONNECT ON DATABASE {BenchSettings.Database} TO {s.AppRole}");
        await new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(s.OwnerConnection, s.AppRole, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Console.WriteLine($"    created and migrated {BenchSettings.Database} in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        await SeedAsync(s.OwnerConnection);
        Console.WriteLine($"    seeded the demo tenants and {DemoSeeder.LargeLeadCount:N0} extra Andes leads in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        // A freshly loaded table is what autovacuum goes for first; vacuum it now, outside every measurement.
        await ExecuteAsync(s.OwnerConnection, "VACUUM (ANALYZE)");
        Console.WriteLine($"    vacuumed and analysed in {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Commit costs are only meaningful on a cluster that really flushes: refuse the test cluster's settings.</summary>
    private static async Task CheckDurabilityAsync(BenchSettings s)
    {
        await using var conn = new NpgsqlConnection(s.AdminConnection);
        await conn.OpenAsync();
        var settings = new Dictionary<string, string>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'server_version', 'shared_buffers', 'wal_sync_method')", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) settings[reader.GetString(0)] = reader.GetString(1);
        Console.WriteLine($"    PostgreSQL {settings["server_version"]}: fsync={settings["fsync"]}, synchronous_commit={settings["synchronous_commit"]}, " +
                          $"full_page_writes={settings["full_page_writes"]}, wal_sync_method={settings["wal_sync_method"]}, shared_buffers={settings["shared_buffers"]}×8kB");
        if (settings["fsync"] != "on" || settings["synchronous_commit"] != "on")
            throw new InvalidOperationException("The benchmarks quote commit costs: run them on a cluster with fsync=on and synchronous_commit=on (./dev up's cluster, never the test cluster).");
    }

    private static async Task SeedAsync(string ownerConnection)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITenantContext>(new FixedTenantContext(null));
        services.AddData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionName}"] = ownerConnection })
            .Build());
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<AutonomusDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        // Nobody signs in to the bench database: a throwaway password that satisfies Identity's default rules.
        var password = "Bench-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "-x1";
        var report = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(password, large: true);
        if (!report.Seeded) throw new InvalidOperationException("The bench database was not empty before seeding.");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new, empty organisation for a benchmark that must see only its own rows.</summary>
    public static async Task<Guid> CreateTenantAsync(BenchSettings s, string slug)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(s.OwnerConnection, $"INSERT INTO tenants (id, name, slug, created_at) VALUES ('{id}', 'Bench {slug}', '{slug}', now())");
        return id;
    }

    /// <summary>One command per statement: CREATE/DROP DATABASE and VACUUM refuse to run inside a batch.</summary>
    public static async Task ExecuteAsync(string connection, params string[] statements)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync();
        }
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var result = await cmd.ExecuteScalarAsync();
        return result is T typed ? typed : (T)Convert.ChangeType(result!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A connection as the runtime role, told its tenant the way the app's connection interceptor does it.</summary>
    public static async Task<NpgsqlConnection> OpenAppConnectionAsync(BenchSettings s, Guid tenantId)
    {
        // Tuned as the app's own connections are (auto-prepared statements, no reset on reuse): both sides of every
        // comparison run on this same connection.
        var conn = new NpgsqlConnection(Microsoft.Extensions.DependencyInjection.DataServiceCollectionExtensions.Tuned(s.AppConnection));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT set_config('{RowLevelSecurity.TenantSetting}', @tenant, false)", conn);
        cmd.Parameters.AddWithValue("tenant", tenantId.ToString());
        await cmd.ExecuteNonQueryAsync();
        return conn;
    }
}

/// <summary>Core and Data services over the bench database as the app composes them (and as the tests' PostgresFixture.Services does).</summary>
public static class BenchServices
{
    /// <param name="displayName">The user's name, as the app's signed-in context carries it from the user's claims.</param>
    /// <param name="connection">The runtime role's connection unless given: the owner's, for a baseline the runtime role may no longer run.</param>
    public static ServiceProvider As(BenchSettings s, Guid? tenantId, Guid? userId = null, string[]? roles = null, string team = "", string? displayName = null,
        string? connection = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCore();
        services.AddSingleton(Autonomus.Core.Ledger.LedgerKeyRing.Ephemeral());
        services.AddSingleton<ITenantContext>(new FixedTenantContext(tenantId, userId, roles, team, displayName));
        services.AddIdentityCore<AppUser>(o => o.Password.RequiredLength = 12)
            .AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<AutonomusDbContext>();
        services.AddData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionName}"] = connection ?? s.AppConnection })
            .Build());
        return services.BuildServiceProvider();
    }
}
