using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class WinProbability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Lead Intelligence's models become one kind among the agents' models: the table keeps its rows (kind
            // lead_score), its row-level security and its grants.
            migrationBuilder.DropPrimaryKey(name: "pk_lead_score_models", table: "lead_score_models");
            migrationBuilder.DropForeignKey(name: "fk_lead_score_models_tenants_tenant_id", table: "lead_score_models");
            migrationBuilder.RenameTable(name: "lead_score_models", newName: "prediction_models");
            migrationBuilder.AddColumn<string>(name: "kind", table: "prediction_models", type: "character varying(40)", maxLength: 40,
                nullable: false, defaultValue: "lead_score");
            migrationBuilder.Sql("ALTER TABLE prediction_models ALTER COLUMN kind DROP DEFAULT;");
            migrationBuilder.AddPrimaryKey(name: "pk_prediction_models", table: "prediction_models", columns: ["tenant_id", "kind", "version"]);
            migrationBuilder.AddForeignKey(name: "fk_prediction_models_tenants_tenant_id", table: "prediction_models", column: "tenant_id",
                principalTable: "tenants", principalColumn: "id", onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddColumn<string>(
                name: "win_factors",
                table: "deals",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "win_model_version",
                table: "deals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "win_probability",
                table: "deals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "win_scored_at",
                table: "deals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "deal_slipping_days",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "deal_win_min_outcomes",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 100);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM prediction_models WHERE kind <> 'lead_score';");
            migrationBuilder.DropPrimaryKey(name: "pk_prediction_models", table: "prediction_models");
            migrationBuilder.DropForeignKey(name: "fk_prediction_models_tenants_tenant_id", table: "prediction_models");
            migrationBuilder.DropColumn(name: "kind", table: "prediction_models");
            migrationBuilder.RenameTable(name: "prediction_models", newName: "lead_score_models");
            migrationBuilder.AddPrimaryKey(name: "pk_lead_score_models", table: "lead_score_models", columns: ["tenant_id", "version"]);
            migrationBuilder.AddForeignKey(name: "fk_lead_score_models_tenants_tenant_id", table: "lead_score_models", column: "tenant_id",
                principalTable: "tenants", principalColumn: "id", onDelete: ReferentialAction.Cascade);

            migrationBuilder.DropColumn(
                name: "win_factors",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "win_model_version",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "win_probability",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "win_scored_at",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "deal_slipping_days",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "deal_win_min_outcomes",
                table: "autonomy_settings");
        }
    }
}
