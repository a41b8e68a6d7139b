using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>
/// How OIT item scores climb to sub-indicators, indicators 9–10 and the OIT score, exactly: with S_s the sum of the
/// item scores of sub-indicator s (in units of 10^-4) and n_s its items, sub-indicator = S_s / (10^4·n_s);
/// indicator = Σ_s S_s·(L/n_s) / (10^4·L·m) over its m sub-indicators, L the lcm of their n_s; OIT = the mean of the
/// indicators over a common denominator. Shared by <see cref="ScoringEngine"/> and <see cref="ScoringPlan"/>.
/// </summary>
internal sealed class OitLayout
{
    private const long Unit = 10_000;

    private readonly int[][] _subItems;        // per sub-indicator: indexes into Items
    private readonly int[][] _indicatorSubs;   // per OIT indicator: indexes into SubIndicators
    private readonly long[] _indicatorLcm;     // per OIT indicator: lcm of its sub-indicators' item counts
    private readonly long _commonLcm;          // lcm over the indicators of lcm·m

    private OitLayout(Framework framework)
    {
        Items = framework.OitItems;
        SubIndicators = framework.Indicators.Where(i => i.Instrument == Instrument.Oit).SelectMany(i => i.SubIndicators).ToList();
        Indicators = framework.Indicators.Where(i => i.Instrument == Instrument.Oit).ToList();
        _subItems = SubIndicators.Select(s => Items.Select((o, k) => (o, k)).Where(x => x.o.SubIndicator == s.Code).Select(x => x.k).ToArray()).ToArray();
        _indicatorSubs = Indicators.Select(i => i.SubIndicators.Select(s => IndexOf(SubIndicators, s)).ToArray()).ToArray();
        _indicatorLcm = _indicatorSubs.Select(subs => subs.Aggregate(1L, (lcm, s) => Lcm(lcm, Math.Max(1, _subItems[s].Length)))).ToArray();
        _commonLcm = _indicatorSubs.Select((subs, j) => _indicatorLcm[j] * Math.Max(1, subs.Length)).Aggregate(1L, Lcm);
        IsComplete = SubIndicators.Count > 0
            && Indicators.All(i => i.SubIndicators.Count > 0)
            && SubIndicators.Select((s, k) => s.ItemCount is { } count && _subItems[k].Length == count).All(x => x);
    }

    /// <summary>The layout of a year, or null when its OIT items and their grouping are not all known.</summary>
    public static OitLayout? For(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var layout = new OitLayout(framework);
        return layout.IsComplete ? layout : null;
    }

    public IReadOnlyList<OitItemDefinition> Items { get; }
    public IReadOnlyList<SubIndicatorDefinition> SubIndicators { get; }
    public IReadOnlyList<IndicatorDefinition> Indicators { get; }
    private bool IsComplete { get; }

    /// <summary>Sums the scores of every item, given in <see cref="Items"/> order.</summary>
    /// <exception cref="ScoreInputException">An item score outside 0–100 or with more than four decimals.</exception>
    public Tally Sum(ReadOnlySpan<decimal> items)
    {
        var sums = new long[_subItems.Length];
        Sum(items, sums);
        return new Tally(this, sums);
    }

    /// <summary>The number of sums <see cref="Sum(ReadOnlySpan{decimal}, Span{long})"/> writes: one per sub-indicator.</summary>
    public int SumCount => _subItems.Length;

    /// <summary>As <see cref="Sum(ReadOnlySpan{decimal})"/>, into <paramref name="sums"/> (one per sub-indicator).</summary>
    public void Sum(ReadOnlySpan<decimal> items, Span<long> sums)
    {
        if (items.Length != Items.Count)
        {
            throw new ArgumentException($"Expected {Items.Count} OIT item scores.", nameof(items));
        }
        Span<int> bits = stackalloc int[4];
        for (var s = 0; s < _subItems.Length; s++)
        {
            long sum = 0;
            foreach (var k in _subItems[s])
            {
                // The item's code is looked up only to name it in an error.
                sum += TryUnits(items[k], bits, out var units) ? units : UnitsChecked(items[k], Items[k].Code);
            }
            sums[s] = sum;
        }
    }

    /// <summary>The exact mean of <paramref name="count"/> item scores that sum to <paramref name="units"/> (in units of
    /// 10^-4): a sub-indicator, the share of its items passed. The engine and the plan both take it from here.</summary>
    public static decimal Mean(long units, int count) => Exact.ToDecimal(units, Unit * count);

    /// <summary>A score in units of 10^-4.</summary>
    public static long Units(decimal score, string code) =>
        TryUnits(score, stackalloc int[4], out var units) ? units : UnitsChecked(score, code);

    /// <summary>
    /// The common case without decimal arithmetic: non-negative, at most four decimals, digits within 32 bits, at most
    /// 100 (<paramref name="bits"/>: room for the score's bits, one buffer for many scores). False: the checked way decides.
    /// </summary>
    private static bool TryUnits(decimal score, Span<int> bits, out long units)
    {
        decimal.GetBits(score, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        units = 0;
        if (bits[1] == 0 && bits[2] == 0 && bits[3] >= 0 && scale <= 4)
        {
            units = (uint)bits[0] * PowersOfTen[4 - scale];
            return units <= 100 * Unit;
        }
        return false;
    }

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000];

    private static long UnitsChecked(decimal score, string code)
    {
        if (!Scoring.Score.IsValid(score))
        {
            throw new ScoreInputException($"oitItems.{code}", ScoreErrors.Range(score));
        }
        var units = score * Unit;
        if (units != decimal.Truncate(units))
        {
            throw new ScoreInputException($"oitItems.{code}", ScoreErrors.Decimals(score));
        }
        return (long)units;
    }

    private static long Lcm(long a, long b) => a / Gcd(a, b) * b;

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    private static int IndexOf(IReadOnlyList<SubIndicatorDefinition> list, SubIndicatorDefinition value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], value))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The OIT score of the sub-indicators' sums.</summary>
    public decimal Score(ReadOnlySpan<long> sums)
    {
        long numerator = 0;
        for (var j = 0; j < _indicatorSubs.Length; j++)
        {
            numerator += Numerator(sums, j) * (_commonLcm / (_indicatorLcm[j] * _indicatorSubs[j].Length));
        }
        return Exact.ToDecimal(numerator, Unit * _commonLcm * _indicatorSubs.Length);
    }

    /// <summary>Σ_s S_s·(L/n_s) over the indicator's sub-indicators.</summary>
    private long Numerator(ReadOnlySpan<long> sums, int indicator)
    {
        long numerator = 0;
        foreach (var s in _indicatorSubs[indicator])
        {
            numerator += sums[s] * (_indicatorLcm[indicator] / _subItems[s].Length);
        }
        return numerator;
    }

    /// <summary>The sums of one agency's OIT items; each level is computed when read.</summary>
    internal sealed class Tally(OitLayout layout, ArraySegment<long> sums)
    {
        public OitLayout Layout => layout;

        public decimal SubIndicator(int sub) => Mean(sums[sub], layout._subItems[sub].Length);

        public decimal Indicator(int indicator) =>
            Exact.ToDecimal(layout.Numerator(sums, indicator), Unit * layout._indicatorLcm[indicator] * layout._indicatorSubs[indicator].Length);

        public decimal Instrument() => layout.Score(sums);
    }
}
