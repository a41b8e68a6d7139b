namespace OpenIta.Data.Users;

/// <summary>
/// A one-time link an administrator hands to a user to set a password (a new user's first, or a forgotten one). Only a
/// hash of the link's secret is stored; the link is shown once, when it is made. It works once, until it expires, and
/// only while it is the user's newest link (<see cref="UserAccounts.IssueResetLinkAsync"/> removes the older ones). A
/// table rather than Identity's data-protection tokens: several instances share it through the database, it is used
/// up with one conditional UPDATE, and its expiry follows the injected clock.
/// </summary>
public sealed class PasswordResetLink
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }

    /// <summary>SHA-256 of the link's secret, hex.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The administrator who issued it (user name).</summary>
    public required string CreatedBy { get; set; }

    public long CreatedAtUnixMs { get; set; }
    public long ExpiresAtUnixMs { get; set; }
    public long? UsedAtUnixMs { get; set; }
}
