using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <summary>
    /// Snapshots for reading a record as of a moment: every N-th version (the database setting
    /// <c>autonomus.snapshot_every</c>, 100 unless set) the capture trigger also keeps the record's whole tracked state, so
    /// a reader replays at most the events after the nearest snapshot instead of all since creation.
    /// </summary>
    public partial class ChangeSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE change_snapshots (
                    tenant_id uuid NOT NULL,
                    record_id uuid NOT NULL,
                    event_id bigint NOT NULL,
                    at timestamptz NOT NULL,
                    version integer,
                    state jsonb NOT NULL,
                    PRIMARY KEY (record_id, event_id));
                """);
            migrationBuilder.EnableTenantIsolation("change_snapshots");
            migrationBuilder.Sql(ChangeCapture.FunctionSql(withSnapshots: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ChangeCapture.FunctionSql(withSnapshots: false));
            migrationBuilder.Sql("DROP TABLE change_snapshots;");
        }
    }
}
