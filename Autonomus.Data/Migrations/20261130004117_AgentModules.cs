using System;
using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgentModules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_agent_pauses",
                table: "agent_pauses");

            migrationBuilder.AddColumn<string>(
                name: "action",
                table: "agent_pauses",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_agent_pauses",
                table: "agent_pauses",
                columns: new[] { "tenant_id", "agent", "action" });

            migrationBuilder.CreateTable(
                name: "agent_settings_versions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    values = table.Column<string>(type: "jsonb", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_settings_versions", x => new { x.tenant_id, x.agent, x.version });
                    table.ForeignKey(
                        name: "fk_agent_settings_versions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
            migrationBuilder.EnableTenantIsolation("agent_settings_versions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_settings_versions");

            migrationBuilder.DropPrimaryKey(
                name: "pk_agent_pauses",
                table: "agent_pauses");

            migrationBuilder.DropColumn(
                name: "action",
                table: "agent_pauses");

            migrationBuilder.AddPrimaryKey(
                name: "pk_agent_pauses",
                table: "agent_pauses",
                columns: new[] { "tenant_id", "agent" });
        }
    }
}
