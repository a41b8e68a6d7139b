using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenIta.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CollectedRoundId",
                table: "results",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "questionnaires",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionnaires", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "survey_assessors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_assessors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_survey_assessors_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_survey_assessors_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_windows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    GroupId = table.Column<int>(type: "integer", nullable: true),
                    OpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_windows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_survey_windows_agencies_GroupId",
                        column: x => x.GroupId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessment_rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InternalStakeholders = table.Column<int>(type: "integer", nullable: true),
                    ExternalStakeholders = table.Column<int>(type: "integer", nullable: true),
                    OpensOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: true),
                    QuestionnaireId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OpenedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    ClosedAtUnixMs = table.Column<long>(type: "bigint", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assessment_rounds_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_assessment_rounds_questionnaires_QuestionnaireId",
                        column: x => x.QuestionnaireId,
                        principalTable: "questionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AtUnixMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_survey_events_assessment_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "assessment_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_links",
                columns: table => new
                {
                    Token = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAtUnixMs = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_links", x => x.Token);
                    table.ForeignKey(
                        name: "FK_survey_links_assessment_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "assessment_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_responses",
                columns: table => new
                {
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    QuestionnaireId = table.Column<int>(type: "integer", nullable: false),
                    Answers = table.Column<byte[]>(type: "bytea", maxLength: 500, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_responses", x => x.Key);
                    table.ForeignKey(
                        name: "FK_survey_responses_assessment_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "assessment_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_survey_responses_questionnaires_QuestionnaireId",
                        column: x => x.QuestionnaireId,
                        principalTable: "questionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_exclusions",
                columns: table => new
                {
                    ResponseKey = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AtUnixMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_exclusions", x => x.ResponseKey);
                    table.ForeignKey(
                        name: "FK_survey_exclusions_assessment_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "assessment_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_survey_exclusions_survey_responses_ResponseKey",
                        column: x => x.ResponseKey,
                        principalTable: "survey_responses",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_results_CollectedRoundId",
                table: "results",
                column: "CollectedRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_assessment_rounds_AgencyId_FiscalYear",
                table: "assessment_rounds",
                columns: new[] { "AgencyId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_rounds_FiscalYear_Status",
                table: "assessment_rounds",
                columns: new[] { "FiscalYear", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_rounds_QuestionnaireId",
                table: "assessment_rounds",
                column: "QuestionnaireId");

            migrationBuilder.CreateIndex(
                name: "IX_questionnaires_FiscalYear_Number",
                table: "questionnaires",
                columns: new[] { "FiscalYear", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_survey_assessors_AgencyId_FiscalYear",
                table: "survey_assessors",
                columns: new[] { "AgencyId", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_assessors_UserId_AgencyId_FiscalYear",
                table: "survey_assessors",
                columns: new[] { "UserId", "AgencyId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_survey_events_AgencyId_FiscalYear",
                table: "survey_events",
                columns: new[] { "AgencyId", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_events_RoundId_AtUnixMs",
                table: "survey_events",
                columns: new[] { "RoundId", "AtUnixMs" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_exclusions_RoundId",
                table: "survey_exclusions",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_survey_links_RoundId_Instrument",
                table: "survey_links",
                columns: new[] { "RoundId", "Instrument" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_responses_QuestionnaireId",
                table: "survey_responses",
                column: "QuestionnaireId");

            migrationBuilder.CreateIndex(
                name: "IX_survey_responses_RoundId_Instrument",
                table: "survey_responses",
                columns: new[] { "RoundId", "Instrument" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_windows_FiscalYear_GroupId",
                table: "survey_windows",
                columns: new[] { "FiscalYear", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_survey_windows_GroupId",
                table: "survey_windows",
                column: "GroupId");

            migrationBuilder.AddForeignKey(
                name: "FK_results_assessment_rounds_CollectedRoundId",
                table: "results",
                column: "CollectedRoundId",
                principalTable: "assessment_rounds",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_results_assessment_rounds_CollectedRoundId",
                table: "results");

            migrationBuilder.DropTable(
                name: "survey_assessors");

            migrationBuilder.DropTable(
                name: "survey_events");

            migrationBuilder.DropTable(
                name: "survey_exclusions");

            migrationBuilder.DropTable(
                name: "survey_links");

            migrationBuilder.DropTable(
                name: "survey_windows");

            migrationBuilder.DropTable(
                name: "survey_responses");

            migrationBuilder.DropTable(
                name: "assessment_rounds");

            migrationBuilder.DropTable(
                name: "questionnaires");

            migrationBuilder.DropIndex(
                name: "IX_results_CollectedRoundId",
                table: "results");

            migrationBuilder.DropColumn(
                name: "CollectedRoundId",
                table: "results");
        }
    }
}
