using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Mail;

/// <summary>
/// Sends a message once across every instance of the application on one database. An instance claims the message's
/// key with one atomic statement (<c>INSERT … ON CONFLICT DO UPDATE … WHERE</c>, the same text on SQLite and
/// PostgreSQL): the first claim inserts the row, a later one takes it only when it was never sent and no other instance
/// holds it (a claim older than <c>staleAfter</c> is taken over: the instance that held it stopped). Whoever gets the
/// row sends, then marks it sent; a failed send releases it for the next run.
/// </summary>
public static class MailLedger
{
    /// <summary>The longest key.</summary>
    public const int KeyMax = 200;

    /// <summary>Whether this caller now holds <paramref name="key"/> and must send it; false when it was sent or another
    /// instance is sending it.</summary>
    public static async Task<bool> ClaimAsync(OpenItaDb db, string key, string recipient, string subject, DateTimeOffset now,
        TimeSpan staleAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > KeyMax)
        {
            throw new ArgumentException($"A mail key is at most {KeyMax} characters.", nameof(key));
        }
        var nowMs = now.ToUnixTimeMilliseconds();
        var staleBefore = nowMs - (long)staleAfter.TotalMilliseconds;
        var shortSubject = subject.Length > 400 ? subject[..400] : subject;
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO sent_mail ("Key", "Recipient", "Subject", "ClaimedAtUnixMs", "SentAtUnixMs", "Attempts", "LastError")
            VALUES ({key}, {recipient}, {shortSubject}, {nowMs}, NULL, 1, NULL)
            ON CONFLICT ("Key") DO UPDATE SET "ClaimedAtUnixMs" = {nowMs}, "Attempts" = sent_mail."Attempts" + 1
            WHERE sent_mail."SentAtUnixMs" IS NULL
              AND (sent_mail."ClaimedAtUnixMs" IS NULL OR sent_mail."ClaimedAtUnixMs" <= {staleBefore})
            """, cancellationToken);
        return claimed == 1;
    }

    /// <summary>The mail server accepted the message: it is never sent again.</summary>
    public static Task MarkSentAsync(OpenItaDb db, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var nowMs = now.ToUnixTimeMilliseconds();
        return db.SentMail.Where(m => m.Key == key)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.SentAtUnixMs, nowMs).SetProperty(m => m.LastError, (string?)null), cancellationToken);
    }

    /// <summary>The send failed: the next run tries again.</summary>
    public static Task ReleaseAsync(OpenItaDb db, string key, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(error);
        var shortError = error.Length > 400 ? error[..400] : error;
        return db.SentMail.Where(m => m.Key == key && m.SentAtUnixMs == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedAtUnixMs, (long?)null).SetProperty(m => m.LastError, shortError), cancellationToken);
    }
}
