using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.LinkChecks;

/// <summary>The link checker's tables in the one model (<see cref="OpenItaDb"/> calls this).</summary>
public static class LinkCheckModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<LinkCheckJob>(job =>
        {
            job.ToTable("link_check_jobs");
            job.HasIndex(j => new { j.Status, j.Id });
            job.HasIndex(j => new { j.AgencyId, j.FiscalYear, j.Id });
            job.Property(j => j.Reason).HasMaxLength(20);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(10);
            job.Property(j => j.RequestedBy).HasMaxLength(256);
            job.Property(j => j.ClaimToken).HasMaxLength(32);
            job.Property(j => j.Error).HasMaxLength(400);
            job.HasOne<Agencies.Agency>().WithMany().HasForeignKey(j => j.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<LinkCheck>(check =>
        {
            check.ToTable("link_checks");
            check.HasIndex(c => new { c.UrlId, c.CheckedAtUnixMs });
            check.HasIndex(c => new { c.AgencyId, c.FiscalYear });
            check.Property(c => c.Url).HasMaxLength(2000);
            check.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
            check.Property(c => c.ContentType).HasMaxLength(200);
            check.Property(c => c.Sha256).HasMaxLength(64);
            check.Property(c => c.FinalUrl).HasMaxLength(2000);
            check.Property(c => c.Detail).HasMaxLength(400);
            check.Ignore(c => c.IsBroken);
            check.HasOne<Oit.OitUrlRow>().WithMany().HasForeignKey(c => c.UrlId).OnDelete(DeleteBehavior.Cascade);
            check.HasOne<LinkCheckJob>().WithMany().HasForeignKey(c => c.JobId).OnDelete(DeleteBehavior.SetNull);
            check.HasOne<Agencies.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });
        // The check (and snapshot) an assessor's score is bound to: a real check; it goes only with its link or agency.
        builder.Entity<Oit.OitUrlRow>().HasOne<LinkCheck>().WithMany().HasForeignKey(u => u.ScoredCheckId).OnDelete(DeleteBehavior.SetNull);
    }
}
