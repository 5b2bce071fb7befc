using System;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class GovernedAutonomy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "applied_by_policy",
                table: "suggestions",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "calibrated_confidence",
                table: "suggestions",
                type: "numeric(4,3)",
                precision: 4,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "policy_version",
                table: "suggestions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "shadow_auto_apply",
                table: "suggestions",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "undo_until",
                table: "suggestions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "undone_at",
                table: "suggestions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "undone_by",
                table: "suggestions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "autonomy_bar",
                table: "autonomy_settings",
                type: "numeric(3,2)",
                precision: 3,
                scale: 2,
                nullable: false,
                defaultValue: 0.90m);

            migrationBuilder.AddColumn<int>(
                name: "demote_after_undos",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "min_decisions_for_autonomy",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "undo_window_hours",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.CreateTable(
                name: "autonomy_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    from_version = table.Column<int>(type: "integer", nullable: false),
                    evidence = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autonomy_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_autonomy_offers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "calibration_bins",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    engine = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    bin = table.Column<int>(type: "integer", nullable: false),
                    samples = table.Column<int>(type: "integer", nullable: false),
                    successes = table.Column<decimal>(type: "numeric(12,1)", precision: 12, scale: 1, nullable: false),
                    raw_sum = table.Column<decimal>(type: "numeric(14,3)", precision: 14, scale: 3, nullable: false),
                    refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calibration_bins", x => new { x.tenant_id, x.agent, x.action, x.engine, x.bin });
                    table.CheckConstraint("ck_calibration_bins_bin", "bin BETWEEN 0 AND 9 AND samples > 0");
                    table.ForeignKey(
                        name: "fk_calibration_bins_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_applied_by_policy",
                table: "suggestions",
                columns: new[] { "tenant_id", "agent", "tool", "applied_at" },
                filter: "applied_by_policy IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_suggestions_calibrated_confidence",
                table: "suggestions",
                sql: "calibrated_confidence IS NULL OR calibrated_confidence BETWEEN 0 AND 1");

            migrationBuilder.AddCheckConstraint(
                name: "ck_suggestions_undo",
                table: "suggestions",
                sql: "undo_until IS NULL OR applied_by_policy IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_autonomy_settings_bar",
                table: "autonomy_settings",
                sql: "autonomy_bar > 0 AND autonomy_bar <= 1");

            migrationBuilder.AddCheckConstraint(
                name: "ck_autonomy_settings_earning",
                table: "autonomy_settings",
                sql: "min_decisions_for_autonomy > 0 AND demote_after_undos > 0 AND undo_window_hours > 0");

            migrationBuilder.CreateIndex(
                name: "ux_autonomy_offers_pending",
                table: "autonomy_offers",
                columns: new[] { "tenant_id", "agent", "action" },
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.EnableTenantIsolation("autonomy_offers");
            migrationBuilder.EnableTenantIsolation("calibration_bins");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "autonomy_offers");

            migrationBuilder.DropTable(
                name: "calibration_bins");

            migrationBuilder.DropIndex(
                name: "ix_suggestions_applied_by_policy",
                table: "suggestions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_suggestions_calibrated_confidence",
                table: "suggestions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_suggestions_undo",
                table: "suggestions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_autonomy_settings_bar",
                table: "autonomy_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_autonomy_settings_earning",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "applied_by_policy",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "calibrated_confidence",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "policy_version",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "shadow_auto_apply",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "undo_until",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "undone_at",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "undone_by",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "autonomy_bar",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "demote_after_undos",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "min_decisions_for_autonomy",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "undo_window_hours",
                table: "autonomy_settings");
        }
    }
}
