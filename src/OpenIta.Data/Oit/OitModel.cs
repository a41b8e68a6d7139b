using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Oit;

/// <summary>The OIT tables of the model (one call from <see cref="OpenItaDb"/>).</summary>
internal static class OitModel
{
    public const int UrlMax = 2000;
    public const int DomainMax = 253;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Agency>().Property(a => a.WebsiteDomain).HasMaxLength(DomainMax);

        builder.Entity<OitSetRow>(set =>
        {
            set.ToTable("oit_sets");
            set.HasIndex(s => new { s.AgencyId, s.FiscalYear }).IsUnique();
            set.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            set.Property(s => s.SubmittedBy).HasMaxLength(256);
            set.Property(s => s.UpdatedBy).HasMaxLength(256);
            set.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Cascade);
            set.HasMany(s => s.Items).WithOne(i => i.Set).HasForeignKey(i => i.SetId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OitItemRow>(item =>
        {
            item.ToTable("oit_items");
            item.HasIndex(i => new { i.AgencyId, i.FiscalYear, i.Code }).IsUnique();
            item.HasIndex(i => i.SetId);
            item.Property(i => i.Code).HasMaxLength(20);
            item.Property(i => i.Note).HasMaxLength(4000);
            item.Property(i => i.LinksUpdatedBy).HasMaxLength(256);
            item.Property(i => i.ScoreState).HasConversion<string>().HasMaxLength(20);
            item.Property(i => i.CriteriaNotMet).HasMaxLength(200);
            item.Property(i => i.Reason).HasMaxLength(4000);
            item.Property(i => i.Suggestion).HasMaxLength(4000);
            item.Property(i => i.ScoredByUserId).HasMaxLength(450);
            item.Property(i => i.ScoredBy).HasMaxLength(256);
            item.Property(i => i.Clarification).HasMaxLength(4000);
            item.Property(i => i.ClarifiedBy).HasMaxLength(256);
            item.HasOne(i => i.OwnerUnit).WithMany().HasForeignKey(i => i.OwnerUnitId).OnDelete(DeleteBehavior.SetNull);
            item.HasMany(i => i.Urls).WithOne(u => u.Item).HasForeignKey(u => u.ItemId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OitUrlRow>(url =>
        {
            url.ToTable("oit_urls");
            url.HasIndex(u => new { u.ItemId, u.Position });
            url.Property(u => u.Url).HasMaxLength(UrlMax);
            url.Property(u => u.Exception).HasMaxLength(1000);
            url.Property(u => u.AddedBy).HasMaxLength(256);
        });

        builder.Entity<OitWindowRow>(window =>
        {
            window.ToTable("oit_windows");
            window.HasIndex(w => new { w.AgencyId, w.FiscalYear }).IsUnique();
            window.Property(w => w.SetBy).HasMaxLength(256);
            window.HasOne(w => w.Agency).WithMany().HasForeignKey(w => w.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OitEventRow>(oitEvent =>
        {
            oitEvent.ToTable("oit_events");
            oitEvent.HasIndex(e => new { e.AgencyId, e.FiscalYear, e.AtUnixMs });
            oitEvent.Property(e => e.ItemCode).HasMaxLength(20);
            oitEvent.Property(e => e.Action).HasMaxLength(30);
            oitEvent.Property(e => e.UserId).HasMaxLength(450);
            oitEvent.Property(e => e.UserName).HasMaxLength(256);
            oitEvent.Property(e => e.Note).HasMaxLength(4000);
            oitEvent.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
