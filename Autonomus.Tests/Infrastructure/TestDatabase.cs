using System.Security.Cryptography;
using System.Text;
using Autonomus.Core.Tenancy;
using Autonomus.Data;
using Autonomus.Data.Database;
using Autonomus.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Autonomus.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the tests run against (started by <c>./dev test</c>). A template database is migrated
/// and seeded with the demo data once per cluster; every test class then gets its own copy, cloned in well
/// under a second, so tests never see each other's writes.
/// </summary>
public static class TestDatabase
{
    public const string AdminConnectionVariable = "AUTONOMUS_TEST_ADMIN_CONNECTION";
    public const string OwnerRole = "autonomus_test_owner";
    public const string AppRole = "autonomus_test_app";
    // Named after the data layer's build: a changed migration or seeder gets a fresh template even on a long-lived cluster.
    private static readonly string TemplateName =
        "autonomus_test_template_" + typeof(AutonomusDbContext).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _templateReady;

    public static string AdminConnection => Environment.GetEnvironmentVariable(AdminConnectionVariable) is { Length: > 0 } c
        ? c
        : throw new InvalidOperationException(
            $"These tests need PostgreSQL: run them with ./dev test, which starts one, or set {AdminConnectionVariable} to a superuser connection string.");

    /// <summary>Role and demo passwords derived from the throwaway cluster's own secret: both test processes agree without sharing a file.</summary>
    private static string Derived(string purpose) =>
        "T" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + AdminConnection)))[..20].ToLowerInvariant() + "!";

    public static string DemoPassword => Derived("demo");

    /// <summary>The ledger's key in tests (base64 of 32 bytes), derived like the passwords.</summary>
    public static string LedgerKey => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("ledger" + AdminConnection)));

    public static async Task<TestDb> CreateAsync(string label)
    {
        await EnsureTemplateAsync();
        var name = $"t_{Sanitize(label)}_{Guid.NewGuid():N}"; // at most 55 characters: PostgreSQL allows 63
        await Gate.WaitAsync();
        try
        {
            await ExecuteAsync(AdminConnection,
                $"CREATE DATABASE {name} TEMPLATE {TemplateName} OWNER {OwnerRole}",
                $"GRANT CONNECT ON DATABASE {name} TO {AppRole}");
        }
        finally { Gate.Release(); }
        return new TestDb(name, Connection(name, OwnerRole, Derived("owner")), Connection(name, AppRole, Derived("app")));
    }

    public static Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteAsync(AdminConnection, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync()
    {
        if (_templateReady) return;
        await Gate.WaitAsync();
        try
        {
            if (_templateReady) return;
            await using var admin = new NpgsqlConnection(AdminConnection);
            await admin.OpenAsync();
            // Both test projects may start at once: one builds the template, the other waits for it.
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock(424242)", admin)) await lockCmd.ExecuteNonQueryAsync();
            try
            {
                await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{TemplateName}'", admin);
                if (await exists.ExecuteScalarAsync() is null) await BuildTemplateAsync();
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(424242)", admin);
                await unlock.ExecuteNonQueryAsync();
            }
            _templateReady = true;
        }
        finally { Gate.Release(); }
    }

    private static async Task BuildTemplateAsync()
    {
        await ExecuteAsync(AdminConnection,
            $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN; END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AppRole}') THEN CREATE ROLE {AppRole} LOGIN NOBYPASSRLS; END IF;
            END $$
            """,
            $"ALTER ROLE {OwnerRole} PASSWORD '{Derived("owner")}'",
            $"ALTER ROLE {AppRole} PASSWORD '{Derived("app")}'",
            $"DROP DATABASE IF EXISTS {TemplateName}_build WITH (FORCE)",
            $"CREATE DATABASE {TemplateName}_build OWNER {OwnerRole}");
        var owner = Connection($"{TemplateName}_build", OwnerRole, Derived("owner"));
        await new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).MigrateAsync(owner, AppRole,
            Autonomus.Core.Alerts.AlertSignature.KeyFor(new Autonomus.Core.Ledger.LedgerKeyRing([Convert.FromBase64String(LedgerKey)])));
        await SeedAsync(owner);
        NpgsqlConnection.ClearAllPools();
        // Renamed only when complete, so a half-built template is never cloned.
        await ExecuteAsync(AdminConnection, $"ALTER DATABASE {TemplateName}_build RENAME TO {TemplateName}");
    }

    public static async Task<SeedReport> SeedAsync(string ownerConnection)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITenantContext>(new FixedTenantContext(null));
        services.AddData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionName}"] = ownerConnection })
            .Build());
        services.AddSingleton(TestDataProtection.Protector);
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<AutonomusDbContext>().AddTenantUserStore();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(DemoPassword);
    }

    private static string Connection(string database, string user, string password)
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnection);
        return new NpgsqlConnectionStringBuilder
        {
            Host = admin.Host, Port = admin.Port, Database = database, Username = user, Password = password,
            IncludeErrorDetail = true, MaxPoolSize = 20,
        }.ConnectionString;
    }

    /// <summary>One command per statement: CREATE/DROP DATABASE refuse to run inside a multi-statement batch.</summary>
    private static async Task ExecuteAsync(string connection, params string[] statements)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static string Sanitize(string label) =>
        new string(label.ToLowerInvariant().Where(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)).ToArray()) is { Length: > 0 } s ? s[..Math.Min(s.Length, 20)] : "db";
}

/// <summary>One test class's database: the owner connection (schema, assertions) and the runtime role's (the app's view).</summary>
public sealed record TestDb(string Name, string OwnerConnection, string AppConnection) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(TestDatabase.DropAsync(Name));
}
