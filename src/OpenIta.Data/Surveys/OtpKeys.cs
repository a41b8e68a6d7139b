using System.Security.Cryptography;
using System.Text;

namespace OpenIta.Data.Surveys;

/// <summary>
/// The keyed hashes of EIT part 1 (HMAC-SHA256 with <c>Surveys:PhoneKey</c>, a secret of the configuration that is
/// never in the database): the phone's key for one agency and year (<see cref="SurveyPhoneKey"/>), the key of a code
/// sent for one link and phone, and the hash of the code. A secret of its own, not <c>Security:CounterKey</c>: the phone
/// keys must stay the same for the whole year (rotating the counter key only resets counters; rotating this one would
/// let every phone answer again), and reading this table with that key would be worth far more.
/// With the key, the ~300 million Thai mobile numbers can be hashed in minutes: whoever holds both the database and the
/// key can tell whether a number answered. Without the key, nothing in the database tells a number.
/// </summary>
public sealed class OtpKeys
{
    private readonly byte[] _key;

    public OtpKeys(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        _key = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>The phone's key for one agency and year: unrelated to its key for any other agency or year.</summary>
    public string Phone(int agencyId, int fiscalYear, string e164) =>
        Hex(FormattableString.Invariant($"phone\n{agencyId}\n{fiscalYear}\n{e164}"));

    /// <summary>The key of the code sent to a phone for a link.</summary>
    public string Challenge(string linkToken, string e164) => Hex("challenge\n" + linkToken + "\n" + e164);

    /// <summary>The hash of <paramref name="code"/> as stored for <paramref name="challengeKey"/>.</summary>
    public string Code(string challengeKey, string code) => Hex("code\n" + challengeKey + "\n" + code);

    private string Hex(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));
}
