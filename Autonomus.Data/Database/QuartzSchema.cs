using Npgsql;

namespace Autonomus.Data.Database;

/// <summary>
/// The scheduler's tables (qrtz_*), created by the owner at migration time from the DDL script Quartz embeds,
/// so the runtime role needs no DDL rights. The script only creates what is missing and never drops.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";
    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static async Task CreateIfMissingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(Resource)
                                 ?? throw new InvalidOperationException($"Quartz's schema script {Resource} is missing.");
        var script = (await new StreamReader(stream).ReadToEndAsync(ct)).Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);
        foreach (var statement in script.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries))
        {
            if (statement.Split('\n').All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith("--", StringComparison.Ordinal))) continue;
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
