using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OitModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WebsiteDomain",
                table: "agencies",
                type: "TEXT",
                maxLength: 253,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "oit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oit_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_oit_events_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oit_sets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oit_sets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_oit_sets_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oit_windows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SetBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oit_windows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_oit_windows_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oit_items",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SetId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OwnerUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LinksUpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LinksUpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    ScoreState = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CriteriaNotMet = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Suggestion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ScoredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ScoredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ScoredAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Clarification = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClarifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClarifiedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oit_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_oit_items_agency_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "agency_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_oit_items_oit_sets_SetId",
                        column: x => x.SetId,
                        principalTable: "oit_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oit_urls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Exception = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FromClarification = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RemovedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ScoredCheckId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oit_urls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_oit_urls_oit_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "oit_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_oit_events_AgencyId_FiscalYear_AtUnixMs",
                table: "oit_events",
                columns: new[] { "AgencyId", "FiscalYear", "AtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_oit_items_AgencyId_FiscalYear_Code",
                table: "oit_items",
                columns: new[] { "AgencyId", "FiscalYear", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_oit_items_OwnerUnitId",
                table: "oit_items",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_oit_items_SetId",
                table: "oit_items",
                column: "SetId");

            migrationBuilder.CreateIndex(
                name: "IX_oit_sets_AgencyId_FiscalYear",
                table: "oit_sets",
                columns: new[] { "AgencyId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_oit_urls_ItemId_Position",
                table: "oit_urls",
                columns: new[] { "ItemId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_oit_windows_AgencyId_FiscalYear",
                table: "oit_windows",
                columns: new[] { "AgencyId", "FiscalYear" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "oit_events");

            migrationBuilder.DropTable(
                name: "oit_urls");

            migrationBuilder.DropTable(
                name: "oit_windows");

            migrationBuilder.DropTable(
                name: "oit_items");

            migrationBuilder.DropTable(
                name: "oit_sets");

            migrationBuilder.DropColumn(
                name: "WebsiteDomain",
                table: "agencies");
        }
    }
}
