using System.Globalization;

namespace OpenIta.Reports.Thai;

/// <summary>Buddhist-Era dates with Thai month names. Dates are stored in the Gregorian calendar and only shown in BE
/// (BE year = CE year + 543); this does not depend on ICU or on the th-TH culture being present.</summary>
public static class ThaiDates
{
    /// <summary>Years between the Buddhist Era and the Common Era.</summary>
    public const int BuddhistEraOffset = 543;

    private static readonly string[] MonthNames =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];

    private static readonly string[] ShortMonthNames =
    [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ];

    /// <summary>The full Thai name of a month (1–12): 11 → พฤศจิกายน.</summary>
    public static string MonthName(int month) => MonthNames[CheckMonth(month) - 1];

    /// <summary>The abbreviated Thai name of a month (1–12): 11 → พ.ย.</summary>
    public static string ShortMonthName(int month) => ShortMonthNames[CheckMonth(month) - 1];

    /// <summary>The Buddhist-Era year of a date: 2026 → 2569.</summary>
    public static int BuddhistYear(DateOnly date) => date.Year + BuddhistEraOffset;

    /// <summary>The full form: "22 พฤศจิกายน 2569".</summary>
    public static string Full(DateOnly date, DigitStyle digits = DigitStyle.Arabic) =>
        ThaiDigits.Apply(string.Create(CultureInfo.InvariantCulture,
            $"{date.Day} {MonthName(date.Month)} {BuddhistYear(date)}"), digits);

    /// <summary>The abbreviated form with a two-digit year: "22 พ.ย. 69".</summary>
    public static string Short(DateOnly date, DigitStyle digits = DigitStyle.Arabic) =>
        ThaiDigits.Apply(string.Create(CultureInfo.InvariantCulture,
            $"{date.Day} {ShortMonthName(date.Month)} {BuddhistYear(date) % 100:00}"), digits);

    private static int CheckMonth(int month) =>
        month is >= 1 and <= 12 ? month : throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1–12.");
}
