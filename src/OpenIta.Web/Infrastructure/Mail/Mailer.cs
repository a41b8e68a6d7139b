using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OpenIta.Web.Infrastructure.Mail;

/// <summary>A plain-text message to one person.</summary>
public sealed record OutgoingMail(string To, string Subject, string Text);

/// <summary>Sends messages as <see cref="MailOptions"/> says: through an SMTP server, into a file, or not at all.</summary>
public interface IMailer
{
    /// <summary>Whether messages go anywhere (<c>Mail:Provider</c> is smtp or file).</summary>
    bool Enabled { get; }

    /// <summary>Sends one message; throws when the server refuses it or cannot be reached (the caller tries again later).</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>The message as it goes out, for every provider: UTF-8 text, Thai subject encoded per RFC 2047.</summary>
internal static class MailMessages
{
    public static MimeMessage Build(MailOptions options, OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = mail.Text };
        return message;
    }
}

/// <summary>No provider: nothing is sent (reminders are in the application only).</summary>
public sealed class NoMailer : IMailer
{
    public bool Enabled => false;

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Sends through an SMTP server with MailKit, one connection per message (reminders are few).</summary>
public sealed class SmtpMailer(IOptions<MailOptions> options) : IMailer
{
    public bool Enabled => true;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value;
        var smtp = settings.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("Mail:Provider is smtp but Mail:Smtp:Host is not set.");
        }
        var security = smtp.Security.ToUpperInvariant() switch
        {
            "NONE" => SecureSocketOptions.None,
            "SSL" => SecureSocketOptions.SslOnConnect,
            "AUTO" => SecureSocketOptions.Auto,
            _ => SecureSocketOptions.StartTls,
        };
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(MailMessages.Build(settings, mail), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}

/// <summary>Development: appends each message to <c>Mail:File</c> (mbox-like: a "From " line, the message, a blank line).</summary>
public sealed class FileMailer(IOptions<MailOptions> options, TimeProvider clock) : IMailer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public bool Enabled => true;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value;
        var path = settings.File ?? throw new InvalidOperationException("Mail:Provider is file but Mail:File is not set.");
        var message = MailMessages.Build(settings, mail);
        message.Date = clock.GetUtcNow();
        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer, cancellationToken);
        var separator = System.Text.Encoding.ASCII.GetBytes(
            "From openita " + clock.GetUtcNow().ToString("ddd MMM dd HH:mm:ss yyyy", System.Globalization.CultureInfo.InvariantCulture) + "\n");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await file.WriteAsync(separator, cancellationToken);
            buffer.Position = 0;
            await buffer.CopyToAsync(file, cancellationToken);
            await file.WriteAsync("\n\n"u8.ToArray(), cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}

public static class MailSetup
{
    /// <summary>The mailer of <c>Mail:Provider</c> and the reminders' background run.</summary>
    public static IServiceCollection AddOpenItaMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        var options = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        if (options.IsSmtp)
        {
            services.AddSingleton<IMailer, SmtpMailer>();
        }
        else if (options.IsFile)
        {
            services.AddSingleton<IMailer, FileMailer>();
        }
        else
        {
            services.AddSingleton<IMailer, NoMailer>();
        }
        return services;
    }
}
