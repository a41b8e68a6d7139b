using System.Security.Cryptography;
using System.Text;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// The keys of <c>security_counters</c>: a purpose and an HMAC-SHA256 of the value (a client address, a user name),
/// so that the table never holds an address or a name in clear. The HMAC key is <c>Security:CounterKey</c> (any long
/// random text, the same on every instance); without it a built-in key is used and the start-up log says so (an
/// address space as small as IPv4 can then be guessed back from the table).
/// </summary>
public sealed class CounterKeys
{
    private const string BuiltInKey = "openita-security-counters-built-in-key";

    private readonly byte[] _key;

    public CounterKeys(IConfiguration configuration, ILogger<CounterKeys> logger)
    {
        var configured = configuration["Security:CounterKey"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            IsBuiltIn = true;
            logger.LogWarning("Security:CounterKey is not set: security counters are keyed with the built-in HMAC key. Set the same long random value on every instance.");
        }
        _key = Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(configured) ? BuiltInKey : configured);
    }

    /// <summary>True when <c>Security:CounterKey</c> is not configured.</summary>
    public bool IsBuiltIn { get; }

    /// <summary>"purpose:hex" (at most 100 characters): the counter of <paramref name="value"/> for <paramref name="purpose"/>.</summary>
    public string For(string purpose, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentNullException.ThrowIfNull(value);
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + value));
        return purpose + ":" + Convert.ToHexStringLower(mac);
    }

    /// <summary>A short pseudonym of a value for the logs (the first 12 hex digits of its HMAC): correlates, never names.</summary>
    public string Pseudonym(string value) => For("log", value)[4..16];
}
