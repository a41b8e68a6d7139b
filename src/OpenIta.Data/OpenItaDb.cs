using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpenIta.Core.Text;
using OpenIta.Data.Agencies;
using OpenIta.Data.LinkChecks;
using OpenIta.Data.Mail;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Data.Results;
using OpenIta.Data.Security;
using OpenIta.Data.Surveys;
using OpenIta.Data.Users;
using OpenIta.Data.Workflow;

namespace OpenIta.Data;

/// <summary>
/// The one EF Core model, for SQLite and PostgreSQL alike. Enums are stored as text; times as Unix milliseconds.
/// Each engine has its own context type (<see cref="SqliteOpenItaDb"/>, <see cref="PostgresOpenItaDb"/>) only so that
/// each has its own set of EF Core migrations (Migrations/Sqlite, Migrations/Postgres); the model is this one.
/// It also keeps the ASP.NET Core data-protection keys, so that every instance of the application reads the same key
/// ring (a cookie made by one is accepted by the others).
/// </summary>
public abstract class OpenItaDb(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The collation of keys compared by range or prefix (<see cref="Agency.Path"/>): byte order on every engine, so
    /// that a database created with a Thai (ICU) collation orders "/1/5/23/" inside the range of "/1/5/". Null where the
    /// engine's default already is byte order (SQLite's BINARY).
    /// </summary>
    protected virtual string? ByteOrderCollation => null;

    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<AgencyResult> Results => Set<AgencyResult>();
    public DbSet<ResultScore> ResultScores => Set<ResultScore>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<PasswordResetLink> PasswordResetLinks => Set<PasswordResetLink>();
    public DbSet<MeasurePlanRevision> MeasurePlans => Set<MeasurePlanRevision>();
    public DbSet<PlanEvent> PlanEvents => Set<PlanEvent>();
    public DbSet<AgencyUnit> AgencyUnits => Set<AgencyUnit>();
    public DbSet<UnitOwner> UnitOwners => Set<UnitOwner>();
    public DbSet<ActionPlanRow> ActionPlans => Set<ActionPlanRow>();
    public DbSet<ProgressRoundRow> ProgressRounds => Set<ProgressRoundRow>();
    public DbSet<ProgressEntryRow> ProgressEntries => Set<ProgressEntryRow>();
    public DbSet<ProgressEvidence> ProgressEvidence => Set<ProgressEvidence>();
    public DbSet<ActionPlanEvent> ActionPlanEvents => Set<ActionPlanEvent>();
    public DbSet<SecurityCounter> SecurityCounters => Set<SecurityCounter>();
    public DbSet<StartupStep> StartupSteps => Set<StartupStep>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PendingImport> PendingImports => Set<PendingImport>();
    public DbSet<SentMail> SentMail => Set<SentMail>();
    public DbSet<AssessmentRound> AssessmentRounds => Set<AssessmentRound>();
    public DbSet<SurveyWindow> SurveyWindows => Set<SurveyWindow>();
    public DbSet<SurveyLink> SurveyLinks => Set<SurveyLink>();
    public DbSet<QuestionnaireVersion> Questionnaires => Set<QuestionnaireVersion>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyExclusion> SurveyExclusions => Set<SurveyExclusion>();
    public DbSet<SurveyEvent> SurveyEvents => Set<SurveyEvent>();
    public DbSet<Surveys.Signals.SurveyHourCount> SurveyHourCounts => Set<Surveys.Signals.SurveyHourCount>();
    public DbSet<Surveys.OtpChallenge> OtpChallenges => Set<Surveys.OtpChallenge>();
    public DbSet<Surveys.OtpTicket> OtpTickets => Set<Surveys.OtpTicket>();
    public DbSet<Surveys.SurveyPhoneKey> SurveyPhoneKeys => Set<Surveys.SurveyPhoneKey>();
    public DbSet<LinkCheckJob> LinkCheckJobs => Set<LinkCheckJob>();
    public DbSet<LinkCheck> LinkChecks => Set<LinkCheck>();
    public DbSet<Oit.OitSetRow> OitSets => Set<Oit.OitSetRow>();
    public DbSet<Oit.OitItemRow> OitItems => Set<Oit.OitItemRow>();
    public DbSet<Oit.OitUrlRow> OitUrls => Set<Oit.OitUrlRow>();
    public DbSet<Oit.OitWindowRow> OitWindows => Set<Oit.OitWindowRow>();
    public DbSet<Oit.OitEventRow> OitEvents => Set<Oit.OitEventRow>();

    /// <summary>
    /// Names and approval fields as read: what <see cref="UserText"/> refuses today but a row may hold from before (a
    /// control character, a right-to-left override) is left out, so pages, documents and file names never show it.
    /// Written as given (every write is checked before it gets here).
    /// </summary>
    private static readonly ValueConverter<string, string> Printable = new(v => v, v => UserText.Printable(v));

    private static readonly ValueConverter<string?, string?> PrintableOrNull = new(v => v, v => v == null ? null : UserText.Printable(v));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<StartupStep>(step =>
        {
            step.ToTable("startup_steps");
            step.HasKey(s => s.Name);
            step.Property(s => s.Name).HasMaxLength(100);
        });

        builder.Entity<Agency>(agency =>
        {
            agency.ToTable("agencies");
            agency.HasIndex(a => a.Slug).IsUnique();
            agency.HasIndex(a => a.Path);
            agency.Property(a => a.Slug).HasMaxLength(100);
            agency.Property(a => a.NameTh).HasMaxLength(400).HasConversion(Printable);
            agency.Property(a => a.NameEn).HasMaxLength(400).HasConversion(PrintableOrNull);
            agency.Property(a => a.Abbreviation).HasMaxLength(100).HasConversion(PrintableOrNull);
            agency.Property(a => a.Province).HasMaxLength(100).HasConversion(PrintableOrNull);
            agency.Property(a => a.Path).HasMaxLength(400).UseCollation(ByteOrderCollation);
            agency.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
            agency.Property(a => a.Size).HasConversion<string>().HasMaxLength(20);
            agency.Property(a => a.AnalysisTarget).HasPrecision(5, 2);
            agency.Property(a => a.StrengthAbove).HasPrecision(5, 2);
            agency.Property(a => a.UrgentBelow).HasPrecision(5, 2);
            agency.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AgencyResult>(result =>
        {
            result.ToTable("results");
            result.HasIndex(r => new { r.AgencyId, r.FiscalYear }).IsUnique();
            result.HasIndex(r => new { r.FiscalYear, r.TotalHundredths });
            result.Property(r => r.RatingCode).HasMaxLength(40);
            result.Property(r => r.TotalExact).HasMaxLength(40);
            result.Property(r => r.UpdatedBy).HasMaxLength(256);
            result.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Cascade);
            result.HasMany(r => r.Scores).WithOne().HasForeignKey(s => s.ResultId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ResultScore>(score =>
        {
            score.ToTable("result_scores");
            score.HasKey(s => new { s.ResultId, s.Level, s.Code });
            score.Property(s => s.Level).HasConversion<string>().HasMaxLength(20);
            score.Property(s => s.Code).HasMaxLength(20);
            score.Property(s => s.Exact).HasMaxLength(40);
            score.HasIndex(s => new { s.Level, s.Code });
        });

        builder.Entity<Membership>(membership =>
        {
            membership.ToTable("memberships");
            membership.HasIndex(m => new { m.UserId, m.AgencyId, m.Role, m.FiscalYear }).IsUnique();
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
            membership.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiToken>(token =>
        {
            token.ToTable("api_tokens");
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PasswordResetLink>(link =>
        {
            link.ToTable("password_reset_links");
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.HasIndex(l => l.UserId);
            link.Property(l => l.TokenHash).HasMaxLength(64);
            link.Property(l => l.CreatedBy).HasMaxLength(256);
            link.HasOne(l => l.User).WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MeasurePlanRevision>(plan =>
        {
            plan.ToTable("measure_plans");
            plan.HasIndex(p => new { p.AgencyId, p.FiscalYear, p.Revision }).IsUnique();
            plan.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            plan.Property(p => p.CreatedBy).HasMaxLength(256);
            plan.Property(p => p.UpdatedBy).HasMaxLength(256);
            plan.Property(p => p.ApprovedByName).HasMaxLength(200).HasConversion(PrintableOrNull);
            plan.Property(p => p.ApprovedPosition).HasMaxLength(200).HasConversion(PrintableOrNull);
            plan.Property(p => p.MemoNumber).HasMaxLength(100).HasConversion(PrintableOrNull);
            plan.Property(p => p.ApprovedByUserId).HasMaxLength(450);
            plan.Property(p => p.KeptReason).HasMaxLength(20);
            plan.Property(p => p.KeptBy).HasMaxLength(256);
            plan.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlanEvent>(planEvent =>
        {
            planEvent.ToTable("measure_plan_events");
            planEvent.HasIndex(e => new { e.AgencyId, e.FiscalYear, e.AtUnixMs });
            planEvent.Property(e => e.Action).HasMaxLength(20);
            planEvent.Property(e => e.UserId).HasMaxLength(450);
            planEvent.Property(e => e.UserName).HasMaxLength(256);
            planEvent.Property(e => e.Note).HasMaxLength(2000);
            planEvent.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AgencyUnit>(unit =>
        {
            unit.ToTable("agency_units");
            unit.HasIndex(u => new { u.AgencyId, u.Name }).IsUnique();
            unit.Property(u => u.Name).HasMaxLength(100).HasConversion(Printable);
            unit.Property(u => u.FullName).HasMaxLength(400).HasConversion(PrintableOrNull);
            unit.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<UnitOwner>(owner =>
        {
            owner.ToTable("unit_owners");
            owner.HasIndex(o => new { o.MembershipId, o.UnitId }).IsUnique();
            owner.HasIndex(o => o.UnitId);
            owner.HasOne(o => o.Membership).WithMany().HasForeignKey(o => o.MembershipId).OnDelete(DeleteBehavior.Cascade);
            owner.HasOne(o => o.Unit).WithMany(u => u.Owners).HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ActionPlanRow>(plan =>
        {
            plan.ToTable("action_plans");
            plan.HasIndex(p => new { p.AgencyId, p.FirstYear });
            plan.Property(p => p.Title).HasMaxLength(500).HasConversion(Printable);
            plan.Property(p => p.CreatedBy).HasMaxLength(256);
            plan.Property(p => p.UpdatedBy).HasMaxLength(256);
            plan.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProgressRoundRow>(round =>
        {
            round.ToTable("progress_rounds");
            round.HasIndex(r => new { r.PlanId, r.FiscalYear, r.Period }).IsUnique();
            round.HasIndex(r => new { r.AgencyId, r.FiscalYear });
            round.Property(r => r.Period).HasMaxLength(4);
            round.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
            round.Property(r => r.Notes).HasMaxLength(20000);
            round.Property(r => r.ClosedBy).HasMaxLength(256);
            round.Property(r => r.UpdatedBy).HasMaxLength(256);
            round.HasOne(r => r.Plan).WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Cascade);
            round.HasOne<Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProgressEntryRow>(entry =>
        {
            entry.ToTable("progress_entries");
            entry.HasIndex(e => new { e.RoundId, e.Subject, e.Sequence }).IsUnique();
            entry.Property(e => e.Subject).HasMaxLength(120);
            entry.Property(e => e.ItemNumber).HasMaxLength(100);
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Review).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Spent).HasPrecision(18, 2);
            entry.Property(e => e.ReviewNote).HasMaxLength(2000);
            entry.Property(e => e.CorrectionReason).HasMaxLength(2000);
            entry.Property(e => e.CreatedBy).HasMaxLength(256);
            entry.Property(e => e.UpdatedBy).HasMaxLength(256);
            entry.Property(e => e.UpdatedByUserId).HasMaxLength(450);
            entry.Property(e => e.ReviewedBy).HasMaxLength(256);
            entry.HasOne(e => e.Round).WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Cascade);
            entry.HasMany(e => e.Evidence).WithOne(v => v.Entry).HasForeignKey(v => v.EntryId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProgressEvidence>(evidence =>
        {
            evidence.ToTable("progress_evidence");
            evidence.HasIndex(v => v.EntryId);
            evidence.HasIndex(v => v.AgencyId);
            evidence.Property(v => v.Name).HasMaxLength(500).HasConversion(Printable);
            evidence.Property(v => v.Url).HasMaxLength(2000);
            evidence.Property(v => v.FileName).HasMaxLength(200).HasConversion(PrintableOrNull);
            evidence.Property(v => v.ContentType).HasMaxLength(100);
            evidence.Property(v => v.Sha256).HasMaxLength(64);
            evidence.Property(v => v.AddedBy).HasMaxLength(256);
        });

        builder.Entity<ActionPlanEvent>(planEvent =>
        {
            planEvent.ToTable("action_plan_events");
            planEvent.HasIndex(e => new { e.PlanId, e.AtUnixMs });
            planEvent.HasIndex(e => new { e.AgencyId, e.AtUnixMs });
            planEvent.Property(e => e.Subject).HasMaxLength(120);
            planEvent.Property(e => e.Action).HasMaxLength(30);
            planEvent.Property(e => e.UserId).HasMaxLength(450);
            planEvent.Property(e => e.UserName).HasMaxLength(256);
            planEvent.Property(e => e.Note).HasMaxLength(2000);
            planEvent.HasOne(e => e.Plan).WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.SetNull);
            planEvent.HasOne(e => e.Round).WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.SetNull);
            planEvent.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SecurityCounter>(counter =>
        {
            counter.ToTable("security_counters");
            counter.HasKey(c => c.Key);
            counter.Property(c => c.Key).HasMaxLength(100);
        });

        builder.Entity<DataProtectionKey>(key => key.ToTable("data_protection_keys"));

        builder.Entity<PendingImport>(pending =>
        {
            pending.ToTable("pending_imports");
            pending.HasKey(p => p.Id);
            pending.Property(p => p.Id).HasMaxLength(32);
            pending.Property(p => p.UserId).HasMaxLength(450);
            pending.Property(p => p.FileName).HasMaxLength(300);
            pending.HasIndex(p => p.ExpiresAtUnixMs);
        });
        builder.Entity<SentMail>(mail =>
        {
            mail.ToTable("sent_mail");
            mail.HasKey(m => m.Key);
            mail.Property(m => m.Key).HasMaxLength(MailLedger.KeyMax);
            mail.Property(m => m.Recipient).HasMaxLength(320);
            mail.Property(m => m.Subject).HasMaxLength(400);
            mail.Property(m => m.LastError).HasMaxLength(400);
        });

        LinkCheckModel.Configure(builder);
        builder.Entity<AppUser>(user => user.Property(u => u.DisplayName).HasMaxLength(200));
        SurveyModel.Configure(builder);
        Oit.OitModel.Configure(builder);
        Surveys.Signals.SurveyHourCounts.Configure(builder);
        WorkflowRows.Configure(builder);
        Surveys.OtpModel.Configure(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        WorkflowRows.Stamp(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        WorkflowRows.Stamp(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
