using System;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class AutonomyPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "autonomy_policies",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    confidence_floor = table.Column<decimal>(type: "numeric(4,3)", precision: 4, scale: 3, nullable: true),
                    max_per_hour = table.Column<int>(type: "integer", nullable: true),
                    max_per_day = table.Column<int>(type: "integer", nullable: true),
                    max_per_record_per_day = table.Column<int>(type: "integer", nullable: true),
                    quiet_from = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    quiet_to = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autonomy_policies", x => new { x.tenant_id, x.agent, x.action, x.version });
                    table.CheckConstraint("ck_autonomy_policies_caps", "coalesce(max_per_hour, 1) > 0 AND coalesce(max_per_day, 1) > 0 AND coalesce(max_per_record_per_day, 1) > 0");
                    table.CheckConstraint("ck_autonomy_policies_floor", "confidence_floor IS NULL OR confidence_floor BETWEEN 0 AND 1");
                    table.CheckConstraint("ck_autonomy_policies_quiet", "(quiet_from IS NULL) = (quiet_to IS NULL) AND (quiet_from IS NULL OR quiet_from <> quiet_to)");
                    table.CheckConstraint("ck_autonomy_policies_version", "version > 0");
                    table.ForeignKey(
                        name: "fk_autonomy_policies_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.EnableTenantIsolation("autonomy_policies");
            // Versions are only ever added: an UPDATE or DELETE would rewrite what a policy said when it acted.
            migrationBuilder.Sql("""
                CREATE FUNCTION autonomy_policies_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'autonomy_policies is append-only: add a new version instead' USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER autonomy_policies_append_only BEFORE UPDATE OR DELETE ON autonomy_policies
                    FOR EACH ROW EXECUTE FUNCTION autonomy_policies_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS autonomy_policies_append_only ON autonomy_policies; DROP FUNCTION IF EXISTS autonomy_policies_refuse_change();");
            migrationBuilder.DisableTenantIsolation("autonomy_policies");

            migrationBuilder.DropTable(
                name: "autonomy_policies");
        }
    }
}
