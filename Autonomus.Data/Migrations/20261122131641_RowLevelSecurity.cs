using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class RowLevelSecurity : Migration
    {
        private static readonly string[] TenantTables = ["accounts", "contacts", "leads", "deals", "deal_stage_changes", "activities"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in TenantTables) migrationBuilder.EnableTenantIsolation(table);

            // Users are looked up by email at sign-in, before any tenant is known; so with no tenant set the
            // runtime role sees user rows (to authenticate), and with a tenant set only that tenant's users.
            migrationBuilder.Sql($"""
                ALTER TABLE users ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON users
                    USING ({Database.RowLevelSecurity.CurrentTenant} IS NULL OR tenant_id = {Database.RowLevelSecurity.CurrentTenant})
                    WITH CHECK ({Database.RowLevelSecurity.CurrentTenant} IS NULL OR tenant_id = {Database.RowLevelSecurity.CurrentTenant});
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DisableTenantIsolation("users");
            foreach (var table in TenantTables) migrationBuilder.DisableTenantIsolation(table);
        }
    }
}
