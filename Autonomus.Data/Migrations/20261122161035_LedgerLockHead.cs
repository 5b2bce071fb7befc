using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerLockHead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ledger writer's first step in one round trip: take the tenant's chain lock, then read its head in a
            // statement of its own (PL/pgSQL gives each statement a fresh snapshot: it sees the previous holder's entries).
            // Runs with the caller's rights, so row-level security still applies.
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_lock_head(p_tenant uuid) RETURNS TABLE (sequence bigint, hash bytea)
                LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtextextended('ledger:' || p_tenant::text, 0));
                    RETURN QUERY SELECT e.sequence, e.hash FROM ledger_entries e WHERE e.tenant_id = p_tenant ORDER BY e.sequence DESC LIMIT 1;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS ledger_lock_head(uuid);");
        }
    }
}
