using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeEventBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Everything one batch did (an undo reads it whole).
            migrationBuilder.Sql("CREATE INDEX ix_change_events_batch ON change_events (tenant_id, batch_id) WHERE batch_id IS NOT NULL;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_change_events_batch;");

        }
    }
}
