using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenIta.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssessmentSurveysOitAndPublishing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_memberships_UserId_AgencyId_Role",
                table: "memberships");

            migrationBuilder.AddColumn<int>(
                name: "CollectedRoundId",
                table: "results",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAtUnixMs",
                table: "progress_rounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FiscalYear",
                table: "memberships",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WebsiteDomain",
                table: "agencies",
                type: "TEXT",
                maxLength: 253,
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
                name: "questionnaires",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionnaires", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "survey_otp_challenges",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_otp_challenges", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "survey_otp_tickets",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LinkToken = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    PhoneKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_otp_tickets", x => x.Hash);
                    table.ForeignKey(
                        name: "FK_survey_otp_tickets_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_phone_keys",
                columns: table => new
                {
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    PhoneKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_phone_keys", x => new { x.AgencyId, x.FiscalYear, x.PhoneKey });
                    table.ForeignKey(
                        name: "FK_survey_phone_keys_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_windows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    OpensOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
                name: "assessment_rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InternalStakeholders = table.Column<int>(type: "INTEGER", nullable: true),
                    ExternalStakeholders = table.Column<int>(type: "INTEGER", nullable: true),
                    OpensOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    QuestionnaireId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OpenedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AtUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
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
                name: "survey_hour_counts",
                columns: table => new
                {
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    HourStartUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_hour_counts", x => new { x.RoundId, x.Instrument, x.HourStartUnixMs });
                    table.ForeignKey(
                        name: "FK_survey_hour_counts_assessment_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "assessment_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "survey_links",
                columns: table => new
                {
                    Token = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAtUnixMs = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    QuestionnaireId = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<byte[]>(type: "BLOB", maxLength: 500, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
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
                    ResponseKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AtUnixMs = table.Column<long>(type: "INTEGER", nullable: false)
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
                        name: "FK_oit_urls_link_checks_ScoredCheckId",
                        column: x => x.ScoredCheckId,
                        principalTable: "link_checks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_oit_urls_oit_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "oit_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_results_CollectedRoundId",
                table: "results",
                column: "CollectedRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_memberships_UserId_AgencyId_Role_FiscalYear",
                table: "memberships",
                columns: new[] { "UserId", "AgencyId", "Role", "FiscalYear" },
                unique: true);

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
                name: "IX_oit_urls_ScoredCheckId",
                table: "oit_urls",
                column: "ScoredCheckId");

            migrationBuilder.CreateIndex(
                name: "IX_oit_windows_AgencyId_FiscalYear",
                table: "oit_windows",
                columns: new[] { "AgencyId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_questionnaires_FiscalYear_Number",
                table: "questionnaires",
                columns: new[] { "FiscalYear", "Number" },
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
                name: "IX_survey_otp_challenges_ExpiresAtUnixMs",
                table: "survey_otp_challenges",
                column: "ExpiresAtUnixMs");

            migrationBuilder.CreateIndex(
                name: "IX_survey_otp_tickets_AgencyId",
                table: "survey_otp_tickets",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_survey_otp_tickets_ExpiresAtUnixMs",
                table: "survey_otp_tickets",
                column: "ExpiresAtUnixMs");

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

            migrationBuilder.AddForeignKey(
                name: "FK_link_checks_oit_urls_UrlId",
                table: "link_checks",
                column: "UrlId",
                principalTable: "oit_urls",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_results_assessment_rounds_CollectedRoundId",
                table: "results");

            migrationBuilder.DropForeignKey(
                name: "FK_link_checks_link_check_jobs_JobId",
                table: "link_checks");

            migrationBuilder.DropForeignKey(
                name: "FK_link_checks_oit_urls_UrlId",
                table: "link_checks");

            migrationBuilder.DropTable(
                name: "oit_events");

            migrationBuilder.DropTable(
                name: "oit_windows");

            migrationBuilder.DropTable(
                name: "survey_events");

            migrationBuilder.DropTable(
                name: "survey_exclusions");

            migrationBuilder.DropTable(
                name: "survey_hour_counts");

            migrationBuilder.DropTable(
                name: "survey_links");

            migrationBuilder.DropTable(
                name: "survey_otp_challenges");

            migrationBuilder.DropTable(
                name: "survey_otp_tickets");

            migrationBuilder.DropTable(
                name: "survey_phone_keys");

            migrationBuilder.DropTable(
                name: "survey_windows");

            migrationBuilder.DropTable(
                name: "survey_responses");

            migrationBuilder.DropTable(
                name: "assessment_rounds");

            migrationBuilder.DropTable(
                name: "questionnaires");

            migrationBuilder.DropTable(
                name: "link_check_jobs");

            migrationBuilder.DropTable(
                name: "oit_urls");

            migrationBuilder.DropTable(
                name: "link_checks");

            migrationBuilder.DropTable(
                name: "oit_items");

            migrationBuilder.DropTable(
                name: "oit_sets");

            migrationBuilder.DropIndex(
                name: "IX_results_CollectedRoundId",
                table: "results");

            migrationBuilder.DropIndex(
                name: "IX_memberships_UserId_AgencyId_Role_FiscalYear",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "CollectedRoundId",
                table: "results");

            migrationBuilder.DropColumn(
                name: "PublishedAtUnixMs",
                table: "progress_rounds");

            migrationBuilder.DropColumn(
                name: "FiscalYear",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "WebsiteDomain",
                table: "agencies");

            migrationBuilder.DropColumn(
                name: "PublishedAtUnixMs",
                table: "action_plans");

            migrationBuilder.DropColumn(
                name: "PublishedContentJson",
                table: "action_plans");

            migrationBuilder.CreateIndex(
                name: "IX_memberships_UserId_AgencyId_Role",
                table: "memberships",
                columns: new[] { "UserId", "AgencyId", "Role" },
                unique: true);
        }
    }
}
