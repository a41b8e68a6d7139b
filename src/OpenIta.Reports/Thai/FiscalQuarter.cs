using System.Globalization;

namespace OpenIta.Reports.Thai;

/// <summary>A quarter of a Thai fiscal year. The fiscal year runs from 1 October to 30 September and is named by the
/// Buddhist-Era year in which it ends: ไตรมาส 1 = ต.ค.–ธ.ค. of the year before, ไตรมาส 4 = ก.ค.–ก.ย.</summary>
public readonly record struct FiscalQuarter
{
    public FiscalQuarter(int fiscalYear, int quarter)
    {
        if (fiscalYear < 2400)
        {
            throw new ArgumentOutOfRangeException(nameof(fiscalYear), fiscalYear, "A fiscal year is a Buddhist-Era year (e.g. 2569).");
        }
        if (quarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1–4.");
        }
        FiscalYear = fiscalYear;
        Quarter = quarter;
    }

    /// <summary>The Buddhist-Era fiscal year, e.g. 2569.</summary>
    public int FiscalYear { get; }

    /// <summary>1–4.</summary>
    public int Quarter { get; }

    /// <summary>The quarter a date falls in: 22 Nov 2026 → FY2570 Q1.</summary>
    public static FiscalQuarter Of(DateOnly date)
    {
        var fiscalYearCe = date.Month >= 10 ? date.Year + 1 : date.Year;
        var quarter = ((date.Month + 2) % 12 / 3) + 1;
        return new FiscalQuarter(fiscalYearCe + ThaiDates.BuddhistEraOffset, quarter);
    }

    /// <summary>The first day of the quarter (Gregorian).</summary>
    public DateOnly Start
    {
        get
        {
            var month = ((Quarter - 1) * 3 + 9) % 12 + 1; // 10, 1, 4, 7
            var yearCe = FiscalYear - ThaiDates.BuddhistEraOffset - (Quarter == 1 ? 1 : 0);
            return new DateOnly(yearCe, month, 1);
        }
    }

    /// <summary>The last day of the quarter (Gregorian).</summary>
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    /// <summary>"ไตรมาส 1".</summary>
    public string Label(DigitStyle digits = DigitStyle.Arabic) =>
        ThaiDigits.Apply(string.Create(CultureInfo.InvariantCulture, $"ไตรมาส {Quarter}"), digits);

    /// <summary>"ต.ค.–ธ.ค.".</summary>
    public string Months => $"{ThaiDates.ShortMonthName(Start.Month)}–{ThaiDates.ShortMonthName(End.Month)}";

    /// <summary>"ไตรมาส 1 (ต.ค.–ธ.ค. 68)": the months with the two-digit BE year of the quarter's end.</summary>
    public string LongLabel(DigitStyle digits = DigitStyle.Arabic) =>
        ThaiDigits.Apply(string.Create(CultureInfo.InvariantCulture,
            $"ไตรมาส {Quarter} ({Months} {ThaiDates.BuddhistYear(End) % 100:00})"), digits);
}
