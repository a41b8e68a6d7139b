using System.Globalization;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Spreadsheets;

/// <summary>
/// Reading the text of one cell: scores and years as people type them in Thai spreadsheets. Thai digits (๙๕.๐๕) are
/// read as the digits they are; Thai words, commas for decimals and percent signs are refused with a message that
/// says why, never guessed.
/// </summary>
public static class Cells
{
    /// <summary>The value of a cell that means "not given": nothing, or a dash as printed tables write it.</summary>
    public static bool IsEmpty(string? text) => Trim(text) is "" or "-" or "–" or "—";

    /// <summary>Trims spaces, including the no-break and zero-width ones spreadsheets leave behind.</summary>
    public static string Trim(string? text) => (text ?? "").Trim().Trim('\u00A0', '\u200B', '\uFEFF').Trim();

    /// <summary>Thai digits ๐–๙ as ASCII digits; everything else unchanged.</summary>
    public static string AsciiDigits(string text) => ThaiDigits.ToArabic(text);

    /// <summary>A problem with a cell's value, in Thai and English.</summary>
    public sealed record Problem(string Thai, string English);

    /// <summary>A score from 0 to 100, or null for an empty cell; otherwise the problem.</summary>
    public static (decimal? Value, Problem? Problem) Score(string? text)
    {
        if (IsEmpty(text))
        {
            return (null, null);
        }
        var (value, problem) = Number(text!);
        if (problem is not null)
        {
            return (null, problem);
        }
        if (value is < 0m or > 100m)
        {
            var shown = value!.Value.ToString(CultureInfo.InvariantCulture);
            return (null, new Problem(
                $"คะแนน {shown} อยู่นอกช่วง 0 ถึง 100",
                $"the score {shown} is outside 0 to 100"));
        }
        return (value, null);
    }

    /// <summary>A whole number such as a fiscal year, or null for an empty cell; otherwise the problem.</summary>
    public static (int? Value, Problem? Problem) WholeNumber(string? text)
    {
        if (IsEmpty(text))
        {
            return (null, null);
        }
        var (value, problem) = Number(text!);
        if (problem is not null)
        {
            return (null, problem);
        }
        if (value != decimal.Truncate(value!.Value) || value is < -2147483648m or > 2147483647m)
        {
            return (null, new Problem($"'{Shown(text!)}' ไม่ใช่จำนวนเต็ม", $"'{Shown(text!)}' is not a whole number"));
        }
        return ((int)value.Value, null);
    }

    /// <summary>Any number such as an amount of baht, or null for an empty cell; otherwise the problem.</summary>
    public static (decimal? Value, Problem? Problem) Amount(string? text) => IsEmpty(text) ? (null, null) : Number(text!);

    private static (decimal? Value, Problem? Problem) Number(string text)
    {
        var ascii = AsciiDigits(Trim(text));
        if (decimal.TryParse(ascii, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return (value, null);
        }
        var shown = Shown(text);
        if (ascii.Contains(',', StringComparison.Ordinal) && decimal.TryParse(ascii.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return (null, new Problem(
                $"'{shown}' ใช้จุลภาค (,) ให้ใช้จุด (.) เป็นจุดทศนิยม เช่น 85.84",
                $"'{shown}' has a comma: write the decimal point as a point, such as 85.84"));
        }
        if (ascii.EndsWith('%'))
        {
            return (null, new Problem(
                $"'{shown}' มีเครื่องหมาย % ให้ใส่เฉพาะตัวเลข เช่น 85.84",
                $"'{shown}' has a percent sign: write the number only, such as 85.84"));
        }
        if (ascii.Any(c => c is >= '\u0E01' and <= '\u0E4F'))
        {
            return (null, new Problem(
                $"'{shown}' เป็นข้อความภาษาไทย ไม่ใช่ตัวเลข ให้ใส่ตัวเลข เช่น 85.84 (เลขไทย เช่น ๘๕.๘๔ ใช้ได้)",
                $"'{shown}' is Thai text, not a number: write a number such as 85.84 (Thai digits such as ๘๕.๘๔ are fine)"));
        }
        return (null, new Problem($"'{shown}' ไม่ใช่ตัวเลข", $"'{shown}' is not a number"));
    }

    /// <summary>A cell's value as quoted in a message: trimmed and cut short.</summary>
    public static string Shown(string text)
    {
        var trimmed = Trim(text);
        return trimmed.Length <= 40 ? trimmed : trimmed[..40] + "…";
    }
}
