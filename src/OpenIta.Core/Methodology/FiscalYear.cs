using System.Globalization;

namespace OpenIta.Core.Methodology;

/// <summary>
/// A Thai fiscal year in the Buddhist Era (BE = CE + 543). FY2568 runs from 1 October 2024 to 30 September 2025.
/// </summary>
public readonly record struct FiscalYear : IComparable<FiscalYear>
{
    public const int MinimumBe = 2550;
    public const int MaximumBe = 2650;

    public FiscalYear(int buddhistEra)
    {
        if (buddhistEra is < MinimumBe or > MaximumBe)
        {
            throw new ArgumentOutOfRangeException(nameof(buddhistEra), buddhistEra,
                $"A fiscal year is written in the Buddhist Era, between {MinimumBe} and {MaximumBe}.");
        }
        BuddhistEra = buddhistEra;
    }

    public int BuddhistEra { get; }

    /// <summary>The Common Era year in which the fiscal year ends (FY2568 ends on 30 September 2025).</summary>
    public int CommonEraEnd => BuddhistEra - 543;

    public DateOnly FirstDay => new(CommonEraEnd - 1, 10, 1);

    public DateOnly LastDay => new(CommonEraEnd, 9, 30);

    public int CompareTo(FiscalYear other) => BuddhistEra.CompareTo(other.BuddhistEra);

    public static bool operator <(FiscalYear left, FiscalYear right) => left.CompareTo(right) < 0;
    public static bool operator >(FiscalYear left, FiscalYear right) => left.CompareTo(right) > 0;
    public static bool operator <=(FiscalYear left, FiscalYear right) => left.CompareTo(right) <= 0;
    public static bool operator >=(FiscalYear left, FiscalYear right) => left.CompareTo(right) >= 0;

    public override string ToString() => BuddhistEra.ToString(CultureInfo.InvariantCulture);
}
