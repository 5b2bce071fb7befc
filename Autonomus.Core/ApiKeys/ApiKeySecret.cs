using System.Security.Cryptography;
using System.Text;

namespace Autonomus.Core.ApiKeys;

/// <summary>
/// The key's text: <c>ak_{tenant}_{key id}_{secret}</c>. The tenant and id let the server find the key
/// under row-level security before anyone is signed in; only the random secret is checked, by hash.
/// </summary>
public sealed record ApiKeySecret(Guid TenantId, Guid KeyId, string Secret)
{
    public override string ToString() => $"ak_{TenantId:N}_{KeyId:N}_{Secret}";

    public static ApiKeySecret New(Guid tenantId) =>
        new(tenantId, Guid.CreateVersion7(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string? text, out ApiKeySecret key)
    {
        key = default!;
        var parts = text?.Split('_');
        if (parts is not ["ak", var tenant, var id, var secret, ..] || parts.Length != 4 || secret.Length < 40 || secret.Length > 64) return false;
        if (!Guid.TryParseExact(tenant, "N", out var t) || !Guid.TryParseExact(id, "N", out var k)) return false;
        key = new ApiKeySecret(t, k, secret);
        return true;
    }

    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Secret));

    /// <summary>Constant-time comparison, so response time says nothing about how much of a guess was right.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(), storedHash);
}
