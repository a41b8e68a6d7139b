using System.Diagnostics.CodeAnalysis;

namespace OpenIta.Core.Surveys;

/// <summary>
/// A Thai mobile number, normalised: what EIT part 1 sends its one-time code to (DOMAIN.md §1; issue 12, item 4).
/// Accepted as written by people: <c>0812345678</c>, <c>081-234-5678</c>, <c>+66 81 234 5678</c>, <c>66812345678</c>,
/// in Arabic or Thai digits; a Thai mobile number has 9 digits after the country code and starts with 6, 8 or 9.
/// The number is personal data: <see cref="ToString"/> does not show it (a log line or an exception message that
/// formats the value by mistake prints a placeholder), only the named forms do, for the gateway and the keyed hash.
/// </summary>
public sealed class ThaiMobileNumber : IEquatable<ThaiMobileNumber>
{
    /// <summary>The longest text accepted as a phone number (spaces and dashes included).</summary>
    public const int MaxInputLength = 32;

    private readonly string _national; // 9 digits after +66

    private ThaiMobileNumber(string national) => _national = national;

    /// <summary>E.164: <c>+66812345678</c>.</summary>
    public string E164 => "+66" + _national;

    /// <summary>The international digits without a plus: <c>66812345678</c>.</summary>
    public string Digits => "66" + _national;

    /// <summary>As dialled in Thailand: <c>0812345678</c>.</summary>
    public string Local => "0" + _national;

    /// <summary>The number, or null when <paramref name="text"/> is not a Thai mobile number.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ThaiMobileNumber? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxInputLength)
        {
            return false;
        }
        var digits = new char[MaxInputLength];
        var count = 0;
        var plus = false;
        foreach (var c in text.Trim())
        {
            if (c is ' ' or '-' or '.' or '(' or ')' or '\u00A0')
            {
                continue;
            }
            if (c == '+' && count == 0 && !plus)
            {
                plus = true;
                continue;
            }
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= '\u0E50' and <= '\u0E59' => c - '\u0E50', // Thai digits ๐–๙
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }
            digits[count++] = (char)('0' + digit);
        }
        ReadOnlySpan<char> all = digits.AsSpan(0, count);
        ReadOnlySpan<char> national;
        if (plus || all.StartsWith("66"))
        {
            if (!all.StartsWith("66"))
            {
                return false; // +1…, +44…: not Thai
            }
            national = all[2..];
            if (national.Length == 10 && national[0] == '0')
            {
                national = national[1..]; // +66 081 … as some people write it
            }
        }
        else if (all.Length == 10 && all[0] == '0')
        {
            national = all[1..];
        }
        else
        {
            return false;
        }
        if (national.Length != 9 || national[0] is not ('6' or '8' or '9'))
        {
            return false;
        }
        number = new ThaiMobileNumber(new string(national));
        return true;
    }

    public bool Equals(ThaiMobileNumber? other) => other is not null && string.Equals(_national, other._national, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ThaiMobileNumber);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_national);

    /// <summary>Never the number: a placeholder, so that formatting it by mistake leaks nothing.</summary>
    public override string ToString() => "+66•••••••••";
}
