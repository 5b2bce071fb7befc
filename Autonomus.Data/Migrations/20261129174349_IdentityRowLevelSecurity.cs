using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;
using Rls = Autonomus.Data.Database.RowLevelSecurity;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <summary>
    /// Identity data under row-level security: with no tenant set the runtime role reads no user, role assignment, claim,
    /// login, token or tenant row. Sign-in, before the tenant is known, asks three SECURITY DEFINER functions that return
    /// tenant ids and nothing else (Data/Tenancy/TenantDirectory). DatabaseMigrator grants EXECUTE on them to the runtime
    /// role only and takes its writes on the global roles table away.
    /// </summary>
    public partial class IdentityRowLevelSecurity : Migration
    {
        private static readonly string[] UserOwned = ["user_roles", "user_claims", "user_logins", "user_tokens"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Until now users were readable with no tenant set (sign-in looked them up by email): that ends here.
            migrationBuilder.Sql("DROP POLICY tenant_isolation ON users;");
            migrationBuilder.Sql($"CREATE POLICY tenant_isolation ON users USING (tenant_id = {Rls.CurrentTenant}) WITH CHECK (tenant_id = {Rls.CurrentTenant});");
            // A user's rows follow the user: visible exactly when the user is (users' own policy applies inside the sub-select).
            foreach (var table in UserOwned)
                migrationBuilder.Sql($"""
                    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                    CREATE POLICY user_in_tenant ON {table}
                        USING (EXISTS (SELECT 1 FROM users u WHERE u.id = {table}.user_id))
                        WITH CHECK (EXISTS (SELECT 1 FROM users u WHERE u.id = {table}.user_id));
                    """);
            migrationBuilder.Sql($"""
                ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own_tenant ON tenants USING (id = {Rls.CurrentTenant}) WITH CHECK (id = {Rls.CurrentTenant});

                CREATE FUNCTION auth_tenant_of_login(p_normalized text) RETURNS uuid
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                    SELECT tenant_id FROM users WHERE normalized_user_name = p_normalized OR normalized_email = p_normalized LIMIT 1
                $f$;
                CREATE FUNCTION auth_tenant_of_user(p_user uuid) RETURNS uuid
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                    SELECT tenant_id FROM users WHERE id = p_user
                $f$;
                CREATE FUNCTION app_tenant_ids() RETURNS SETOF uuid
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
                    SELECT id FROM tenants ORDER BY name
                $f$;
                REVOKE ALL ON FUNCTION auth_tenant_of_login(text) FROM PUBLIC;
                REVOKE ALL ON FUNCTION auth_tenant_of_user(uuid) FROM PUBLIC;
                REVOKE ALL ON FUNCTION app_tenant_ids() FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS auth_tenant_of_login(text);
                DROP FUNCTION IF EXISTS auth_tenant_of_user(uuid);
                DROP FUNCTION IF EXISTS app_tenant_ids();
                DROP POLICY IF EXISTS own_tenant ON tenants;
                ALTER TABLE tenants DISABLE ROW LEVEL SECURITY;
                """);
            foreach (var table in UserOwned)
                migrationBuilder.Sql($"DROP POLICY IF EXISTS user_in_tenant ON {table}; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql($"""
                DROP POLICY tenant_isolation ON users;
                CREATE POLICY tenant_isolation ON users
                    USING ({Rls.CurrentTenant} IS NULL OR tenant_id = {Rls.CurrentTenant})
                    WITH CHECK ({Rls.CurrentTenant} IS NULL OR tenant_id = {Rls.CurrentTenant});
                """);
        }
    }
}
