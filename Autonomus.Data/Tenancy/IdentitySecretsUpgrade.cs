using Microsoft.Extensions.Logging;
using Npgsql;

namespace Autonomus.Data.Tenancy;

/// <summary>
/// Run by the migrate command as the owner: authenticator keys and recovery codes written before they were protected
/// are encrypted and hashed in place, so no database keeps a readable one.
/// </summary>
public sealed class IdentitySecretsUpgrade(IAuthenticatorKeyProtector protector, ILogger<IdentitySecretsUpgrade> logger)
{
    public async Task RunAsync(string ownerConnection, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        var rows = new List<(Guid User, string Name, string Value)>();
        await using (var read = new NpgsqlCommand(
            "SELECT user_id, name, value FROM user_tokens WHERE login_provider = '[AspNetUserStore]' AND name IN ('AuthenticatorKey', 'RecoveryCodes') AND value IS NOT NULL", connection))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));

        var upgraded = 0;
        foreach (var (user, name, value) in rows)
        {
            var next = name == "AuthenticatorKey"
                ? value.StartsWith(TenantUserStore.ProtectedPrefix, StringComparison.Ordinal) ? value : TenantUserStore.ProtectedPrefix + protector.Protect(value)
                : string.Join(';', value.Split(';', StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => c.StartsWith(TenantUserStore.HashedCodePrefix, StringComparison.Ordinal) ? c : TenantUserStore.HashCode(user, c)));
            if (next == value) continue;
            await using var write = new NpgsqlCommand(
                "UPDATE user_tokens SET value = @v WHERE user_id = @u AND login_provider = '[AspNetUserStore]' AND name = @n", connection);
            write.Parameters.AddWithValue("v", next);
            write.Parameters.AddWithValue("u", user);
            write.Parameters.AddWithValue("n", name);
            await write.ExecuteNonQueryAsync(ct);
            upgraded++;
        }
        if (upgraded > 0) logger.LogInformation("Protected {Count} stored authenticator keys and recovery-code sets", upgraded);
    }
}
