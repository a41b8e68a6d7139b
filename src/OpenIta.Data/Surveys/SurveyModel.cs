using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpenIta.Core.Methodology;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Surveys;

/// <summary>The EF configuration of the surveys' tables (issue 12), called by one line of <see cref="OpenItaDb"/>.</summary>
public static class SurveyModel
{
    /// <summary>Instruments stored by their codes (IIT, EIT1 …), as every file and page writes them.</summary>
    private static readonly ValueConverter<Instrument, string> InstrumentCode = new(
        i => i.Code(),
        s => Parse(s));

    private static Instrument Parse(string code) =>
        InstrumentCodes.TryParse(code, out var instrument) ? instrument : throw new InvalidOperationException($"Unknown instrument code '{code}' in the database.");

    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Entity<AssessmentRound>(round =>
        {
            round.ToTable("assessment_rounds");
            round.HasIndex(r => new { r.AgencyId, r.FiscalYear }).IsUnique();
            round.HasIndex(r => new { r.FiscalYear, r.Status });
            round.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            round.Property(r => r.CreatedBy).HasMaxLength(256);
            round.Property(r => r.UpdatedBy).HasMaxLength(256);
            round.Property(r => r.ClosedBy).HasMaxLength(256);
            round.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Cascade);
            round.HasOne(r => r.Questionnaire).WithMany().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SurveyWindow>(window =>
        {
            window.ToTable("survey_windows");
            window.HasIndex(w => new { w.FiscalYear, w.GroupId }).IsUnique();
            window.Property(w => w.UpdatedBy).HasMaxLength(256);
            window.HasOne<Agency>().WithMany().HasForeignKey(w => w.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SurveyLink>(link =>
        {
            link.ToTable("survey_links");
            link.HasKey(l => l.Token);
            link.Property(l => l.Token).HasMaxLength(SurveyLinks.TokenLength);
            link.Property(l => l.Instrument).HasConversion(InstrumentCode).HasMaxLength(10);
            link.HasIndex(l => new { l.RoundId, l.Instrument });
            link.HasOne(l => l.Round).WithMany().HasForeignKey(l => l.RoundId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<QuestionnaireVersion>(version =>
        {
            version.ToTable("questionnaires");
            version.HasIndex(q => new { q.FiscalYear, q.Number }).IsUnique();
            version.Property(q => q.Sha256).HasMaxLength(64);
            version.Property(q => q.Note).HasMaxLength(2000);
            version.Property(q => q.CreatedBy).HasMaxLength(256);
        });

        builder.Entity<SurveyResponse>(response =>
        {
            response.ToTable("survey_responses");
            response.HasKey(r => r.Key);
            response.Property(r => r.Key).ValueGeneratedNever();
            response.Property(r => r.Instrument).HasConversion(InstrumentCode).HasMaxLength(10);
            response.Property(r => r.Answers).HasMaxLength(SurveyResponses.MaxItems);
            response.Property(r => r.EnteredBy).HasMaxLength(450);
            // Counts per round and instrument, and the scoring at close, read this index only.
            response.HasIndex(r => new { r.RoundId, r.Instrument });
            response.HasOne<AssessmentRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
            response.HasOne<QuestionnaireVersion>().WithMany().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SurveyExclusion>(exclusion =>
        {
            exclusion.ToTable("survey_exclusions");
            exclusion.HasKey(e => e.ResponseKey);
            exclusion.HasIndex(e => e.RoundId);
            exclusion.Property(e => e.Reason).HasMaxLength(2000);
            exclusion.Property(e => e.ByUserId).HasMaxLength(450);
            exclusion.Property(e => e.ByName).HasMaxLength(256);
            exclusion.HasOne<SurveyResponse>().WithOne().HasForeignKey<SurveyExclusion>(e => e.ResponseKey).OnDelete(DeleteBehavior.Cascade);
            exclusion.HasOne<AssessmentRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SurveyEvent>(surveyEvent =>
        {
            surveyEvent.ToTable("survey_events");
            surveyEvent.HasIndex(e => new { e.RoundId, e.AtUnixMs });
            surveyEvent.HasIndex(e => new { e.AgencyId, e.FiscalYear });
            surveyEvent.Property(e => e.Action).HasMaxLength(30);
            surveyEvent.Property(e => e.UserId).HasMaxLength(450);
            surveyEvent.Property(e => e.UserName).HasMaxLength(256);
            surveyEvent.Property(e => e.Note).HasMaxLength(2000);
            surveyEvent.HasOne<AssessmentRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SurveyAssessor>(assessor =>
        {
            assessor.ToTable("survey_assessors");
            assessor.HasIndex(a => new { a.UserId, a.AgencyId, a.FiscalYear }).IsUnique();
            assessor.HasIndex(a => new { a.AgencyId, a.FiscalYear });
            assessor.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            assessor.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Results.AgencyResult>(result =>
            result.HasOne<AssessmentRound>().WithMany().HasForeignKey(r => r.CollectedRoundId).OnDelete(DeleteBehavior.SetNull));
    }
}
