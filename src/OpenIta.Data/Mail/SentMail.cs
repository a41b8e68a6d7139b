namespace OpenIta.Data.Mail;

/// <summary>
/// A message that must go out once (a reminder), shared by every instance of the application through the database:
/// an instance claims the row before it sends and marks it sent after (<see cref="MailLedger"/>). The key says what the
/// message is about (<c>round:12:user:abc:overdue</c>), so the same reminder is never sent twice, by any instance.
/// </summary>
public sealed class SentMail
{
    /// <summary>What the message is about, unique: at most 200 characters.</summary>
    public required string Key { get; set; }

    /// <summary>The address it goes to.</summary>
    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    /// <summary>When an instance took it to send; null when no instance holds it (never tried, or the last try failed).</summary>
    public long? ClaimedAtUnixMs { get; set; }

    /// <summary>When the mail server accepted it; null until then.</summary>
    public long? SentAtUnixMs { get; set; }

    /// <summary>How many times an instance took it.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last try failed (the mail server's answer), shortened.</summary>
    public string? LastError { get; set; }
}
