using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class DataQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "leads",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "leads",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "deals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "deals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "contacts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "contacts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "duplicate_name_similarity",
                table: "autonomy_settings",
                type: "integer",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "activities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "activities",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "accounts",
                type: "uuid",
                nullable: true);

            // The Data Quality Guardian's duplicate scan: trigram similarity (pg_trgm ships with PostgreSQL and is a trusted
            // extension, so the database owner creates it) and the normalised email and phone it joins on.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""
                CREATE INDEX ix_accounts_name_trgm ON accounts USING gin (lower(name) gin_trgm_ops);
                CREATE INDEX ix_contacts_name_trgm ON contacts USING gin (lower(first_name || ' ' || last_name) gin_trgm_ops);
                CREATE INDEX ix_leads_name_trgm ON leads USING gin (lower(first_name || ' ' || last_name) gin_trgm_ops);
                CREATE INDEX ix_contacts_email_normalised ON contacts (tenant_id, lower(trim(email))) WHERE email IS NOT NULL;
                CREATE INDEX ix_leads_email_normalised ON leads (tenant_id, lower(trim(email))) WHERE email IS NOT NULL;
                CREATE INDEX ix_contacts_phone_national ON contacts (tenant_id, right(regexp_replace(phone, '[^0-9]', '', 'g'), 9)) WHERE phone IS NOT NULL;
                CREATE INDEX ix_leads_phone_national ON leads (tenant_id, right(regexp_replace(phone, '[^0-9]', '', 'g'), 9)) WHERE phone IS NOT NULL;
                CREATE INDEX ix_accounts_phone_national ON accounts (tenant_id, right(regexp_replace(phone, '[^0-9]', '', 'g'), 9)) WHERE phone IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_accounts_name_trgm, ix_contacts_name_trgm, ix_leads_name_trgm, ix_contacts_email_normalised, ix_leads_email_normalised,
                    ix_contacts_phone_national, ix_leads_phone_national, ix_accounts_phone_national;
                """);
            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "duplicate_name_similarity",
                table: "autonomy_settings");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "activities");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "accounts");
        }
    }
}
