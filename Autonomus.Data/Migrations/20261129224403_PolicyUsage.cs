using System;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicyUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "autonomy_policy_usage",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    hour_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hour_count = table.Column<int>(type: "integer", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    day_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autonomy_policy_usage", x => new { x.tenant_id, x.agent, x.action });
                    table.CheckConstraint("ck_autonomy_policy_usage_counts", "hour_count >= 0 AND day_count >= 0");
                    table.ForeignKey(
                        name: "fk_autonomy_policy_usage_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.EnableTenantIsolation("autonomy_policy_usage");
            // Actions that already have a policy get their counters now; later ones with their first version.
            migrationBuilder.Sql("""
                INSERT INTO autonomy_policy_usage (tenant_id, agent, action, hour_start, hour_count, day, day_count)
                SELECT DISTINCT tenant_id, agent, action, 'epoch'::timestamptz, 0, 'epoch'::date, 0 FROM autonomy_policies
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "autonomy_policy_usage");
        }
    }
}
