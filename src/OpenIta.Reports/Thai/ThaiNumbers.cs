using System.Globalization;

namespace OpenIta.Reports.Thai;

/// <summary>How numbers are shown in documents. Values keep their full precision until here.</summary>
public static class ThaiNumbers
{
    /// <summary>A score with two decimals, half away from zero, as NACC publishes them: 89.205 → "89.21".</summary>
    public static string Score(decimal score, DigitStyle digits = DigitStyle.Arabic) =>
        ThaiDigits.Apply(Math.Round(score, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture), digits);

    /// <summary>An amount with thousands separators and two decimals: 1234567.891 → "1,234,567.89".</summary>
    public static string Amount(decimal amount, DigitStyle digits = DigitStyle.Arabic) =>
        ThaiDigits.Apply(Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture), digits);

    /// <summary>An integer with thousands separators: 8325 → "8,325".</summary>
    public static string Integer(long value, DigitStyle digits = DigitStyle.Arabic) =>
        ThaiDigits.Apply(value.ToString("#,##0", CultureInfo.InvariantCulture), digits);
}
