using System.Security.Cryptography;
using System.Text;

namespace Autonomus.Core.Common;

/// <summary>
/// A bearer secret that names its tenant: <c>{prefix}_{tenant}_{id}_{secret}</c> (API keys "ak", refresh tokens "rt").
/// The tenant and id let the server find the row under row-level security before anyone is signed in; only the
/// random secret is checked, by hash. The database keeps the hash, never the secret.
/// </summary>
public sealed record TenantScopedSecret(string Prefix, Guid TenantId, Guid Id, string Secret)
{
    public override string ToString() => $"{Prefix}_{TenantId:N}_{Id:N}_{Secret}";

    public static TenantScopedSecret New(string prefix, Guid tenantId) =>
        new(prefix, tenantId, Guid.CreateVersion7(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string prefix, string? text, out TenantScopedSecret key)
    {
        key = default!;
        if (text is null || text.Length > 200) return false;
        var parts = text.Split('_');
        if (parts.Length != 4 || parts[0] != prefix || parts[3].Length < 40 || parts[3].Length > 64) return false;
        if (!Guid.TryParseExact(parts[1], "N", out var t) || !Guid.TryParseExact(parts[2], "N", out var k)) return false;
        key = new TenantScopedSecret(prefix, t, k, parts[3]);
        return true;
    }

    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Secret));

    /// <summary>Constant-time comparison, so response time says nothing about how much of a guess was right.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(), storedHash);
}
