using Autonomus.Data.Database;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class LlmCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ai_enabled",
                table: "autonomy_settings",
                type: "boolean",
                nullable: false,
                defaultValue: true); // existing tenants keep the class's defaults

            migrationBuilder.AddColumn<int>(
                name: "ai_monthly_token_budget",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 500_000);

            migrationBuilder.CreateTable(
                name: "llm_calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger_id = table.Column<Guid>(type: "uuid", nullable: false),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prompt_version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    failure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    tokens_in = table.Column<int>(type: "integer", nullable: false),
                    tokens_out = table.Column<int>(type: "integer", nullable: false),
                    latency_ms = table.Column<int>(type: "integer", nullable: false),
                    transcript = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_llm_calls", x => x.id);
                    table.ForeignKey(
                        name: "fk_llm_calls_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_llm_calls_tenant_id_at",
                table: "llm_calls",
                columns: new[] { "tenant_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_llm_calls_tenant_id_correlation_id",
                table: "llm_calls",
                columns: new[] { "tenant_id", "correlation_id" });

            migrationBuilder.EnableTenantIsolation("llm_calls");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "llm_calls");

            migrationBuilder.DropColumn(
                name: "ai_enabled",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "ai_monthly_token_budget",
                table: "autonomy_settings");
        }
    }
}
