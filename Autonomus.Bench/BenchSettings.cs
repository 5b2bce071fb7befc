using Npgsql;

namespace Autonomus.Bench;

/// <summary>
/// Where the benchmarks run, from the environment <c>./dev bench</c> sets: a superuser connection to the cluster
/// (to drop and recreate the bench database and read its statistics), and the owner and runtime roles.
/// </summary>
public sealed record BenchSettings(string AdminConnection, string OwnerConnection, string AppConnection, string AppRole)
{
    public const string Database = "autonomus_bench";

    public static BenchSettings FromEnvironment()
    {
        static string Need(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is not set; run the benchmarks with ./dev bench.");

        var admin = new NpgsqlConnectionStringBuilder(Need("AUTONOMUS_BENCH_ADMIN_CONNECTION")) { Database = "postgres" };
        string For(string user, string password) => new NpgsqlConnectionStringBuilder
        {
            Host = admin.Host, Port = admin.Port, Database = Database, Username = user, Password = password,
            // The app's pool size; no statement timeout: the in-memory baseline reads a million rows.
            MaxPoolSize = 20, IncludeErrorDetail = true, CommandTimeout = 600,
        }.ConnectionString;

        var appRole = Need("AUTONOMUS_BENCH_APP_ROLE");
        return new BenchSettings(admin.ConnectionString,
            For(Need("AUTONOMUS_BENCH_OWNER_ROLE"), Need("AUTONOMUS_BENCH_OWNER_PASSWORD")),
            For(appRole, Need("AUTONOMUS_BENCH_APP_PASSWORD")),
            appRole);
    }

    public string OwnerRole => new NpgsqlConnectionStringBuilder(OwnerConnection).Username!;
}
