using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArchiveReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "archive_reason",
                table: "leads",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archive_reason",
                table: "deals",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archive_reason",
                table: "contacts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archive_reason",
                table: "activities",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archive_reason",
                table: "accounts",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "archive_reason",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "archive_reason",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "archive_reason",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "archive_reason",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "archive_reason",
                table: "accounts");
        }
    }
}
