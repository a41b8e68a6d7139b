using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "KeptAtUnixMs",
                table: "measure_plans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeptBy",
                table: "measure_plans",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeptContentJson",
                table: "measure_plans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeptReason",
                table: "measure_plans",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeptAtUnixMs",
                table: "measure_plans");

            migrationBuilder.DropColumn(
                name: "KeptBy",
                table: "measure_plans");

            migrationBuilder.DropColumn(
                name: "KeptContentJson",
                table: "measure_plans");

            migrationBuilder.DropColumn(
                name: "KeptReason",
                table: "measure_plans");
        }
    }
}
