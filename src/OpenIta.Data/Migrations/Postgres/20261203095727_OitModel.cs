using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenIta.Data.Migrations.Postgres
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
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "oit_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    OpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SetId = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OwnerUnitId = table.Column<int>(type: "integer", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LinksUpdatedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    LinksUpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    ScoreState = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CriteriaNotMet = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Suggestion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ScoredByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ScoredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ScoredAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    Clarification = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClarifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ClarifiedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Exception = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FromClarification = table.Column<bool>(type: "boolean", nullable: false),
                    AddedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RemovedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    ScoredCheckId = table.Column<long>(type: "bigint", nullable: true)
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
