namespace OpenIta.Data.Security;

/// <summary>
/// One counter of a security limit (sign-in attempts from an address, failures of one user name, later the survey's
/// OTP limits), shared by every instance of the application through the database. <see cref="Key"/> never holds
/// personal data in clear: it is a purpose and an HMAC of the address or name (<see cref="SecurityCounters"/>).
/// </summary>
public sealed class SecurityCounter
{
    /// <summary>"purpose:hmac-hex", at most 100 characters.</summary>
    public required string Key { get; set; }

    /// <summary>When the current window began; a hit after the window has passed starts a new one at 1.</summary>
    public long WindowStartUnixMs { get; set; }

    /// <summary>Hits in the current window.</summary>
    public int Count { get; set; }

    /// <summary>Until when the key is refused (a back-off), or null.</summary>
    public long? BlockedUntilUnixMs { get; set; }
}
