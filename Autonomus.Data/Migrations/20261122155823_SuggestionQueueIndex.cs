using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class SuggestionQueueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_suggestions_pending_queue",
                table: "suggestions",
                columns: new[] { "tenant_id", "priority", "created_at", "id" },
                descending: new[] { false, true, false, false },
                filter: "status = 'Pending'")
                .Annotation("Npgsql:IndexInclude", new[] { "deferred_until" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_suggestions_pending_queue",
                table: "suggestions");
        }
    }
}
