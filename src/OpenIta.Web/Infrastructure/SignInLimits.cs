using System.Net;
using Microsoft.Extensions.Options;
using OpenIta.Data;
using OpenIta.Data.Security;

namespace OpenIta.Web.Infrastructure;

/// <summary>Settings of the sign-in limits (<c>Security:SignIn</c>).</summary>
public sealed class SignInLimitOptions
{
    /// <summary>Sign-in attempts one client address may make in a minute (counted across every instance).</summary>
    public int PerAddressPerMinute { get; set; } = 10;

    /// <summary>Wrong passwords for one user name, within an hour, before each further attempt must wait a back-off.</summary>
    public int FailuresBeforeBackoff { get; set; } = 5;
}

/// <summary>
/// The sign-in limits, kept in the database so that every instance counts into the same counters
/// (<see cref="SecurityCounters"/>): attempts per client address (the real client behind known proxies), and failures
/// per user name, which past <see cref="SignInLimitOptions.FailuresBeforeBackoff"/> make the next attempt for that name
/// wait 30 s, then 1, 2, 4 … up to 15 minutes. The back-off holds only the sign-in form: the account is not locked,
/// its API tokens and its open sessions keep working, and a user name that does not exist is throttled exactly like
/// one that does (nothing tells the two apart).
/// </summary>
public sealed class SignInLimits(OpenItaDb db, CounterKeys keys, TimeProvider clock, IOptions<SignInLimitOptions> options)
{
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan FailureWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(15);

    /// <summary>Whether an attempt may go on; when not, which limit and how long to wait.</summary>
    public sealed record Verdict(bool Allowed, string Limit, TimeSpan RetryAfter)
    {
        public static Verdict Allow { get; } = new(true, "", TimeSpan.Zero);

        public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
    }

    /// <summary>Counts the attempt against the client's address and checks the user name's back-off.</summary>
    public async Task<Verdict> CheckAsync(IPAddress? client, string? userName, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var address = await SecurityCounters.HitAsync(db, AddressKey(client), AddressWindow, now, cancellationToken);
        if (address.Count > options.Value.PerAddressPerMinute)
        {
            return new Verdict(false, "address", address.WindowStart + AddressWindow - now);
        }
        if (string.IsNullOrWhiteSpace(userName))
        {
            return Verdict.Allow;
        }
        var account = await SecurityCounters.ReadAsync(db, AccountKey(userName), FailureWindow, now, cancellationToken);
        return account.IsBlockedAt(now) ? new Verdict(false, "account", account.BlockedUntil!.Value - now) : Verdict.Allow;
    }

    /// <summary>A wrong password (or an unknown name): counts it, and past the threshold sets the next back-off.</summary>
    public async Task FailedAsync(string userName, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var key = AccountKey(userName);
        var failures = await SecurityCounters.HitAsync(db, key, FailureWindow, now, cancellationToken);
        var over = failures.Count - options.Value.FailuresBeforeBackoff;
        if (over >= 0)
        {
            await SecurityCounters.BlockAsync(db, key, now + Backoff(over), cancellationToken);
        }
    }

    /// <summary>A successful sign-in clears the user name's failures (and old counters are swept away).</summary>
    public async Task SucceededAsync(string userName, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await SecurityCounters.ResetAsync(db, AccountKey(userName), cancellationToken);
        await SecurityCounters.PurgeAsync(db, now - FailureWindow - LongestBackoff, now, cancellationToken);
    }

    /// <summary>30 s after the threshold's failure, doubling with each further one, at most 15 minutes.</summary>
    public static TimeSpan Backoff(int failuresOverThreshold) =>
        failuresOverThreshold >= 5 ? LongestBackoff : TimeSpan.FromTicks(Math.Min(LongestBackoff.Ticks, FirstBackoff.Ticks << failuresOverThreshold));

    public string ClientPseudonym(IPAddress? client) => keys.Pseudonym(Address(client));

    public string AccountPseudonym(string? userName) => keys.Pseudonym(Normalize(userName));

    private string AddressKey(IPAddress? client) => keys.For("signin-ip", Address(client));

    private string AccountKey(string userName) => keys.For("signin-user", Normalize(userName));

    internal static string Address(IPAddress? client) =>
        client is null ? "unknown" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();

    private static string Normalize(string? userName) => (userName ?? "").Trim().ToUpperInvariant();
}
