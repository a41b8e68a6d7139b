using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenIta.Reports.Thai;

/// <summary>
/// Reads the dates a Thai text writes: "๑ ตุลาคม ๒๕๖๖", "1 ต.ค. 2566", "1 ต.ค. 66", "วันที่ 1 เดือนตุลาคม พ.ศ. 2566" and
/// "01/10/2566" (day/month/Buddhist-Era year; a slash date is read only with a BE year, so 10/01/2023 is never guessed
/// at). Thai digits are read as Arabic ones. Month names are <see cref="ThaiDates"/>' own, so the vocabulary has one
/// home. A date that does not exist (31 ก.พ.) is not a date.
/// </summary>
public static partial class ThaiDateText
{
    /// <summary>At most this many characters of a text are read (a date that matters is near the top of a page).</summary>
    public const int MaxChars = 2_000_000;

    private static readonly Regex Named = BuildNamed();

    /// <summary>The dates in <paramref name="text"/>, in the order they are written (repeats kept).</summary>
    public static IReadOnlyList<DateOnly> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }
        var arabic = ThaiDigits.ToArabic(text);
        var found = new List<(int At, DateOnly Date)>();
        foreach (Match m in Named.Matches(arabic))
        {
            var month = MonthOf(m);
            if (month > 0 && Date(m.Groups["day"].Value, month, m.Groups["year"].Value) is { } date)
            {
                found.Add((m.Index, date));
            }
        }
        foreach (Match m in Slashed().Matches(arabic))
        {
            if (int.TryParse(m.Groups["month"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var month) &&
                Date(m.Groups["day"].Value, month, m.Groups["year"].Value) is { } date)
            {
                found.Add((m.Index, date));
            }
        }
        return found.OrderBy(f => f.At).Select(f => f.Date).ToList();
    }

    private static int MonthOf(Match m)
    {
        for (var month = 1; month <= 12; month++)
        {
            if (m.Groups["m" + month.ToString(CultureInfo.InvariantCulture)].Success)
            {
                return month;
            }
        }
        return 0;
    }

    /// <summary>A Buddhist-Era year of four digits (2400–2700), of two (66 → 2566), or a Common-Era one (1950–2150).</summary>
    private static DateOnly? Date(string dayText, int month, string yearText)
    {
        if (!int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var day) ||
            !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || month is < 1 or > 12)
        {
            return null;
        }
        var ce = yearText.Length switch
        {
            2 => 2500 + year - ThaiDates.BuddhistEraOffset,
            4 when year is >= 2400 and <= 2700 => year - ThaiDates.BuddhistEraOffset,
            4 when year is >= 1950 and <= 2150 => year,
            _ => 0,
        };
        return ce == 0 || day < 1 || day > DateTime.DaysInMonth(ce, month) ? null : new DateOnly(ce, month, day);
    }

    /// <summary>day, a month's full or short Thai name (each a named group m1…m12; dots may be followed by a space,
    /// the last may be left out), an optional พ.ศ., and the year.</summary>
    private static Regex BuildNamed()
    {
        var months = new StringBuilder();
        for (var month = 1; month <= 12; month++)
        {
            var full = Regex.Escape(ThaiDates.MonthName(month));
            var abbreviation = ThaiDates.ShortMonthName(month).TrimEnd('.');
            var shortPattern = string.Join(@"\.\s?", abbreviation.Split('.').Select(Regex.Escape)) + @"\.?";
            months.Append(CultureInfo.InvariantCulture, $"{(month > 1 ? "|" : "")}(?<m{month}>{full}|{shortPattern})");
        }
        var pattern = string.Create(CultureInfo.InvariantCulture,
            $@"(?<![0-9])(?<day>[0-9]{{1,2}})\s*(?:เดือน\s*)?(?:{months})\s*(?:พ\.\s?ศ\.?\s*)?(?<year>[0-9]{{4}}|[0-9]{{2}})(?![0-9])");
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(5));
    }

    [GeneratedRegex(@"(?<![0-9/])(?<day>[0-9]{1,2})/(?<month>[0-9]{1,2})/(?<year>2[4-6][0-9]{2})(?![0-9/])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 5000)]
    private static partial Regex Slashed();
}
