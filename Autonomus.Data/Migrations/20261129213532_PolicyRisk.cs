using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Autonomus.Data.Migrations
{
    /// <inheritdoc />
    public partial class PolicyRisk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "action_risk",
                table: "autonomy_policies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "risk_ceiling",
                table: "autonomy_policies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_autonomy_policies_never_auto",
                table: "autonomy_policies",
                sql: "action_risk <> 'NeverAuto' OR mode IN ('Off', 'Suggest')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_autonomy_policies_never_auto",
                table: "autonomy_policies");

            migrationBuilder.DropColumn(
                name: "action_risk",
                table: "autonomy_policies");

            migrationBuilder.DropColumn(
                name: "risk_ceiling",
                table: "autonomy_policies");
        }
    }
}
