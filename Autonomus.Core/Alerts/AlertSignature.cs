using System.Security.Cryptography;
using System.Text;
using Autonomus.Core.Ledger;

namespace Autonomus.Core.Alerts;

/// <summary>
/// Alerts arrive over PostgreSQL NOTIFY, which any role can send. The database's <c>alert_notify</c> (the only way the
/// app announces one) signs each payload with a key only the owner can read, installed by the migrate command from the
/// app's key ring; the listener believes a payload only if it carries that signature: <c>{hex HMAC-SHA256}.{json}</c>.
/// </summary>
public static class AlertSignature
{
    public const string Purpose = "autonomus-alerts-v1";

    /// <summary>The key the migrate command installs (the ring's newest, derived for alerts).</summary>
    public static byte[] KeyFor(LedgerKeyRing keys) => keys.DeriveKeys(Purpose)[0];

    /// <summary>The alert's JSON when the payload is signed by one of the ring's keys, else null.</summary>
    public static string? Verify(string payload, LedgerKeyRing keys)
    {
        if (payload.Length < 66 || payload[64] != '.') return null;
        byte[] mac;
        try
        {
            mac = Convert.FromHexString(payload.AsSpan(0, 64));
        }
        catch (FormatException)
        {
            return null;
        }
        var json = payload[65..];
        var data = Encoding.UTF8.GetBytes(json);
        return keys.DeriveKeys(Purpose).Any(k => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(k, data), mac)) ? json : null;
    }
}
