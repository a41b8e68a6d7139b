using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Assessors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_memberships_UserId_AgencyId_Role",
                table: "memberships");

            migrationBuilder.AddColumn<int>(
                name: "FiscalYear",
                table: "memberships",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_memberships_UserId_AgencyId_Role_FiscalYear",
                table: "memberships",
                columns: new[] { "UserId", "AgencyId", "Role", "FiscalYear" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_memberships_UserId_AgencyId_Role_FiscalYear",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "FiscalYear",
                table: "memberships");

            migrationBuilder.CreateIndex(
                name: "IX_memberships_UserId_AgencyId_Role",
                table: "memberships",
                columns: new[] { "UserId", "AgencyId", "Role" },
                unique: true);
        }
    }
}
