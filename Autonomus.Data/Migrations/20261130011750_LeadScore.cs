using System;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeadScore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "predicted_score",
                table: "leads",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "score_factors",
                table: "leads",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "score_model_version",
                table: "leads",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "scored_at",
                table: "leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "lead_score_min_outcomes",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.CreateTable(
                name: "lead_score_models",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    trained_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    train_rows = table.Column<int>(type: "integer", nullable: false),
                    test_rows = table.Column<int>(type: "integer", nullable: false),
                    auc = table.Column<double>(type: "double precision", nullable: true),
                    hand_auc = table.Column<double>(type: "double precision", nullable: true),
                    training_seconds = table.Column<double>(type: "double precision", nullable: true),
                    model = table.Column<byte[]>(type: "bytea", nullable: true),
                    factors = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lead_score_models", x => new { x.tenant_id, x.version });
                    table.ForeignKey(
                        name: "fk_lead_score_models_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
            migrationBuilder.EnableTenantIsolation("lead_score_models");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lead_score_models");

            migrationBuilder.DropColumn(
                name: "predicted_score",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "score_factors",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "score_model_version",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "scored_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "lead_score_min_outcomes",
                table: "autonomy_settings");
        }
    }
}
