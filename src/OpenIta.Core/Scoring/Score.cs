using System.Globalization;

namespace OpenIta.Core.Scoring;

/// <summary>
/// Scores are kept at full decimal precision and rounded only where they are shown: half-up (away from zero) to
/// two decimals, as NACC publishes them (research §4.3).
/// </summary>
public static class Score
{
    /// <summary>Two values that differ by more than this are reported as a discrepancy or a contradiction.</summary>
    public const decimal Tolerance = 0.015m;

    public static decimal Round(decimal score) => Math.Round(score, 2, MidpointRounding.AwayFromZero);

    public static string Display(decimal score) => Round(score).ToString("0.00", CultureInfo.InvariantCulture);

    public static string? Display(decimal? score) => score is { } s ? Display(s) : null;

    public static bool IsValid(decimal score) => score is >= 0m and <= 100m;

    public static decimal Mean(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("A mean needs at least one value.", nameof(values));
        }
        var sum = 0m;
        foreach (var value in values)
        {
            sum += value;
        }
        return sum / values.Count;
    }
}
