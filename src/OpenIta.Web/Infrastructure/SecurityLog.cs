namespace OpenIta.Web.Infrastructure;

/// <summary>
/// The structured log events of security and operations (event ids 1000–1099). They carry ids and pseudonyms
/// (<see cref="CounterKeys.Pseudonym"/>), never a user name, an address, a password or a token in clear. With
/// <c>Logging:Console:FormatterName=json</c> each is one JSON line with its named fields.
/// </summary>
public static partial class SecurityLog
{
    [LoggerMessage(EventId = 1001, EventName = "SignInSucceeded", Level = LogLevel.Information,
        Message = "Sign-in succeeded for user {UserId} from client {Client}")]
    public static partial void SignInSucceeded(ILogger logger, string userId, string client);

    [LoggerMessage(EventId = 1002, EventName = "SignInFailed", Level = LogLevel.Information,
        Message = "Sign-in failed for account {Account} from client {Client}: {Reason}")]
    public static partial void SignInFailed(ILogger logger, string account, string client, string reason);

    [LoggerMessage(EventId = 1003, EventName = "SignInThrottled", Level = LogLevel.Warning,
        Message = "Sign-in throttled ({Limit}) for account {Account} from client {Client}; retry after {RetryAfterSeconds} s")]
    public static partial void SignInThrottled(ILogger logger, string limit, string account, string client, int retryAfterSeconds);

    [LoggerMessage(EventId = 1004, EventName = "SignedOut", Level = LogLevel.Information,
        Message = "User {UserId} signed out; every session of the user ended")]
    public static partial void SignedOut(ILogger logger, string userId);

    [LoggerMessage(EventId = 1010, EventName = "ApiTokenUsed", Level = LogLevel.Information,
        Message = "API token {TokenId} of user {UserId} used (logged at most once a minute per token)")]
    public static partial void ApiTokenUsed(ILogger logger, int tokenId, string userId);

    [LoggerMessage(EventId = 1012, EventName = "ApiTokenLastUseNotWritten", Level = LogLevel.Warning,
        Message = "API token {TokenId}: its last use was not written ({Error}); the call went on")]
    public static partial void ApiTokenLastUseNotWritten(ILogger logger, int tokenId, string error);

    [LoggerMessage(EventId = 1011, EventName = "ApiTokenRefused", Level = LogLevel.Warning,
        Message = "API token refused: {Reason}")]
    public static partial void ApiTokenRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1020, EventName = "StartupLockWaited", Level = LogLevel.Information,
        Message = "Start-up step {Step} ran under the instance lock after waiting {WaitedMs} ms")]
    public static partial void StartupLockWaited(ILogger logger, string step, long waitedMs);

    [LoggerMessage(EventId = 1030, EventName = "PasswordChanged", Level = LogLevel.Information,
        Message = "User {UserId} changed their password")]
    public static partial void PasswordChanged(ILogger logger, string userId);

    [LoggerMessage(EventId = 1031, EventName = "PasswordReset", Level = LogLevel.Information,
        Message = "User {UserId} set a password through a reset link")]
    public static partial void PasswordReset(ILogger logger, string userId);

    [LoggerMessage(EventId = 1032, EventName = "PeopleChanged", Level = LogLevel.Information,
        Message = "Administrator {AdministratorId} on user {UserId}: {Change}")]
    public static partial void PeopleChanged(ILogger logger, string administratorId, string userId, string change);

    // EIT part 1's one-time codes (issue 12): never the phone, not even a pseudonym of it; the agency and the client.
    [LoggerMessage(EventId = 1040, EventName = "OtpSent", Level = LogLevel.Information,
        Message = "Survey OTP sent for agency {AgencyId} to a phone asked for by client {Client}")]
    public static partial void OtpSent(ILogger logger, int agencyId, string client);

    [LoggerMessage(EventId = 1041, EventName = "OtpThrottled", Level = LogLevel.Warning,
        Message = "Survey OTP throttled ({Limit}) for agency {AgencyId} from client {Client}; retry after {RetryAfterSeconds} s")]
    public static partial void OtpThrottled(ILogger logger, string limit, int agencyId, string client, int retryAfterSeconds);

    [LoggerMessage(EventId = 1042, EventName = "SmsSpendBreakerOpened", Level = LogLevel.Error,
        Message = "SMS gateway spend limit reached: {Limit} messages this hour; survey OTPs refused (503) for {RetryAfterSeconds} s")]
    public static partial void SmsSpendBreakerOpened(ILogger logger, int limit, int retryAfterSeconds);

    [LoggerMessage(EventId = 1043, EventName = "SmsNotSent", Level = LogLevel.Error,
        Message = "Survey OTP for agency {AgencyId} not sent: {Reason}")]
    public static partial void SmsNotSent(ILogger logger, int agencyId, string reason);

    [LoggerMessage(EventId = 1044, EventName = "OtpRefused", Level = LogLevel.Information,
        Message = "Survey OTP refused for agency {AgencyId} from client {Client}: {Reason}; {TriesLeft} tries left")]
    public static partial void OtpRefused(ILogger logger, int agencyId, string client, string reason, int triesLeft);

    [LoggerMessage(EventId = 1045, EventName = "OtpVerified", Level = LogLevel.Information,
        Message = "Survey OTP verified for agency {AgencyId} from client {Client}; a ticket was issued")]
    public static partial void OtpVerified(ILogger logger, int agencyId, string client);

    [LoggerMessage(EventId = 1046, EventName = "OtpUnavailable", Level = LogLevel.Error,
        Message = "Survey OTP asked for agency {AgencyId} but it is off: {Reason}")]
    public static partial void OtpUnavailable(ILogger logger, int agencyId, string reason);
}
