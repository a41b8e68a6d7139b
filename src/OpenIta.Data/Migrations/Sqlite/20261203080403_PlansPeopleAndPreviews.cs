using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlansPeopleAndPreviews : Migration
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

            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstYear = table.Column<int>(type: "INTEGER", nullable: false),
                    LastYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_plans_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agency_units",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agency_units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agency_units_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "password_reset_links",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_password_reset_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_password_reset_links_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pending_imports",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sent_mail",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ClaimedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    SentAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sent_mail", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "progress_rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    OpenedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_progress_rounds_action_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "action_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_progress_rounds_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "unit_owners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MembershipId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_owners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_unit_owners_agency_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "agency_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_unit_owners_memberships_MembershipId",
                        column: x => x.MembershipId,
                        principalTable: "memberships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "action_plan_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_plan_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_plan_events_action_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "action_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_action_plan_events_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_action_plan_events_progress_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "progress_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "progress_entries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ItemNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MeasureNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Spent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CorrectionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SubmittedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_progress_entries_progress_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "progress_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "progress_evidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AddedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_progress_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_progress_evidence_progress_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "progress_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_plan_events_AgencyId_AtUnixMs",
                table: "action_plan_events",
                columns: new[] { "AgencyId", "AtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_action_plan_events_PlanId_AtUnixMs",
                table: "action_plan_events",
                columns: new[] { "PlanId", "AtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_action_plan_events_RoundId",
                table: "action_plan_events",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_action_plans_AgencyId_FirstYear",
                table: "action_plans",
                columns: new[] { "AgencyId", "FirstYear" });

            migrationBuilder.CreateIndex(
                name: "IX_agency_units_AgencyId_Name",
                table: "agency_units",
                columns: new[] { "AgencyId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_password_reset_links_TokenHash",
                table: "password_reset_links",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_password_reset_links_UserId",
                table: "password_reset_links",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_pending_imports_ExpiresAtUnixMs",
                table: "pending_imports",
                column: "ExpiresAtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_progress_entries_RoundId_Subject_Sequence",
                table: "progress_entries",
                columns: new[] { "RoundId", "Subject", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_progress_evidence_AgencyId",
                table: "progress_evidence",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_progress_evidence_EntryId",
                table: "progress_evidence",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_progress_rounds_AgencyId_FiscalYear",
                table: "progress_rounds",
                columns: new[] { "AgencyId", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_progress_rounds_PlanId_FiscalYear_Period",
                table: "progress_rounds",
                columns: new[] { "PlanId", "FiscalYear", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_unit_owners_MembershipId_UnitId",
                table: "unit_owners",
                columns: new[] { "MembershipId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_unit_owners_UnitId",
                table: "unit_owners",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "action_plan_events");

            migrationBuilder.DropTable(
                name: "password_reset_links");

            migrationBuilder.DropTable(
                name: "pending_imports");

            migrationBuilder.DropTable(
                name: "progress_evidence");

            migrationBuilder.DropTable(
                name: "sent_mail");

            migrationBuilder.DropTable(
                name: "unit_owners");

            migrationBuilder.DropTable(
                name: "progress_entries");

            migrationBuilder.DropTable(
                name: "agency_units");

            migrationBuilder.DropTable(
                name: "progress_rounds");

            migrationBuilder.DropTable(
                name: "action_plans");

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
