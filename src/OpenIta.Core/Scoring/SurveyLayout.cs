using System.Numerics;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>
/// How the columns of a response matrix of one survey instrument climb to its questions, indicators and instrument
/// score. <see cref="ScoringEngine"/> and <see cref="ScoringPlan"/> both aggregate raw answers through it, so the two
/// give the same values by construction.
/// <para>
/// Every level is kept as an exact fraction of the answer counts and becomes a decimal only when read. With a_c the
/// respondents who answered column c, H_c the sum of their scores in units of 10^-4, L the least common multiple of
/// the a_c, k_q the items of question q and K the lcm of the k_q, Q_s the questions of indicator s and QL their lcm:
/// item = H_c / (10^4·a_c); question = Σ_c H_c·(L/a_c) / (10^4·L·k_q); indicator = Σ_q (K/k_q)·Σ_c H_c·(L/a_c) /
/// (10^4·L·K·Q_s); instrument = the mean of the indicators over the common denominator 10^4·L·K·QL·S.
/// The sums run in <see cref="long"/>, then <see cref="Int128"/>, then <see cref="BigInteger"/> if they overflow.
/// </para>
/// </summary>
internal sealed class SurveyLayout
{
    /// <summary>Answer scores are whole multiples of 10^-<see cref="Decimals"/> (checked when a framework loads).</summary>
    public const int Decimals = 4;

    private const long Unit = 10_000;

    private readonly long[][] _units;           // per column: the score of each answer, in units of 10^-4
    private readonly int[][] _questionColumns;  // per question: its columns
    private readonly long _itemsLcm;            // K: lcm of the questions' item counts
    private readonly int[]?[] _slotQuestions;   // per indicator slot: its questions, or null when they are not all known
    private readonly long _questionsLcm;        // QL: lcm of the complete slots' question counts
    private readonly long[] _questionShare;     // per question: K / k_q
    private readonly long[] _slotShare;         // per slot: QL / Q_s (0 for a slot whose questions are not all known)
    private readonly bool[] _slotKnown;         // per slot: its questions are all known (complete when all are answered)

    public SurveyLayout(Framework framework, Instrument instrument, IReadOnlyList<ScoredItem> columns)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(columns);
        Instrument = instrument;
        Columns = columns;
        _units = columns.Select(c => Enumerable.Range(0, c.Scale!.Answers.Count)
            .Select(a => (long)(c.ScoreOf(a) * Unit)).ToArray()).ToArray();
        _lanes = SurveyAggregator.Lanes.For(_units);

        var index = columns.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.OrdinalIgnoreCase);
        var questions = framework.Questions
            .Where(q => q.Instrument == instrument && q.Items.All(item => index.ContainsKey(item.Code)))
            .ToList();
        Questions = questions;
        _questionColumns = questions.Select(q => q.Items.Select(item => index[item.Code]).ToArray()).ToArray();
        _itemsLcm = _questionColumns.Aggregate(1L, (lcm, q) => Lcm(lcm, q.Length));

        Slots = framework.IndicatorsOf(instrument).ToList();
        _slotQuestions = Slots.Select(indicator =>
        {
            var own = questions.Select((q, i) => (q, i)).Where(x => x.q.Indicator == indicator.Number).Select(x => x.i).ToArray();
            var listed = framework.Questions.Count(q => q.Instrument == instrument && q.Indicator == indicator.Number);
            return indicator.QuestionCount is { } count && own.Length == count && listed == count ? own : null;
        }).ToArray();
        _questionsLcm = _slotQuestions.Where(s => s is not null).Aggregate(1L, (lcm, s) => Lcm(lcm, s!.Length));
        _questionShare = _questionColumns.Select(q => _itemsLcm / q.Length).ToArray();
        _slotShare = _slotQuestions.Select(s => s is null ? 0 : _questionsLcm / s.Length).ToArray();
        _slotKnown = _slotQuestions.Select(s => s is not null).ToArray();
        _fixedBits = Math.Log2(Math.Max(Unit, _units.SelectMany(u => u).DefaultIfEmpty(0).Max()))
            + Math.Log2(_itemsLcm) + Math.Log2(_questionsLcm) + Math.Log2(Math.Max(1, Slots.Count))
            + Math.Log2(Math.Max(1, _questionColumns.Select(q => q.Length).DefaultIfEmpty(1).Max()));

        _columnWeight = new long[columns.Count];
        for (var slot = 0; slot < _slotQuestions.Length; slot++)
        {
            foreach (var q in _slotQuestions[slot] ?? [])
            {
                foreach (var c in _questionColumns[q])
                {
                    _columnWeight[c] = _questionShare[q] * _slotShare[slot];
                }
            }
        }
        _instrumentDenominator = Slots.Count == 0 || !_slotKnown.All(known => known) ? 0
            : _fixedBits < 62 ? Unit * _itemsLcm * _questionsLcm * Slots.Count
            : -1;
    }

    /// <summary>
    /// Per column, what its item's sum weighs in the instrument's numerator: (K/k_q)·(QL/Q_s) for the question q and
    /// indicator slot s it belongs to; 0 for a column of no slot whose questions are all known.
    /// </summary>
    private readonly long[] _columnWeight;

    /// <summary>10^4·K·QL·S, the instrument's denominator but for L; 0 when the instrument can never be complete (no
    /// slot, or a slot whose questions are not all known); -1 when it does not fit a long (the general path then).</summary>
    private readonly long _instrumentDenominator;

    /// <summary>
    /// The most blanks a column may have for <see cref="TryInstrument"/> (more: the general path): its sums are kept
    /// apart by the column's blanks, rows − a, so that a column needs no search for its count.
    /// </summary>
    private const int MostBlanks = 31;

    /// <summary>
    /// The instrument's score from a matrix's counts, in one pass over the columns: Σ_c W_c·H_c·(L/a_c) is gathered per
    /// distinct answered count a (a matrix's columns take few, a little below the rows), as G_a = Σ W_c·H_c, then L is
    /// the lcm of those counts and the numerator Σ_a G_a·(L/a): the same integers as <see cref="Tally"/>'s levels,
    /// hence the same decimal. Null when an indicator is not complete. False (nothing decided) when a column has more
    /// than <see cref="MostBlanks"/> blanks or the sums might not fit an <see cref="Int128"/>: <see cref="Tally"/>
    /// computes it then.
    /// </summary>
    private bool TryInstrument(ReadOnlySpan<long> answered, ReadOnlySpan<long> sums, int rows, out decimal? instrument)
    {
        instrument = null;
        if (_instrumentDenominator == 0)
        {
            return true;
        }
        // G_a ≤ the largest score · rows · K · QL · S: within a long when the fixed bound and the rows leave room.
        if (_instrumentDenominator < 0 || _fixedBits + Bits(rows) + 2 >= 62)
        {
            return false;
        }
        Span<long> weighted = stackalloc long[MostBlanks + 1]; // per number of blanks b: G_(rows − b)
        var seen = 0u;                                          // bit b: some column has b blanks
        var weights = _columnWeight;
        answered = answered[..weights.Length];
        sums = sums[..weights.Length];
        for (var c = 0; c < weights.Length; c++)
        {
            var a = answered[c];
            if (a == 0)
            {
                if (weights[c] != 0)
                {
                    return true; // a column of some indicator without an answer: that indicator is not complete
                }
                continue;
            }
            var blanks = (ulong)(rows - a);
            if (blanks > MostBlanks)
            {
                return false;
            }
            seen |= 1u << (int)blanks;
            weighted[(int)blanks] += weights[c] * sums[c];
        }
        // L with one 64-bit division per distinct count that does not divide it yet (the counts are at most the rows, an
        // int, so the gcd runs in 32 bits), and no division for the overflow check.
        long lcm = 1;
        for (var left = seen; left != 0; left &= left - 1)
        {
            long count = rows - BitOperations.TrailingZeroCount(left);
            var rest = (uint)(lcm % count);
            if (rest == 0)
            {
                continue;
            }
            var factor = count / Gcd((uint)count, rest);
            if (Math.BigMul(lcm, factor, out var product) != 0 || product < 0)
            {
                return false;
            }
            lcm = product;
        }
        // The same bound as the tally's width: every partial sum and the denominator fit.
        var bits = _fixedBits + Bits(lcm) + 2;
        instrument = bits < 62 ? Fraction<long>(weighted, seen, rows, lcm)
            : bits < 125 ? Fraction<Int128>(weighted, seen, rows, lcm)
            : null;
        return instrument is not null;
    }

    /// <summary>
    /// Σ_a G_a·(L/a) / (10^4·L·K·QL·S) in a type the bound says is wide enough: the very integers of the tally's levels
    /// (decimal division rounds the same fraction differently when its terms differ, in the 28th digit).
    /// </summary>
    private decimal Fraction<T>(ReadOnlySpan<long> weighted, uint seen, int rows, long lcm)
        where T : IBinaryInteger<T>
    {
        var numerator = T.Zero;
        for (var left = seen; left != 0; left &= left - 1)
        {
            var blanks = BitOperations.TrailingZeroCount(left);
            numerator += T.CreateTruncating(weighted[blanks]) * T.CreateTruncating(lcm / (rows - blanks));
        }
        return Exact.ToDecimal(numerator, T.CreateTruncating(_instrumentDenominator) * T.CreateTruncating(lcm));
    }

    private static uint Gcd(uint a, uint b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    /// <summary>An upper bound of log2 of a non-negative value (1 + the position of its highest bit).</summary>
    private static int Bits(long value) => 64 - BitOperations.LeadingZeroCount((ulong)value);

    /// <summary>
    /// The instrument's score of the counts held in <paramref name="store"/> from <paramref name="at"/> (answered
    /// counts, then sums, one per column), <paramref name="rows"/> respondents: the one-pass sum, or a tally's.
    /// </summary>
    public decimal? InstrumentScore(long[] store, int at, int rows)
    {
        var width = Columns.Count;
        return TryInstrument(store.AsSpan(at, width), store.AsSpan(at + width, width), rows, out var instrument)
            ? instrument
            : TallyOf(store, at).Instrument();
    }

    /// <summary>The tally of the counts held in <paramref name="store"/> from <paramref name="at"/> (answered, then sums).</summary>
    public Tally TallyOf(long[] store, int at)
    {
        var width = Columns.Count;
        var answered = new ArraySegment<long>(store, at, width);
        return new Tally(this, answered, new ArraySegment<long>(store, at + width, width), answered.AsSpan().IndexOf(0L) < 0);
    }

    /// <summary>Counts the answers of a matrix with these columns into <paramref name="store"/> from <paramref name="at"/>
    /// (answered counts, then sums, one per column; the caller gives them zeroed).</summary>
    public void Count(ResponseMatrix matrix, long[] store, int at) => Count(matrix, store, at, SurveyAggregator.Vectorised);

    private void Count(ResponseMatrix matrix, long[] store, int at, bool vectors)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var width = Columns.Count;
        SurveyAggregator.SumAnswers(matrix, _units, _lanes, vectors, store.AsSpan(at, width), store.AsSpan(at + width, width));
    }

    /// <summary>
    /// log2 of what every sum and denominator is bounded by, apart from L: the largest answer score in units (or the
    /// unit), K, QL, the number of indicators and the most items of a question. With log2 L added, it picks the narrowest
    /// integer type that cannot overflow, so that no sum is tried in a type that throws.
    /// </summary>
    private readonly double _fixedBits;

    public Instrument Instrument { get; }
    public IReadOnlyList<ScoredItem> Columns { get; }

    /// <summary>The questions whose every item is a column.</summary>
    public IReadOnlyList<QuestionDefinition> Questions { get; }

    /// <summary>The indicators this instrument scores (for EIT1 and EIT2: its part of indicators 6–8).</summary>
    public IReadOnlyList<IndicatorDefinition> Slots { get; }

    /// <summary>Counts the answers of a matrix with these columns and sums them exactly.</summary>
    public Tally Count(ResponseMatrix matrix) => Count(matrix, SurveyAggregator.Vectorised);

    /// <summary>As <see cref="Count(ResponseMatrix)"/>, with the vector loop or without it (the same sums either way).</summary>
    internal Tally Count(ResponseMatrix matrix, bool vectors)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var store = new long[2 * Columns.Count];
        Count(matrix, store, 0, vectors);
        return TallyOf(store, 0);
    }

    /// <summary>The per-lane scores of the vector loop (null when rows are wider than a vector).</summary>
    private readonly SurveyAggregator.Lanes? _lanes;

    private static long Lcm(long a, long b) => a / (long)BigInteger.GreatestCommonDivisor(a, b) * b;

    /// <summary>
    /// The exact sums of one matrix. Each level becomes a decimal when it is first read: questions one by one, the
    /// indicators all at once, the instrument on its own (one division, however many indicators it has).
    /// </summary>
    internal sealed class Tally
    {
        private readonly SurveyLayout _layout;
        private readonly ArraySegment<long> _answered;
        private readonly ArraySegment<long> _sums;
        private readonly Int128 _answeredLcm; // L over the answered columns, or -1 when it does not fit an Int128
        private readonly bool[] _slotComplete;
        private readonly int _width;
        private decimal?[]? _slots;
        private decimal? _instrument;
        private int _instrumentKnown; // 1 once _instrument is set (written last, so a racing reader sees the value)

        /// <param name="everyColumn">Every column has an answer (then each slot whose questions are known is complete).</param>
        public Tally(SurveyLayout layout, ArraySegment<long> answered, ArraySegment<long> sums, bool everyColumn)
        {
            _layout = layout;
            _answered = answered;
            _sums = sums;
            _answeredLcm = AnsweredLcm(answered);
            if (everyColumn)
            {
                _slotComplete = layout._slotKnown; // shared, never written
            }
            else
            {
                _slotComplete = new bool[layout._slotQuestions.Length];
                for (var slot = 0; slot < _slotComplete.Length; slot++)
                {
                    _slotComplete[slot] = layout._slotQuestions[slot] is { } questions && AllAnswered(questions);
                }
            }
            _width = Width();
        }

        public SurveyLayout Layout => _layout;

        /// <summary>
        /// L, the lcm of the answered counts, in a long while it fits and then in an Int128; -1 beyond. No exception on
        /// the way (a thrown one costs more than counting the answers), and a count that already divides L costs one
        /// division: the counts of a matrix take few distinct values.
        /// </summary>
        private static Int128 AnsweredLcm(ReadOnlySpan<long> answered)
        {
            long lcm = 1;
            // The last few distinct counts, which already divide lcm: a matrix's counts take few distinct values.
            long seen0 = 0, seen1 = 0, seen2 = 0, seen3 = 0;
            var c = 0;
            for (; c < answered.Length; c++)
            {
                var n = answered[c];
                if (n == seen0 || n == seen1 || n == seen2 || n == seen3 || n == 0)
                {
                    continue;
                }
                (seen3, seen2, seen1, seen0) = (seen2, seen1, seen0, n);
                if (lcm % n == 0)
                {
                    continue;
                }
                var factor = lcm / Gcd(lcm, n);
                if (factor > long.MaxValue / n)
                {
                    break;
                }
                lcm = factor * n;
            }
            Int128 wide = lcm;
            for (; c < answered.Length; c++)
            {
                var n = answered[c];
                if (n == 0 || wide % n == 0)
                {
                    continue;
                }
                var factor = wide / Gcd(wide, (Int128)n);
                if (factor > Int128.MaxValue / n)
                {
                    return -1;
                }
                wide = factor * n;
            }
            return wide;
        }

        public decimal? Item(int column) =>
            _answered[column] == 0 ? null : Exact.ToDecimal(_sums[column], _answered[column] * Unit);

        public decimal? Question(int question)
        {
            if (!Answered(question))
            {
                return null;
            }
            return _width switch
            {
                64 => QuestionValue<long>(question),
                128 => QuestionValue<Int128>(question),
                _ => QuestionValue<BigInteger>(question),
            };
        }

        /// <summary>
        /// The bits every sum fits in: 64 or 128 when the bound (<see cref="_fixedBits"/> + log2 L, with two bits to
        /// spare) says so, else BigInteger's (0). Checked arithmetic stays as a guard; it never throws on this path.
        /// </summary>
        private int Width()
        {
            if (_answeredLcm <= 0)
            {
                return 0;
            }
            var bits = _layout._fixedBits + Math.Log2((double)_answeredLcm) + 2;
            return bits < 62 ? 64 : bits < 125 ? 128 : 0;
        }

        /// <summary>An indicator slot's score (every slot is converted to a decimal on the first read of any).</summary>
        public decimal? Slot(int slot)
        {
            if (_slots is null)
            {
                var slots = new decimal?[_slotComplete.Length];
                _instrument = Compute(slots);
                Volatile.Write(ref _instrumentKnown, 1);
                _slots = slots;
            }
            return _slots[slot];
        }

        /// <summary>
        /// The instrument's score: one exact fraction of the integer sums, one decimal division. The indicators' own
        /// decimals are not made for it (they are made when read).
        /// </summary>
        public decimal? Instrument()
        {
            if (Volatile.Read(ref _instrumentKnown) == 0)
            {
                _instrument = Compute(null);
                Volatile.Write(ref _instrumentKnown, 1);
            }
            return _instrument;
        }

        private decimal? Compute(decimal?[]? slots) => _width switch
        {
            64 => Levels<long>(slots),
            128 => Levels<Int128>(slots),
            _ => Levels<BigInteger>(slots),
        };

        private bool Answered(int question)
        {
            foreach (var c in _layout._questionColumns[question])
            {
                if (_answered[c] == 0)
                {
                    return false;
                }
            }
            return true;
        }

        private bool AllAnswered(int[] questions)
        {
            foreach (var q in questions)
            {
                if (!Answered(q))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Every complete indicator into <paramref name="slots"/> (when given); returns the instrument when all are
        /// complete. Without <paramref name="slots"/> only the instrument's one division is made.
        /// </summary>
        private decimal? Levels<T>(decimal?[]? slots)
            where T : IBinaryInteger<T>
        {
            var count = _slotComplete.Length;
            var complete = count > 0;
            for (var s = 0; s < count && (complete || slots is not null); s++)
            {
                complete &= _slotComplete[s];
            }
            if (!complete && slots is null)
            {
                return null;
            }
            var lcm = AnsweredLcm<T>();
            var unit = T.CreateChecked(Unit);
            var itemsLcm = T.CreateChecked(_layout._itemsLcm);
            var questionsLcm = T.CreateChecked(_layout._questionsLcm);
            var instrument = T.Zero;
            var shares = new Shares<T>(lcm);
            for (var s = 0; s < count; s++)
            {
                if (!_slotComplete[s])
                {
                    continue;
                }
                var questions = _layout._slotQuestions[s]!;
                var numerator = T.Zero;
                foreach (var q in questions)
                {
                    numerator = checked(numerator + (T.CreateChecked(_layout._questionShare[q]) * ColumnsNumerator(q, ref shares)));
                }
                if (slots is not null)
                {
                    slots[s] = Exact.ToDecimal(numerator, checked(unit * lcm * itemsLcm * T.CreateChecked(questions.Length)));
                }
                instrument = checked(instrument + (T.CreateChecked(_layout._slotShare[s]) * numerator));
            }
            if (!complete)
            {
                return null;
            }
            var denominator = checked(unit * lcm * itemsLcm * questionsLcm * T.CreateChecked(count));
            return Exact.ToDecimal(instrument, denominator);
        }

        private decimal QuestionValue<T>(int question)
            where T : IBinaryInteger<T>
        {
            var lcm = AnsweredLcm<T>();
            var k = T.CreateChecked(_layout._questionColumns[question].Length);
            return Exact.ToDecimal(ColumnsNumerator(question, lcm), checked(T.CreateChecked(Unit) * lcm * k));
        }

        /// <summary>Σ_c H_c·(L/a_c) over a question's columns.</summary>
        private T ColumnsNumerator<T>(int question, T lcm)
            where T : IBinaryInteger<T>
        {
            var shares = new Shares<T>(lcm);
            return ColumnsNumerator(question, ref shares);
        }

        private T ColumnsNumerator<T>(int question, ref Shares<T> shares)
            where T : IBinaryInteger<T>
        {
            var sum = T.Zero;
            foreach (var c in _layout._questionColumns[question])
            {
                sum = checked(sum + (T.CreateChecked(_sums[c]) * shares.Of(_answered[c])));
            }
            return sum;
        }

        /// <summary>
        /// L / a for the answered counts a of one matrix, the last two kept: its columns are mostly answered by as many
        /// respondents, so a division is made per change of count, not per column.
        /// </summary>
        private struct Shares<T>(T lcm)
            where T : IBinaryInteger<T>
        {
            private long _count0;
            private long _count1;
            private T _share0 = T.Zero;
            private T _share1 = T.Zero;

            public T Of(long count)
            {
                if (count == _count0)
                {
                    return _share0;
                }
                if (count != _count1)
                {
                    _count1 = count;
                    _share1 = lcm / T.CreateChecked(count);
                }
                (_count0, _count1, _share0, _share1) = (_count1, _count0, _share1, _share0);
                return _share0;
            }
        }

        /// <summary>L, computed again in a wider type when it does not fit a <see cref="long"/>.</summary>
        private T AnsweredLcm<T>()
            where T : IBinaryInteger<T>
        {
            if (_answeredLcm > 0)
            {
                return T.CreateChecked(_answeredLcm);
            }
            var lcm = T.One;
            foreach (var n in _answered)
            {
                if (n != 0)
                {
                    var value = T.CreateChecked(n);
                    lcm = checked(lcm / Gcd(lcm, value) * value);
                }
            }
            return lcm;
        }

        private static T Gcd<T>(T a, T b)
            where T : IBinaryInteger<T>
        {
            while (b != T.Zero)
            {
                (a, b) = (b, a % b);
            }
            return a;
        }
    }
}
