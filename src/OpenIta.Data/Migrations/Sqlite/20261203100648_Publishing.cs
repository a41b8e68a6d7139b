using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Publishing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PublishedAtUnixMs",
                table: "progress_rounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAtUnixMs",
                table: "action_plans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedContentJson",
                table: "action_plans",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublishedAtUnixMs",
                table: "progress_rounds");

            migrationBuilder.DropColumn(
                name: "PublishedAtUnixMs",
                table: "action_plans");

            migrationBuilder.DropColumn(
                name: "PublishedContentJson",
                table: "action_plans");
        }
    }
}
