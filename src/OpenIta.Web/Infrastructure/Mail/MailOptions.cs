namespace OpenIta.Web.Infrastructure.Mail;

/// <summary>
/// The <c>Mail</c> settings (README, "E-mail"). <c>Mail:Provider</c> is <c>none</c> (the default: reminders are shown in
/// the application only), <c>smtp</c> (<c>Mail:Smtp:Host</c>, <c>Port</c>, <c>Security</c>, <c>User</c>,
/// <c>Password</c>) or <c>file</c> (development: every message is appended to <c>Mail:File</c>).
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string Provider { get; set; } = "none";

    /// <summary>The sender's address (<c>OpenITA &lt;ita@agency.go.th&gt;</c> or a bare address).</summary>
    public string From { get; set; } = "OpenITA <openita@localhost>";

    /// <summary>Where the file sink appends messages.</summary>
    public string? File { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often an instance looks for reminders to send, in minutes (every instance may; each reminder goes once).</summary>
    public int ReminderIntervalMinutes { get; set; } = 60;

    /// <summary>How many days before a round's due date its owners are reminded.</summary>
    public int RemindDaysBefore { get; set; } = 7;

    /// <summary>The address of the application in the messages' links (<c>https://ita.agency.go.th</c>); none: no link.</summary>
    public string? BaseUrl { get; set; }

    public bool IsSmtp => string.Equals(Provider, "smtp", StringComparison.OrdinalIgnoreCase);
    public bool IsFile => string.Equals(Provider, "file", StringComparison.OrdinalIgnoreCase);
    public bool Enabled => IsSmtp || IsFile;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary><c>starttls</c> (the default: refuse a server that cannot), <c>ssl</c> (TLS from the start, port 465),
    /// <c>auto</c>, or <c>none</c> (only for a relay on the same host or network).</summary>
    public string Security { get; set; } = "starttls";

    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>How long one connection and send may take, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
