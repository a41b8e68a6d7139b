using System.Globalization;
using System.Text;

namespace OpenIta.Reports.Thai;

/// <summary>Which digits a document writes its numbers with: Thai (๐–๙) or Arabic (0–9).</summary>
public enum DigitStyle
{
    Thai,
    Arabic,
}

/// <summary>Conversion between Arabic digits (0–9) and Thai digits (๐–๙). .NET has no Thai digits of its own
/// (th-TH's NativeDigits are "0123456789"), so this is done here.</summary>
public static class ThaiDigits
{
    private const char ThaiZero = '\u0E50';

    /// <summary>Replaces every Arabic digit in <paramref name="text"/> by its Thai digit; all else is kept.</summary>
    public static string ToThai(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsAsciiDigit))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiDigit(c) ? (char)(ThaiZero + (c - '0')) : c);
        }
        return sb.ToString();
    }

    /// <summary>Replaces every Thai digit in <paramref name="text"/> by its Arabic digit; all else is kept.</summary>
    public static string ToArabic(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => c is >= ThaiZero and <= (char)(ThaiZero + 9)))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c is >= ThaiZero and <= (char)(ThaiZero + 9) ? (char)('0' + (c - ThaiZero)) : c);
        }
        return sb.ToString();
    }

    /// <summary>Like <see cref="ToThai(string)"/>, but digits that continue a Latin code keep their Arabic form: ITA codes
    /// such as O11, I7, E14 or IIT-3 are identifiers, not numbers ("ข้อ 1 (O11)" → "ข้อ ๑ (O11)").</summary>
    public static string ToThaiExceptCodes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        var inCode = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                inCode = true;
            }
            else if (!char.IsAsciiDigit(c) && c != '-' && c != '.')
            {
                inCode = false;
            }
            sb.Append(char.IsAsciiDigit(c) && !inCode ? (char)(ThaiZero + (c - '0')) : c);
        }
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="text"/> with the digits of <paramref name="style"/>.</summary>
    public static string Apply(string text, DigitStyle style) =>
        style == DigitStyle.Thai ? ToThai(text) : ToArabic(text);

    /// <summary>An integer in Thai digits, without grouping: 2569 → ๒๕๖๙.</summary>
    public static string ToThai(long value) => ToThai(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A decimal in Thai digits, as written by invariant formatting: 89.21 → ๘๙.๒๑.</summary>
    public static string ToThai(decimal value) => ToThai(value.ToString(CultureInfo.InvariantCulture));
}
