using Autonomus.Core.Tenancy;
using Autonomus.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Autonomus.Tests.Autonomy;

/// <summary>
/// The fixture's services (Core and Data over the runtime role), with room for extra registrations: a test
/// adds a tool of its own to the catalogue this way.
/// </summary>
public static class AutonomyServices
{
    public static async Task<ServiceProvider> ServicesWithAsync(this PostgresFixture pg, string email, TimeProvider? clock, Action<IServiceCollection> extra)
    {
        var row = (await pg.RowsAsync(
            "SELECT u.tenant_id, u.id, r.name AS role, u.team FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id WHERE u.email = @e",
            ("e", email))).Single();
        var actor = new FixedTenantContext((Guid)row["tenant_id"]!, (Guid)row["id"]!, [(string)row["role"]!], (string)row["team"]!);
        return pg.ServicesWith(actor, clock, extra);
    }

    /// <summary>As <paramref name="email"/>, with the ledger signed by <paramref name="keys"/> (a rotation test's ring).</summary>
    public static Task<ServiceProvider> ServicesWithKeysAsync(this PostgresFixture pg, string email, Autonomus.Core.Ledger.LedgerKeyRing keys) =>
        pg.ServicesWithAsync(email, null, s => s.AddSingleton(keys));

    public static ServiceProvider ServicesWith(this PostgresFixture pg, ITenantContext actor, TimeProvider? clock, Action<IServiceCollection> extra)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCore();
        services.AddSingleton(new Autonomus.Core.Ledger.LedgerKeyRing([Convert.FromBase64String(TestDatabase.LedgerKey)]));
        if (clock is not null) services.AddSingleton(clock);
        services.AddSingleton(actor);
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<Autonomus.Data.AutonomusDbContext>();
        services.AddData(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Autonomus"] = pg.Db.AppConnection })
            .Build());
        extra(services);
        return services.BuildServiceProvider();
    }
}
