using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountRut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "rut",
                table: "accounts",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            // The RUT's check digit in SQL, for the Data Quality Guardian's set-based scan: modulo 11 with weights 2…7 from
            // the right, 11 → 0 and 10 → K — the rule of Autonomus.Core.Crm.Rut (a test holds the two to the same answers).
            migrationBuilder.Sql("""
                CREATE FUNCTION rut_check_digit(body text) RETURNS text
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
                    SELECT CASE 11 - s % 11 WHEN 11 THEN '0' WHEN 10 THEN 'K' ELSE (11 - s % 11)::text END
                    FROM (SELECT sum(substr(reverse(body), i, 1)::int * (2 + (i - 1) % 6)) AS s FROM generate_series(1, length(body)) i) t
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION rut_check_digit(text);");

            migrationBuilder.DropColumn(
                name: "rut",
                table: "accounts");
        }
    }
}
