using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class ErasableLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "data_digest",
                table: "ledger_entries",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "redacted_at",
                table: "ledger_entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "legal_hold",
                table: "leads",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "legal_hold_reason",
                table: "leads",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "legal_hold",
                table: "deals",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "legal_hold_reason",
                table: "deals",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "legal_hold",
                table: "contacts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "legal_hold_reason",
                table: "contacts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "legal_hold",
                table: "activities",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "legal_hold_reason",
                table: "activities",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "legal_hold",
                table: "accounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "legal_hold_reason",
                table: "accounts",
                type: "text",
                nullable: true);

            // From here on entries hash their data's digest (version 3), and a privacy erasure can redact them.
            migrationBuilder.Sql(Autonomus.Data.Database.LedgerErasureSql.AppendFunction(3));
            migrationBuilder.Sql(Autonomus.Data.Database.LedgerErasureSql.ErasureFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Autonomus.Data.Database.LedgerErasureSql.DropErasureFunctions);
            migrationBuilder.Sql(Autonomus.Data.Database.LedgerErasureSql.AppendFunction(2));
            migrationBuilder.DropColumn(
                name: "data_digest",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "redacted_at",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "legal_hold",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "legal_hold_reason",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "legal_hold",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "legal_hold_reason",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "legal_hold",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "legal_hold_reason",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "legal_hold",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "legal_hold_reason",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "legal_hold",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "legal_hold_reason",
                table: "accounts");
        }
    }
}
