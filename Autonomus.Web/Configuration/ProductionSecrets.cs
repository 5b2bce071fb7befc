using Npgsql;

namespace Microsoft.AspNetCore.Builder;

public static class ProductionSecrets
{
    /// <summary>Keys that must outlive the process and be shared by every node: generated into these folders when empty.</summary>
    private static readonly (string Setting, string What)[] KeyFolders =
    [
        ("Autonomus:Jwt:KeysPath", "access-token signing keys"),
        // Authenticator keys are encrypted with this ring: a node without it could not check anyone's second factor.
        ("Autonomus:DataProtection:KeysPath", "data-protection key ring"),
    ];

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
        if (string.IsNullOrWhiteSpace(builder.Configuration[LedgerKeys.FolderSetting]) && string.IsNullOrWhiteSpace(builder.Configuration[LedgerKeys.KeySetting]))
            throw new InvalidOperationException(
                $"Refusing to start in {builder.Environment.EnvironmentName}: set {LedgerKeys.FolderSetting.Replace(":", "__")} (a folder) or {LedgerKeys.KeySetting.Replace(":", "__")} for the ledger's key (outside the database; ./dev up uses .data/ledger).");
        foreach (var (setting, what) in KeyFolders)
            if (string.IsNullOrWhiteSpace(builder.Configuration[setting]))
                throw new InvalidOperationException(
                    $"Refusing to start in {builder.Environment.EnvironmentName}: set {setting.Replace(":", "__")} to a folder for the {what} (outside the repository and the database; ./dev up uses .data/).");
    }
}
