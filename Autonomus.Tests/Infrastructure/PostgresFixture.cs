using Autonomus.Core.Tenancy;
using Autonomus.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Autonomus.Tests.Infrastructure;

/// <summary>A fresh copy of the seeded demo database for one test class, and the Core services over it as the runtime role.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public TestDb Db { get; private set; } = default!;

    public static readonly Guid Andes = DemoTenants.Andes.Id;
    public static readonly Guid Northwind = DemoTenants.Northwind.Id;

    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync(GetType().Name);

    public async Task DisposeAsync() => await Db.DisposeAsync();

    /// <summary>Core and Data services as a demo user of the seeded data uses them: their tenant, id, role and team.</summary>
    public async Task<ServiceProvider> ServicesAsAsync(string email, TimeProvider? clock = null)
    {
        await using var conn = new NpgsqlConnection(Db.OwnerConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT u.tenant_id, u.id, r.name, u.team FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id WHERE u.email = @e", conn);
        cmd.Parameters.AddWithValue("e", email);
        await using var row = await cmd.ExecuteReaderAsync();
        if (!await row.ReadAsync()) throw new InvalidOperationException($"No user {email}");
        return Services(row.GetGuid(0), row.GetGuid(1), clock, [row.GetString(2)], row.GetString(3));
    }

    /// <summary>Core and Data services as the app uses them, for one tenant (or none); no user means the system itself.</summary>
    /// <param name="configure">Last changes to the services (a test's own SMTP server, for example).</param>
    public ServiceProvider Services(Guid? tenantId, Guid? userId = null, TimeProvider? clock = null, string[]? roles = null, string team = "",
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCore();
        services.AddSingleton(new Autonomus.Core.Ledger.LedgerKeyRing([Convert.FromBase64String(TestDatabase.LedgerKey)]));
        if (clock is not null) services.AddSingleton(clock);
        services.AddSingleton<ITenantContext>(new FixedTenantContext(tenantId, userId, roles, team));
        services.AddIdentityCore<AppUser>(o => o.Password.RequiredLength = 12)
            .AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<Autonomus.Data.AutonomusDbContext>();
        services.AddData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Autonomus"] = Db.AppConnection })
            .Build());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>A scalar straight from SQL as the owner, to check what was really written.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new NpgsqlConnection(Db.OwnerConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var result = await cmd.ExecuteScalarAsync();
        return result is T typed ? typed : (T)Convert.ChangeType(result!, typeof(T));
    }

    /// <summary>The user's authenticator key, as an authenticator app would hold it (stored encrypted; decrypted as the app does).</summary>
    public async Task<string> AuthenticatorKeyAsync(string email)
    {
        var stored = await ScalarAsync<string>(
            "SELECT t.value FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = @e AND t.name = 'AuthenticatorKey'", ("e", email));
        return stored.StartsWith(Autonomus.Data.Tenancy.TenantUserStore.ProtectedPrefix)
            ? TestDataProtection.Protector.Unprotect(stored[Autonomus.Data.Tenancy.TenantUserStore.ProtectedPrefix.Length..])
            : stored;
    }

    public Task<Guid> UserIdAsync(string email) => ScalarAsync<Guid>("SELECT id FROM users WHERE email = @e", ("e", email));
}
