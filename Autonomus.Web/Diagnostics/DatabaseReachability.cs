using Autonomus.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Autonomus.Web.Diagnostics;

/// <summary>
/// Says plainly at start-up when the database cannot be reached, instead of failing on the first page.
/// The app keeps running: /health/ready reports unhealthy until the database answers.
/// </summary>
internal sealed class DatabaseReachability(IServiceScopeFactory scopes, ILogger<DatabaseReachability> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AutonomusDbContext>>().CreateDbContextAsync(cancellationToken);
        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
            logger.LogInformation("Database {Host}:{Port}/{Database} is reachable", target.Host, target.Port, target.Database);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogError("The database at {Host}:{Port}/{Database} cannot be reached: {Reason}. Start it (./dev up) or fix ConnectionStrings__Autonomus; /health/ready stays unhealthy until then",
                target.Host, target.Port, target.Database, e.Message);
        }
        finally
        {
            await db.DisposeAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
