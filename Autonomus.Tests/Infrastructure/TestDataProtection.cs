using System.Security.Cryptography;
using System.Text;
using Autonomus.Data.Tenancy;
using Autonomus.Web.Tenancy;
using Microsoft.AspNetCore.DataProtection;

namespace Autonomus.Tests.Infrastructure;

/// <summary>
/// The data-protection key ring of a test run: one folder per throwaway cluster, shared by the test processes (unit and
/// browser) and the apps they start, as .data/keys is by ./dev up's seed and console. Authenticator keys are stored
/// encrypted with it; tests read them back the way the app does.
/// </summary>
public static class TestDataProtection
{
    private static readonly Lazy<IAuthenticatorKeyProtector> Shared = new(Create);

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "autonomus-test-keys-" +
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TestDatabase.AdminConnection)))[..12]);

    public static IAuthenticatorKeyProtector Protector => Shared.Value;

    private static IAuthenticatorKeyProtector Create()
    {
        Directory.CreateDirectory(Folder);
        // The first process to get here creates the ring's key; the lock keeps the other from creating a second one at the same time.
        using (var lockFile = Lock(Path.Combine(Folder, ".lock")))
        {
            var provider = DataProtectionProvider.Create(new DirectoryInfo(Folder), b => b.SetApplicationName("Autonomus"));
            provider.CreateProtector("warm-up").Protect("x");
        }
        return new AuthenticatorKeyProtector(DataProtectionProvider.Create(new DirectoryInfo(Folder), b => b.SetApplicationName("Autonomus")));
    }

    private static FileStream Lock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 200)
            {
                Thread.Sleep(50);
            }
        }
    }
}
