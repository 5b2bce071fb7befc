using Autonomus.Data.Database;
using Autonomus.Data.Seeding;

namespace Autonomus.Web.Cli;

/// <summary>
/// One-off commands the dev script runs with the app's own configuration: <c>migrate [--seed] [--size large]</c>, and
/// <c>demo-accounts</c> (the demo users with their authenticator keys, decrypted with the data-protection key ring:
/// the database holds them encrypted). They run as the owner role (ConnectionStrings:AutonomusOwner).
/// </summary>
public static class DevCommands
{
    public const string OwnerConnectionName = "AutonomusOwner";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "demo-accounts";

    /// <summary>The commands' own data access (the seeder's users and rows) goes through the owner connection too.</summary>
    public static void UseOwnerConnection(WebApplicationBuilder builder) =>
        builder.Configuration[$"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionName}"] = OwnerConnection(builder.Configuration);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Autonomus.Cli");
        var config = app.Configuration;
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (args[0] == "demo-accounts") return await PrintDemoAccountsAsync(scope.ServiceProvider);
            var runtimeRole = config["Autonomus:Database:RuntimeRole"] ?? "autonomus_app";
            var alertKey = Autonomus.Core.Alerts.AlertSignature.KeyFor(scope.ServiceProvider.GetRequiredService<Autonomus.Core.Ledger.LedgerKeyRing>());
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(OwnerConnection(config), runtimeRole, alertKey);
            await scope.ServiceProvider.GetRequiredService<Autonomus.Data.Tenancy.IdentitySecretsUpgrade>().RunAsync(OwnerConnection(config));
            // Key folders get their first keys here, before any node starts (nodes starting together would each make one).
            _ = scope.ServiceProvider.GetRequiredService<Autonomus.Web.Authentication.JwtKeyRing>();
            if (!args.Contains("--seed")) return 0;

            var password = config["Autonomus:Seed:DemoPassword"];
            if (string.IsNullOrWhiteSpace(password))
            {
                logger.LogError("Seeding needs the demo password in Autonomus__Seed__DemoPassword");
                return 2;
            }
            var large = args.SkipWhile(a => a != "--size").Skip(1).FirstOrDefault() == "large";
            var report = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(password, large);
            logger.LogInformation(report.Seeded ? "Demo data seeded" : "Demo data was already there");
            if (report.Seeded) await DemoAutonomy.SeedAsync(app.Services, OwnerConnection(config), logger);
            return 0;
        }
        catch (Exception e)
        {
            logger.LogError(e, "The database command failed: {Reason}", e.Message);
            return 1;
        }
    }

    /// <summary>One line per demo user: email, role, authenticator key (tab-separated), for ./dev's sign-in help.</summary>
    private static async Task<int> PrintDemoAccountsAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Autonomus.Core.Tenancy.AppUser>>();
        foreach (var user in users.Users.Where(u => u.Email!.EndsWith(".demo")).OrderBy(u => u.Email).ToList())
            Console.WriteLine($"{user.Email}\t{(await users.GetRolesAsync(user)).FirstOrDefault()}\t{await users.GetAuthenticatorKeyAsync(user)}");
        return 0;
    }

    private static string OwnerConnection(IConfiguration config) =>
        config.GetConnectionString(OwnerConnectionName) is { Length: > 0 } owner
            ? owner
            : throw new InvalidOperationException($"Set ConnectionStrings__{OwnerConnectionName} (the owner role) to run database commands.");
}
