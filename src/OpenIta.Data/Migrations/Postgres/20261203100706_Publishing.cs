using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAtUnixMs",
                table: "action_plans",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedContentJson",
                table: "action_plans",
                type: "text",
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
