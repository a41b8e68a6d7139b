using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Surveys;

/// <summary>The OTP tables of EIT part 1 in the one model (called once from <see cref="OpenItaDb"/>).</summary>
public static class OtpModel
{
    public const int HashLength = 64;

    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<OtpChallenge>(challenge =>
        {
            challenge.ToTable("survey_otp_challenges");
            challenge.HasKey(c => c.Key);
            challenge.Property(c => c.Key).HasMaxLength(HashLength);
            challenge.Property(c => c.CodeHash).HasMaxLength(HashLength);
            challenge.HasIndex(c => c.ExpiresAtUnixMs);
        });
        builder.Entity<OtpTicket>(ticket =>
        {
            ticket.ToTable("survey_otp_tickets");
            ticket.HasKey(t => t.Hash);
            ticket.Property(t => t.Hash).HasMaxLength(HashLength);
            ticket.Property(t => t.LinkToken).HasMaxLength(100);
            ticket.Property(t => t.PhoneKey).HasMaxLength(HashLength);
            ticket.HasIndex(t => t.ExpiresAtUnixMs);
            ticket.HasOne<Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SurveyPhoneKey>(phone =>
        {
            phone.ToTable("survey_phone_keys");
            // The primary key is the uniqueness: one response per phone per agency and year. On SQLite the table has
            // no rowid (WITHOUT ROWID, see SqliteOpenItaDb), so not even the storage order tells which row came when.
            phone.HasKey(p => new { p.AgencyId, p.FiscalYear, p.PhoneKey });
            phone.Property(p => p.PhoneKey).HasMaxLength(HashLength);
            phone.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
