using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <summary>
    /// The capture function as it is now (SECURITY DEFINER, snapshot interval at least 1) on databases that installed an
    /// earlier form: the runtime role no longer inserts events or snapshots itself (DatabaseMigrator revokes it).
    /// </summary>
    public partial class CaptureAsDefiner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ChangeCapture.FunctionSql(withSnapshots: true));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier form differed only in running as the writer; the definer's form works for it as well.
        }
    }
}
