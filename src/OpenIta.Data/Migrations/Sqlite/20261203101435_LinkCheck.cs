using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LinkCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "link_check_jobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RequestedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LeaseUntilUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Checked = table.Column<int>(type: "INTEGER", nullable: false),
                    Broken = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_check_jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_link_check_jobs_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "link_checks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UrlId = table.Column<long>(type: "INTEGER", nullable: false),
                    JobId = table.Column<long>(type: "INTEGER", nullable: true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FinalUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CheckedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Redirects = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    EarliestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LatestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OutsideYear = table.Column<bool>(type: "INTEGER", nullable: true),
                    Changed = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_link_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_link_checks_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_link_checks_link_check_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "link_check_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_link_checks_oit_urls_UrlId",
                        column: x => x.UrlId,
                        principalTable: "oit_urls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_oit_urls_ScoredCheckId",
                table: "oit_urls",
                column: "ScoredCheckId");

            migrationBuilder.CreateIndex(
                name: "IX_link_check_jobs_AgencyId_FiscalYear_Id",
                table: "link_check_jobs",
                columns: new[] { "AgencyId", "FiscalYear", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_link_check_jobs_Status_Id",
                table: "link_check_jobs",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_link_checks_AgencyId_FiscalYear",
                table: "link_checks",
                columns: new[] { "AgencyId", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_link_checks_JobId",
                table: "link_checks",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_link_checks_UrlId_CheckedAtUnixMs",
                table: "link_checks",
                columns: new[] { "UrlId", "CheckedAtUnixMs" });

            migrationBuilder.AddForeignKey(
                name: "FK_oit_urls_link_checks_ScoredCheckId",
                table: "oit_urls",
                column: "ScoredCheckId",
                principalTable: "link_checks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_oit_urls_link_checks_ScoredCheckId",
                table: "oit_urls");

            migrationBuilder.DropTable(
                name: "link_checks");

            migrationBuilder.DropTable(
                name: "link_check_jobs");

            migrationBuilder.DropIndex(
                name: "IX_oit_urls_ScoredCheckId",
                table: "oit_urls");
        }
    }
}
