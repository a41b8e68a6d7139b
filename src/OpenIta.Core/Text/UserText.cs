using System.Globalization;
using System.Text;

namespace OpenIta.Core.Text;

/// <summary>Why a text a user typed is refused, in Thai and English, without the field (the caller names it).</summary>
public sealed record TextProblem(string Th, string En);

/// <summary>
/// The one rule for every text a user stores (agency names, every measure and plan field, the approval, notes): no
/// control characters except tab and line breaks, no U+FFFE/U+FFFF or other non-characters, no lone surrogates, no
/// bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069: they make a file name or a line read backwards),
/// and at most a length that suits an official document. The API, the forms, the agency import and the measures plan
/// rules all call <see cref="Check"/>; documents and file names pass what is already stored through
/// <see cref="Printable"/>, so a value stored before this rule still prints.
/// </summary>
public static class UserText
{
    /// <summary>A name: an agency, a person, a position, a unit (PostgreSQL keeps agency names in 400).</summary>
    public const int NameMax = 400;

    /// <summary>A person's name or position as an approval prints it (the database keeps 200).</summary>
    public const int PersonMax = 200;

    /// <summary>A short code or reference: a memo number, an abbreviation, a province.</summary>
    public const int ShortMax = 100;

    /// <summary>A title or one line of an official document (a measure's title, who results are reported to).</summary>
    public const int TitleMax = 500;

    /// <summary>A narrative: a step, a weakness, the monitoring, a finding, the introduction, a note.</summary>
    public const int NarrativeMax = 5000;

    /// <summary>A note in the audit trail (the return note); the database keeps 2,000.</summary>
    public const int NoteMax = 2000;

    /// <summary>What is wrong with <paramref name="text"/>, or null when it may be stored. Null text is fine.</summary>
    public static TextProblem? Check(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if ((codePoint & 0xFFFE) == 0xFFFE)
                {
                    return Refused(codePoint, i);
                }
                i++;
                continue;
            }
            if (!Allowed(c))
            {
                return Refused(c, i);
            }
        }
        if (text.Length > maxLength)
        {
            var n = maxLength.ToString("N0", CultureInfo.InvariantCulture);
            var given = text.Length.ToString("N0", CultureInfo.InvariantCulture);
            return new TextProblem($"ยาวเกิน {n} ตัวอักษร (มี {given} ตัวอักษร)", $"is longer than {n} characters ({given}).");
        }
        return null;
    }

    /// <summary>
    /// The text with every character <see cref="Check"/> refuses removed: what documents, sheets and file names write
    /// for a value stored before the rule (the writers would throw on it, or a name would read backwards).
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean = (char.ConvertToUtf32(c, text[i + 1]) & 0xFFFE) != 0xFFFE;
                i++;
            }
            else
            {
                clean = Allowed(c);
            }
        }
        if (clean)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if ((char.ConvertToUtf32(c, text[i + 1]) & 0xFFFE) != 0xFFFE)
                {
                    builder.Append(c).Append(text[i + 1]);
                }
                i++;
            }
            else if (Allowed(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool Allowed(char c) =>
        c is '\t' or '\n' or '\r'
        || !(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || c is >= '\uFDD0' and <= '\uFDEF'
            || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069');

    private static TextProblem Refused(int codePoint, int index)
    {
        var code = string.Create(CultureInfo.InvariantCulture, $"U+{codePoint:X4}");
        var at = (index + 1).ToString(CultureInfo.InvariantCulture);
        var kind = codePoint is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069
            ? ("อักขระกลับทิศทางข้อความ", "a text-direction override")
            : ("อักขระควบคุมที่มองไม่เห็นหรือใช้ไม่ได้", "an invisible control or invalid character");
        return new TextProblem($"มี{kind.Item1} ({code}) ที่ตัวอักษรที่ {at} กรุณาลบออก",
            $"has {kind.Item2} ({code}) at character {at}; remove it.");
    }
}
