using Autonomus.Core.Ledger;

namespace Microsoft.Extensions.DependencyInjection;

public static class LedgerKeys
{
    public const string FolderSetting = "Autonomus:Ledger:KeysPath";
    public const string KeySetting = "Autonomus:Ledger:Key";

    /// <summary>
    /// The ledger's key ring, from outside the database: a folder of key files (<c>Autonomus:Ledger:KeysPath</c>;
    /// ./dev up uses .data/ledger) or one base64 key from the environment (<c>Autonomus__Ledger__Key</c>). Development
    /// without either gets a key that dies with the process; other environments refuse to start (ProductionSecrets).
    /// </summary>
    public static IServiceCollection AddLedgerKeys(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        LedgerKeyRing ring;
        if (configuration[FolderSetting] is { Length: > 0 } folder) ring = LedgerKeyRing.FromFolder(folder);
        else if (configuration[KeySetting] is { Length: > 0 } key) ring = new LedgerKeyRing([Convert.FromBase64String(key)]);
        else if (environment.IsDevelopment()) ring = LedgerKeyRing.Ephemeral();
        else throw new InvalidOperationException($"Set {FolderSetting} or {KeySetting}: the ledger's key lives outside the database.");
        return services.AddSingleton(ring);
    }
}
