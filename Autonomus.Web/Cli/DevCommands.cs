using Autonomus.Data.Database;
using Autonomus.Data.Seeding;

namespace Autonomus.Web.Cli;

/// <summary>
/// One-off commands the dev script runs with the app's own configuration: <c>migrate [--seed] [--size large]</c>.
/// They run as the owner role (ConnectionStrings:AutonomusOwner): only the owner may change the schema.
/// </summary>
public static class DevCommands
{
    public const string OwnerConnectionName = "AutonomusOwner";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "migrate";

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
            var runtimeRole = config["Autonomus:Database:RuntimeRole"] ?? "autonomus_app";
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(OwnerConnection(config), runtimeRole);
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
            return 0;
        }
        catch (Exception e)
        {
            logger.LogError(e, "The database command failed: {Reason}", e.Message);
            return 1;
        }
    }

    private static string OwnerConnection(IConfiguration config) =>
        config.GetConnectionString(OwnerConnectionName) is { Length: > 0 } owner
            ? owner
            : throw new InvalidOperationException($"Set ConnectionStrings__{OwnerConnectionName} (the owner role) to run database commands.");
}
