using Microsoft.Extensions.DependencyInjection;
using Autonomus.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Autonomus.Data.Database;

/// <summary>
/// Applies the EF migrations as the owner role and grants the runtime role what the app needs and no more:
/// data access on the tables, never ownership (so that row-level security applies to it).
/// </summary>
public sealed class DatabaseMigrator(ILogger<DatabaseMigrator> logger)
{
    /// <param name="alertKey">The key alert_notify signs alerts with (<c>AlertSignature.KeyFor</c>): kept where only the owner reads it.</param>
    public async Task MigrateAsync(string ownerConnectionString, string runtimeRole, byte[] alertKey, CancellationToken ct = default)
    {
        if (!IsIdentifier(runtimeRole)) throw new ArgumentException($"'{runtimeRole}' is not a valid role name.", nameof(runtimeRole));

        var options = new DbContextOptionsBuilder<AutonomusDbContext>();
        DataServiceCollectionExtensions.ConfigureOptions(options, ownerConnectionString);
        await using (var db = new AutonomusDbContext(options.Options, new FixedTenantContext(null), TimeProvider.System))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            logger.LogInformation("Applying {Count} pending migrations", pending.Count);
            await db.Database.MigrateAsync(ct);
        }

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await QuartzSchema.CreateIfMissingAsync(connection, ct);
        var sql = $"""
            GRANT USAGE ON SCHEMA public TO {runtimeRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {runtimeRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {runtimeRole};
            REVOKE ALL ON TABLE "__EFMigrationsHistory" FROM {runtimeRole};
            GRANT SELECT ON TABLE "__EFMigrationsHistory" TO {runtimeRole};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE ledger_entries FROM {runtimeRole};
            GRANT EXECUTE ON FUNCTION ledger_append(uuid, jsonb) TO {runtimeRole};
            REVOKE UPDATE, DELETE, TRUNCATE ON TABLE ledger_checkpoints FROM {runtimeRole};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE roles, role_claims FROM {runtimeRole};
            REVOKE INSERT, DELETE, TRUNCATE ON TABLE tenants FROM {runtimeRole};
            GRANT EXECUTE ON FUNCTION auth_tenant_of_login(text), auth_tenant_of_user(uuid), app_tenant_ids() TO {runtimeRole};
            REVOKE ALL ON TABLE alert_secret FROM {runtimeRole};
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE change_events, change_snapshots FROM {runtimeRole};
            GRANT UPDATE (position) ON TABLE change_events TO {runtimeRole};
            -- Partitions are reached through their parent (its grants and row-level security): no rights on them directly.
            SELECT revoke_partition_grants(c.relname::text) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent IN ('change_events'::regclass, 'ledger_entries'::regclass);
            GRANT EXECUTE ON FUNCTION alert_notify(jsonb) TO {runtimeRole};
            -- A privacy erasure's reach (the current tenant's only; each redacted entry must be named by the erasure's own entry).
            GRANT EXECUTE ON FUNCTION ledger_redact(uuid, uuid[], uuid[], text[]), erase_change_events(uuid, uuid[], text[]) TO {runtimeRole};
            GRANT EXECUTE ON FUNCTION ensure_month_partitions(text, integer) TO {runtimeRole};
            INSERT INTO alert_secret (id, key) VALUES (1, @alertKey) ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key;
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("alertKey", alertKey);
        await command.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Granted data access to the runtime role {Role}", runtimeRole);
    }

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]);
}
