using Npgsql;

namespace Microsoft.AspNetCore.Builder;

public static class ProductionSecrets
{
    private static readonly string[] KnownDefaults = ["", "postgres", "password", "changeme", "secret", "admin", "autonomus"];

    /// <summary>
    /// Outside Development the app refuses to start with a missing or well-known database password: secrets
    /// come from the environment, and a default one is as good as none.
    /// </summary>
    public static void RequireRealSecrets(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return;
        var connection = builder.Configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionName) ?? "";
        var password = new NpgsqlConnectionStringBuilder(connection).Password ?? "";
        if (KnownDefaults.Contains(password, StringComparer.OrdinalIgnoreCase) || password.Length < 12)
            throw new InvalidOperationException(
                $"Refusing to start in {builder.Environment.EnvironmentName}: the database password in ConnectionStrings__{DataServiceCollectionExtensions.ConnectionName} is missing, too short or a known default. Set a generated one in the environment.");
    }
}
