using OpenIta.Data;
using OpenIta.Data.Mail;

namespace OpenIta.Web.Infrastructure.Mail;

/// <summary>A message that must go out once: its key says what it is about (<see cref="SentMail.Key"/>).</summary>
public sealed record OnceMail(string Key, OutgoingMail Mail);

/// <summary>
/// Sends messages once each, whatever the number of instances on the database and however often they run: each is
/// claimed in <see cref="MailLedger"/> first, sent, then marked sent; a failure releases it for the next run and is
/// logged (never thrown: one bad address does not stop the others).
/// </summary>
public sealed class MailDispatch(OpenItaDb db, IMailer mailer, TimeProvider clock, ILogger<MailDispatch> log)
{
    /// <summary>A claim older than this is taken over (the instance that held it stopped while sending).</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    /// <summary>Sends what was not sent yet; returns how many this call sent.</summary>
    public async Task<int> SendOnceAsync(IEnumerable<OnceMail> mails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        if (!mailer.Enabled)
        {
            return 0;
        }
        var sent = 0;
        foreach (var (key, mail) in mails)
        {
            if (!await MailLedger.ClaimAsync(db, key, mail.To, mail.Subject, clock.GetUtcNow(), StaleClaim, cancellationToken))
            {
                continue;
            }
            try
            {
                await mailer.SendAsync(mail, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Mail {Key} to {To} was not sent; it is tried again on the next run", key, mail.To);
                await MailLedger.ReleaseAsync(db, key, e.GetType().Name + ": " + e.Message, CancellationToken.None);
                continue;
            }
            await MailLedger.MarkSentAsync(db, key, clock.GetUtcNow(), CancellationToken.None);
            sent++;
        }
        return sent;
    }
}
