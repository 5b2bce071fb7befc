using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeanerCapture : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            // The capture compares the row's own columns instead of the union of both rows' keys (same events).
            migrationBuilder.Sql(ChangeCapture.FunctionSql(withSnapshots: true));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier form differs only in speed: nothing to undo.
        }
    }
}
