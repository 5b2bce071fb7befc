using Microsoft.EntityFrameworkCore.Migrations;

namespace Autonomus.Data.Database;

/// <summary>
/// Row-level security: the database itself keeps tenants apart, so a query that forgets the EF filter
/// (or raw SQL) still sees one tenant. The runtime role is subject to these policies; the owner, which
/// only migrates and seeds, is not.
/// </summary>
public static class RowLevelSecurity
{
    public const string TenantSetting = "app.tenant_id";

    /// <summary>
    /// The current tenant, or NULL when none is set (then no row matches). Wrapped in a scalar sub-select
    /// so PostgreSQL evaluates it once per statement (an InitPlan), not once per row.
    /// </summary>
    public const string CurrentTenant = $"(SELECT NULLIF(current_setting('{TenantSetting}', true), '')::uuid)";

    public static void EnableTenantIsolation(this MigrationBuilder migration, string table) =>
        migration.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON {table}
                USING (tenant_id = {CurrentTenant})
                WITH CHECK (tenant_id = {CurrentTenant});
            """);

    public static void DisableTenantIsolation(this MigrationBuilder migration, string table) =>
        migration.Sql($"""
            DROP POLICY IF EXISTS tenant_isolation ON {table};
            ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
            """);
}
