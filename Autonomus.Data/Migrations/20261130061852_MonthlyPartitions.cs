using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyPartitions : Migration
    {
        /// <summary>
        /// Change events and ledger entries partitioned by month (<see cref="Database.MonthlyPartitions"/>), rows kept; the
        /// ledger's foreign key, append-only triggers and both tables' row-level security made again on the new tables.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Database.MonthlyPartitions.FunctionSql);
            migrationBuilder.Sql(Database.MonthlyPartitions.ConvertSql("change_events", "id", sequenceColumn: "id"));
            migrationBuilder.EnableTenantIsolation("change_events");
            migrationBuilder.Sql(Database.MonthlyPartitions.ConvertSql("ledger_entries", "tenant_id, sequence"));
            migrationBuilder.EnableTenantIsolation("ledger_entries");
            migrationBuilder.Sql("""
                ALTER TABLE ledger_entries ADD CONSTRAINT fk_ledger_entries_tenants_tenant_id FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE RESTRICT;
                CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
                    FOR EACH ROW EXECUTE FUNCTION ledger_entries_refuse_change_but_redaction();
                CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_refuse_change();
                """);
        }

        /// <summary>Partitioning is one way: going back would rewrite the ledger's table. Restore a backup instead.</summary>
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("Monthly partitions are not undone by a migration: restore the database from a backup taken before it.");
    }
}
