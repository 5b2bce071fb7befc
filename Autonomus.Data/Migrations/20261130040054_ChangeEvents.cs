using Autonomus.Data.Database;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <summary>
    /// Every change to a CRM record remembered, where no code path can skip it: a row trigger on each CRM table writes a
    /// change event in the writer's transaction — the fields that changed with their old and new values, the actor and the
    /// cause from the transaction's settings (<see cref="ChangeCapture"/>), and the transaction's id, from which completed
    /// events get their place in the organisation's feed (positions) for subscribers.
    /// </summary>
    public partial class ChangeEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ChangeCapture.CreateSql);
            foreach (var (table, type) in ChangeCapture.Tables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER capture_change AFTER INSERT OR UPDATE OR DELETE ON {table}
                        FOR EACH ROW EXECUTE FUNCTION capture_change('{type}');
                    """);
            migrationBuilder.EnableTenantIsolation("change_events");
            migrationBuilder.EnableTenantIsolation("change_consumers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in ChangeCapture.Tables) migrationBuilder.Sql($"DROP TRIGGER capture_change ON {table};");
            migrationBuilder.Sql("DROP TABLE change_consumers; DROP TABLE change_events; DROP FUNCTION capture_change();");
        }
    }
}
