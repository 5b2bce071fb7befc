using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class Preferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "preferred_culture",
                table: "users",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "theme",
                table: "users",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "system");

            migrationBuilder.AddColumn<string>(
                name: "default_culture",
                table: "tenants",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "tenants",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "UTC");

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_preferred_culture",
                table: "users",
                sql: "preferred_culture IS NULL OR preferred_culture IN ('en', 'es-CL')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_users_theme",
                table: "users",
                sql: "theme IN ('system', 'light', 'dark')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tenants_default_culture",
                table: "tenants",
                sql: "default_culture IN ('en', 'es-CL')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_users_preferred_culture",
                table: "users");

            migrationBuilder.DropCheckConstraint(
                name: "ck_users_theme",
                table: "users");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tenants_default_culture",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "preferred_culture",
                table: "users");

            migrationBuilder.DropColumn(
                name: "theme",
                table: "users");

            migrationBuilder.DropColumn(
                name: "default_culture",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "tenants");
        }
    }
}
