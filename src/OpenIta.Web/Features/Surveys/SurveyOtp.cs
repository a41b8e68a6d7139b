using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenIta.Core.Surveys;
using OpenIta.Data;
using OpenIta.Data.Security;
using OpenIta.Data.Surveys;
using OpenIta.Web.Infrastructure;
using OpenIta.Web.Infrastructure.Sms;

namespace OpenIta.Web.Features.Surveys;

/// <summary>The limits of EIT part 1's one-time codes (<c>Surveys:Otp</c>); every count is kept in the database.</summary>
public sealed class SurveyOtpOptions
{
    public const string Section = "Surveys:Otp";

    /// <summary>Codes one phone may be sent in an hour (across every link).</summary>
    public int PerPhonePerHour { get; set; } = 5;

    /// <summary>Seconds between two codes to one phone.</summary>
    public int PerPhoneIntervalSeconds { get; set; } = 60;

    /// <summary>Codes one client address may ask for in an hour. Generous: many phones share an address behind a
    /// mobile operator's NAT or an office's network.</summary>
    public int PerAddressPerHour { get; set; } = 60;

    /// <summary>The gateway's spend: messages sent in an hour by every instance together; past it the OTP answers 503
    /// until the hour is over (a circuit breaker against a flood that would cost the agency money).</summary>
    public int MessagesPerHour { get; set; } = 2000;

    /// <summary>How long a verified phone's ticket is valid, in minutes (time to answer the questionnaire).</summary>
    public int TicketMinutes { get; set; } = 60;
}

/// <summary>What asking for a code came to.</summary>
public abstract record OtpSend
{
    public sealed record Sent : OtpSend;

    /// <summary>A limit of this phone or this client: 429.</summary>
    public sealed record Limited(string Limit, TimeSpan RetryAfter) : OtpSend;

    /// <summary>The gateway's spend for the hour is used up: 503.</summary>
    public sealed record BreakerOpen(TimeSpan RetryAfter) : OtpSend;

    /// <summary>No gateway or no phone key configured, or the gateway refused: 503.</summary>
    public sealed record Unavailable(string Reason) : OtpSend;
}

/// <summary>What a verification came to.</summary>
public abstract record OtpVerify
{
    public sealed record Verified(string Ticket) : OtpVerify;

    public sealed record Refused(OtpTry Why, int TriesLeft) : OtpVerify;

    /// <summary>The phone has answered EIT part 1 of this agency and year: 409.</summary>
    public sealed record AlreadyAnswered : OtpVerify;

    public sealed record Unavailable(string Reason) : OtpVerify;
}

/// <summary>The survey link a code is asked for: what the link opens (resolved by the survey's own tables).</summary>
public sealed record OtpLink(string Token, int AgencyId, int FiscalYear);

/// <summary>
/// EIT part 1's one-time codes (issue 12, item 4): a 6-digit code from the cryptographic generator, kept only as a keyed
/// hash for 5 minutes and at most 5 tries (<see cref="OtpStore"/>); resend limits per phone and per client address and
/// the gateway's spend counted in <c>security_counters</c> (every instance counts into the same rows); a verified phone
/// gets a single-use ticket bound to the link. The phone is never stored, logged or put in an answer: counters and
/// tables hold keyed hashes, log events a client pseudonym and the agency.
/// </summary>
public sealed class SurveyOtp(
    OpenItaDb db, SurveyOtpKeys phoneKeys, CounterKeys counterKeys, ISmsSender sms, TimeProvider clock,
    IOptions<SurveyOtpOptions> options, ILogger<SurveyOtp> log)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async Task<OtpSend> SendAsync(OtpLink link, ThaiMobileNumber phone, IPAddress? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(phone);
        var keys = phoneKeys.Keys;
        if (keys is null || !sms.Enabled)
        {
            var reason = keys is null ? "Surveys:PhoneKey is not set" : "Sms:Provider is none";
            SecurityLog.OtpUnavailable(log, link.AgencyId, reason);
            return new OtpSend.Unavailable(reason);
        }
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var address = SignInLimits.Address(client);
        var clientPseudonym = counterKeys.Pseudonym(address);
        var perAddress = await SecurityCounters.HitAsync(db, counterKeys.For("otp-ip", address), Hour, now, cancellationToken);
        if (perAddress.Count > settings.PerAddressPerHour)
        {
            return Throttled("address", perAddress.WindowStart + Hour - now);
        }
        var interval = TimeSpan.FromSeconds(Math.Max(1, settings.PerPhoneIntervalSeconds));
        var recent = await SecurityCounters.HitAsync(db, counterKeys.For("otp-phone-interval", phone.E164), interval, now, cancellationToken);
        if (recent.Count > 1)
        {
            return Throttled("phone-interval", recent.WindowStart + interval - now);
        }
        var perPhone = await SecurityCounters.HitAsync(db, counterKeys.For("otp-phone", phone.E164), Hour, now, cancellationToken);
        if (perPhone.Count > settings.PerPhonePerHour)
        {
            return Throttled("phone", perPhone.WindowStart + Hour - now);
        }
        var spend = await SecurityCounters.HitAsync(db, "sms-spend:all", Hour, now, cancellationToken);
        if (spend.Count > settings.MessagesPerHour)
        {
            var retry = spend.WindowStart + Hour - now;
            if (spend.Count == settings.MessagesPerHour + 1)
            {
                SecurityLog.SmsSpendBreakerOpened(log, settings.MessagesPerHour, Seconds(retry)); // once a window, by whichever instance opens it
            }
            SecurityLog.OtpThrottled(log, "gateway-spend", link.AgencyId, clientPseudonym, Seconds(retry));
            return new OtpSend.BreakerOpen(retry);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var challenge = keys.Challenge(link.Token, phone.E164);
        await OtpStore.PutCodeAsync(db, challenge, keys.Code(challenge, code), now + OtpStore.CodeLife, cancellationToken);
        if (RandomNumberGenerator.GetInt32(64) == 0)
        {
            await OtpStore.SweepAsync(db, now - Hour, cancellationToken); // now and then, expired codes and tickets go
        }
        try
        {
            await sms.SendAsync(new SmsMessage(phone, Text(code)), cancellationToken);
        }
        catch (SmsNotSentException e)
        {
            SecurityLog.SmsNotSent(log, link.AgencyId, e.Message);
            return new OtpSend.Unavailable(e.Message);
        }
        SecurityLog.OtpSent(log, link.AgencyId, clientPseudonym);
        return new OtpSend.Sent();

        OtpSend Throttled(string limit, TimeSpan retryAfter)
        {
            SecurityLog.OtpThrottled(log, limit, link.AgencyId, clientPseudonym, Seconds(retryAfter));
            return new OtpSend.Limited(limit, retryAfter);
        }
    }

    public async Task<OtpVerify> VerifyAsync(OtpLink link, ThaiMobileNumber phone, string code, IPAddress? client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(code);
        var keys = phoneKeys.Keys;
        if (keys is null)
        {
            return new OtpVerify.Unavailable("Surveys:PhoneKey is not set");
        }
        var now = clock.GetUtcNow();
        var challenge = keys.Challenge(link.Token, phone.E164);
        var outcome = await OtpStore.TryAsync(db, challenge, keys.Code(challenge, code), now, cancellationToken);
        var clientPseudonym = counterKeys.Pseudonym(SignInLimits.Address(client));
        if (outcome != OtpTry.Right)
        {
            var left = outcome == OtpTry.Wrong ? await OtpStore.TriesLeftAsync(db, challenge, cancellationToken) : 0;
            SecurityLog.OtpRefused(log, link.AgencyId, clientPseudonym, outcome.ToString(), left);
            return new OtpVerify.Refused(outcome, left);
        }
        var phoneKey = keys.Phone(link.AgencyId, link.FiscalYear, phone.E164);
        if (await OtpStore.AnsweredAsync(db, link.AgencyId, link.FiscalYear, phoneKey, cancellationToken))
        {
            SecurityLog.OtpRefused(log, link.AgencyId, clientPseudonym, "AlreadyAnswered", 0);
            return new OtpVerify.AlreadyAnswered();
        }
        var ticket = await OtpStore.IssueTicketAsync(db, link.Token, link.AgencyId, link.FiscalYear, phoneKey,
            now + TimeSpan.FromMinutes(Math.Max(1, options.Value.TicketMinutes)), cancellationToken);
        SecurityLog.OtpVerified(log, link.AgencyId, clientPseudonym);
        return new OtpVerify.Verified(ticket);
    }

    /// <summary>The message: Thai, the code first (phones show the start of a message in the notification).</summary>
    public static string Text(string code) =>
        code + " คือรหัส OTP แบบสอบถาม ITA ของท่าน ใช้ได้ภายใน 5 นาที ห้ามบอกรหัสนี้แก่ผู้อื่น";

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
}

/// <summary>
/// <c>Surveys:PhoneKey</c> as <see cref="OtpKeys"/> (see there why it is a secret of its own). Not set: in the
/// Development and Testing environments a built-in key with a warning; in any other environment none, and the OTP
/// answers 503 (a built-in key would let anyone hash every Thai mobile number and read the phone keys back).
/// </summary>
public sealed class SurveyOtpKeys
{
    private const string BuiltIn = "openita-survey-phone-key-for-development-only";

    public SurveyOtpKeys(IConfiguration configuration, IHostEnvironment environment, ILogger<SurveyOtpKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration["Surveys:PhoneKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Keys = new OtpKeys(configured);
        }
        else if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            logger.LogWarning("Surveys:PhoneKey is not set: phones are keyed with the built-in development key.");
            Keys = new OtpKeys(BuiltIn);
        }
        else
        {
            logger.LogWarning("Surveys:PhoneKey is not set: EIT part 1's one-time codes are off (503). Set a long random secret, the same on every instance, and keep it for the whole year.");
        }
    }

    /// <summary>Null when EIT part 1's codes are off.</summary>
    public OtpKeys? Keys { get; }
}
