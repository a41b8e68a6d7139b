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
}
