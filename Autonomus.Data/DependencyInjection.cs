using Autonomus.Core.Crm;
using Autonomus.Data;
using Autonomus.Data.Database;
using Autonomus.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class DataServiceCollectionExtensions
{
    /// <summary>The connection string the app runs with (the non-owner runtime role).</summary>
    public const string ConnectionName = "Autonomus";

    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                $"No database is configured: set ConnectionStrings__{ConnectionName} (./dev up does this for you).");

        // Scoped factory: each operation gets its own short-lived context that still sees the scope's tenant.
        services.AddDbContextFactory<AutonomusDbContext>(o => ConfigureOptions(o, connectionString), ServiceLifetime.Scoped);
        services.AddScoped<ICrmDbFactory, CrmDbFactory>();
        services.AddScoped<Autonomus.Core.Tenancy.ITenantDirectory, Autonomus.Data.Tenancy.TenantDirectory>();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<DemoSeeder>();
        // Each agent's detectors live in its folder (Agents/<Agent>/): found here, so adding one needs no line elsewhere.
        foreach (var detector in Autonomus.Core.Agents.AgentCatalogue.Implementations<Autonomus.Core.Triggers.ITriggerDetector>(typeof(DataServiceCollectionExtensions).Assembly))
            services.AddSingleton(typeof(Autonomus.Core.Triggers.ITriggerDetector), detector);
        return services;
    }

    /// <summary>
    /// Identity's store under row-level security, with secrets protected (<see cref="Autonomus.Data.Tenancy.TenantUserStore"/>).
    /// The host provides an <see cref="Autonomus.Data.Tenancy.IAuthenticatorKeyProtector"/>.
    /// </summary>
    public static Microsoft.AspNetCore.Identity.IdentityBuilder AddTenantUserStore(this Microsoft.AspNetCore.Identity.IdentityBuilder identity)
    {
        identity.Services.Replace(ServiceDescriptor.Scoped<Microsoft.AspNetCore.Identity.IUserStore<Autonomus.Core.Tenancy.AppUser>, Autonomus.Data.Tenancy.TenantUserStore>());
        identity.Services.AddScoped<Autonomus.Data.Tenancy.IdentitySecretsUpgrade>();
        return identity;
    }

    public static void ConfigureOptions(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(Tuned(connectionString), npgsql => npgsql.MigrationsAssembly(typeof(AutonomusDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// How the app's contexts use their pooled connections. No DISCARD ALL on reuse: the tenant interceptor sets the
    /// tenant (or none) before the first command after every open, which is the only session state the app relies
    /// on, and the reset would cost every operation a statement and a transaction of its own. Statements run often
    /// (detectors every minute, the queue's pages, the apply path) are prepared automatically after a few uses, and
    /// stay prepared on the connection since nothing resets it.
    /// </summary>
    public static string Tuned(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 50 }.ConnectionString;
}
