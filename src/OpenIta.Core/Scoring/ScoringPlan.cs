using System.Runtime.CompilerServices;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>
/// The fast path for the one case that comes in bulk: an agency's raw answers to every survey instrument and its OIT
/// item scores, scored up to the total and rating. A plan compiles a framework once into index arrays, so that scoring
/// an agency is array arithmetic with no lookups. It does exactly what <see cref="ScoringEngine"/> does, in the same
/// order of operations, so both give identical values (a property test holds them to it); the engine remains the
/// reference and handles every other kind of input.
/// </summary>
public sealed class ScoringPlan
{
    private static readonly ConditionalWeakTable<Framework, ScoringPlan> Plans = [];

    private readonly Framework _framework;
    private readonly SurveyPlan[] _surveys;
    private readonly int[][] _subIndicatorItems;     // per sub-indicator: indexes into OitItems
    private readonly int[][] _oitIndicatorSubs;      // per OIT indicator slot: indexes into sub-indicators
    private readonly InstrumentDefinition[] _weighted;

    private ScoringPlan(Framework framework)
    {
        _framework = framework;
        _weighted = [.. framework.Instruments];
        _surveys = framework.Instruments
            .Where(i => i.Kind == InstrumentKind.Perception)
            .Select(i => new SurveyPlan(framework, i))
            .ToArray();
        OitItems = framework.OitItems;
        var subs = framework.Indicators.SelectMany(i => i.SubIndicators).ToList();
        SubIndicators = subs;
        _subIndicatorItems = subs.Select(s =>
        {
            var items = framework.OitItems.Select((o, k) => (o, k)).Where(x => x.o.SubIndicator == s.Code).Select(x => x.k).ToArray();
            if (s.ItemCount is not { } count || items.Length != count)
            {
                throw new InvalidOperationException($"FY{framework.Year}: the items of OIT sub-indicator {s.Code} are not all known, so raw OIT item scores cannot be aggregated.");
            }
            return items;
        }).ToArray();
        OitIndicators = framework.Indicators.Where(i => i.Instrument == Instrument.Oit).ToList();
        _oitIndicatorSubs = OitIndicators.Select(i => i.SubIndicators.Select(s => subs.IndexOf(s)).ToArray()).ToArray();
        if (_oitIndicatorSubs.Any(s => s.Length == 0))
        {
            throw new InvalidOperationException($"FY{framework.Year}: the OIT sub-indicators are not known.");
        }
    }

    /// <summary>The plan of a framework, compiled once and kept as long as the framework lives.</summary>
    /// <exception cref="InvalidOperationException">The year lacks what raw scoring needs (answer scales, question lists, OIT grouping).</exception>
    public static ScoringPlan For(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return Plans.GetValue(framework, f => new ScoringPlan(f));
    }

    public Framework Framework => _framework;

    /// <summary>The order of OIT item scores that <see cref="Score"/> expects.</summary>
    public IReadOnlyList<OitItemDefinition> OitItems { get; }

    public IReadOnlyList<SubIndicatorDefinition> SubIndicators { get; }

    public IReadOnlyList<IndicatorDefinition> OitIndicators { get; }

    /// <summary>The survey instruments, in the order <see cref="Score"/> expects their answers.</summary>
    public IReadOnlyList<Instrument> Surveys => _surveys.Select(s => s.Instrument).ToList();

    /// <summary>The columns a response matrix of <paramref name="instrument"/> must have, in this order.</summary>
    public IReadOnlyList<ScoredItem> Columns(Instrument instrument) =>
        _surveys.First(s => s.Instrument == instrument).Columns;

    /// <summary>Scores one agency: its answers per survey instrument (in <see cref="Surveys"/> order) and its OIT item scores.</summary>
    public AgencyScore Score(ReadOnlySpan<ResponseMatrix> answers, ReadOnlySpan<decimal> oitItems)
    {
        if (answers.Length != _surveys.Length)
        {
            throw new ArgumentException($"Expected answers for {string.Join(", ", Surveys.Select(s => s.Code()))}.", nameof(answers));
        }
        if (oitItems.Length != OitItems.Count)
        {
            throw new ArgumentException($"Expected {OitItems.Count} OIT item scores.", nameof(oitItems));
        }
        var instruments = new decimal?[_weighted.Length];
        var indicators = new decimal?[10];
        var questions = new decimal?[_surveys.Length][];
        for (var s = 0; s < _surveys.Length; s++)
        {
            var survey = _surveys[s];
            if (!ReferenceEquals(answers[s].Columns, survey.Columns) && !answers[s].Columns.SequenceEqual(survey.Columns))
            {
                throw new ArgumentException($"The {survey.Instrument.Code()} answers must have the plan's columns, in order.", nameof(answers));
            }
            questions[s] = survey.Score(answers[s], out var instrument, indicators);
            instruments[Array.FindIndex(_weighted, w => w.Instrument == survey.Instrument)] = instrument;
        }

        var subScores = new decimal[_subIndicatorItems.Length];
        for (var k = 0; k < _subIndicatorItems.Length; k++)
        {
            var sum = 0m;
            foreach (var item in _subIndicatorItems[k])
            {
                var score = oitItems[item];
                if (!Scoring.Score.IsValid(score))
                {
                    throw new ArgumentOutOfRangeException(nameof(oitItems), $"{OitItems[item].Code}: {score} is not a score from 0 to 100.");
                }
                sum += score;
            }
            subScores[k] = sum / _subIndicatorItems[k].Length;
        }
        var oitSum = 0m;
        for (var k = 0; k < _oitIndicatorSubs.Length; k++)
        {
            var sum = 0m;
            foreach (var sub in _oitIndicatorSubs[k])
            {
                sum += subScores[sub];
            }
            var indicator = sum / _oitIndicatorSubs[k].Length;
            indicators[OitIndicators[k].Number - 1] = indicator;
            oitSum += indicator;
        }
        instruments[Array.FindIndex(_weighted, w => w.Instrument == Instrument.Oit)] = oitSum / _oitIndicatorSubs.Length;

        if (Array.IndexOf(instruments, null) >= 0)
        {
            return new AgencyScore(null, null, instruments, indicators, questions, subScores);
        }
        var total = 0m;
        var known = new Dictionary<Instrument, decimal>(_weighted.Length);
        for (var i = 0; i < _weighted.Length; i++)
        {
            var value = instruments[i]!.Value;
            known[_weighted[i].Instrument] = value;
            total += _weighted[i].Weight * (_framework.TotalRule.DisplayedInstruments ? Scoring.Score.Round(value) : value);
        }
        var rating = RatingRule.Rate(_framework, total, known, null).Level;
        return new AgencyScore(total, rating, instruments, indicators, questions, subScores);
    }

    /// <summary>One survey instrument compiled: columns → questions → indicators.</summary>
    private sealed class SurveyPlan
    {
        private readonly int[] _questionFirstColumn;
        private readonly int[] _questionColumns;
        private readonly int[][] _indicatorQuestions;
        private readonly int[] _indicatorNumbers;
        private readonly decimal[][] _itemScores;
        private readonly long[][]? _itemHundredths;

        public SurveyPlan(Framework framework, InstrumentDefinition instrument)
        {
            Instrument = instrument.Instrument;
            var indicators = framework.IndicatorsOf(Instrument).ToList();
            var questions = framework.Questions.Where(q => q.Instrument == Instrument).ToList();
            foreach (var indicator in indicators)
            {
                var count = questions.Count(q => q.Indicator == indicator.Number);
                if (indicator.QuestionCount is not { } expected || count != expected)
                {
                    throw new InvalidOperationException($"FY{framework.Year}: the {Instrument.Code()} questions of indicator {indicator.Number} are not all known.");
                }
            }
            questions = [.. questions.Where(q => q.Indicator is not null)];
            Columns = questions.SelectMany(q => q.Items).ToList();
            if (Columns.Any(c => c.Scale is null))
            {
                throw new InvalidOperationException($"FY{framework.Year}: the answer scale of some {Instrument.Code()} items is unknown.");
            }
            _questionFirstColumn = new int[questions.Count];
            _questionColumns = new int[questions.Count];
            var column = 0;
            for (var q = 0; q < questions.Count; q++)
            {
                _questionFirstColumn[q] = column;
                _questionColumns[q] = questions[q].Items.Count;
                column += questions[q].Items.Count;
            }
            _indicatorNumbers = indicators.Select(i => i.Number).ToArray();
            _indicatorQuestions = indicators
                .Select(i => questions.Select((x, k) => (x, k)).Where(x => x.x.Indicator == i.Number).Select(x => x.k).ToArray())
                .ToArray();
            _itemScores = Columns.Select(c => Enumerable.Range(0, c.Scale!.Answers.Count).Select(c.ScoreOf).ToArray()).ToArray();
            // Scores with at most two decimals (0, 33, 66.67, 100) add up exactly as whole hundredths in a long.
            if (_itemScores.All(scores => scores.All(x => x * 100 == decimal.Truncate(x * 100))))
            {
                _itemHundredths = _itemScores.Select(scores => scores.Select(x => (long)(x * 100)).ToArray()).ToArray();
            }
            IsPart = instrument.PartOf is not null;
        }

        public Instrument Instrument { get; }
        public IReadOnlyList<ScoredItem> Columns { get; }
        private bool IsPart { get; }

        /// <summary>Question scores; sets the instrument score and, for whole instruments, its indicators.</summary>
        public decimal?[] Score(ResponseMatrix matrix, out decimal? instrument, decimal?[] indicators)
        {
            Span<int> counts = stackalloc int[Columns.Count * SurveyAggregator.Stride];
            SurveyAggregator.CountAnswers(matrix, 0, matrix.Rows, counts);
            var items = new decimal?[Columns.Count];
            for (var c = 0; c < items.Length; c++)
            {
                var answers = counts.Slice((c * SurveyAggregator.Stride) + 1, _itemScores[c].Length);
                long answered = 0;
                decimal sum;
                if (_itemHundredths is not null)
                {
                    var hundredths = _itemHundredths[c];
                    long total = 0;
                    for (var a = 0; a < answers.Length; a++)
                    {
                        answered += answers[a];
                        total += answers[a] * hundredths[a];
                    }
                    sum = total / 100m; // exact
                }
                else
                {
                    var scores = _itemScores[c];
                    sum = 0m;
                    for (var a = 0; a < answers.Length; a++)
                    {
                        answered += answers[a];
                        sum += answers[a] * scores[a];
                    }
                }
                items[c] = answered == 0 ? null : sum / answered;
            }
            var questions = new decimal?[_questionColumns.Length];
            for (var q = 0; q < questions.Length; q++)
            {
                var sum = 0m;
                var complete = true;
                for (var c = _questionFirstColumn[q]; c < _questionFirstColumn[q] + _questionColumns[q]; c++)
                {
                    if (items[c] is { } value)
                    {
                        sum += value;
                    }
                    else
                    {
                        complete = false;
                    }
                }
                questions[q] = !complete ? null : _questionColumns[q] == 1 ? sum : sum / _questionColumns[q];
            }
            instrument = null;
            var instrumentSum = 0m;
            for (var i = 0; i < _indicatorQuestions.Length; i++)
            {
                var sum = 0m;
                foreach (var q in _indicatorQuestions[i])
                {
                    if (questions[q] is not { } value)
                    {
                        return questions; // an unanswered question leaves the indicator and the instrument unscored
                    }
                    sum += value;
                }
                var indicator = sum / _indicatorQuestions[i].Length;
                instrumentSum += indicator;
                if (!IsPart)
                {
                    indicators[_indicatorNumbers[i] - 1] = indicator;
                }
                else
                {
                    // From FY2566 the combined indicator is the mean of the parts: EIT1 stores its part, EIT2 completes it.
                    indicators[_indicatorNumbers[i] - 1] = indicators[_indicatorNumbers[i] - 1] is { } other
                        ? (other + indicator) / 2
                        : indicator;
                }
            }
            instrument = instrumentSum / _indicatorQuestions.Length;
            return questions;
        }
    }
}

/// <summary>An agency scored by a <see cref="ScoringPlan"/>: every level, in the plan's orders.</summary>
public sealed record AgencyScore(
    decimal? Total,
    RatingLevel? Rating,
    IReadOnlyList<decimal?> Instruments,
    IReadOnlyList<decimal?> Indicators,
    IReadOnlyList<decimal?[]> Questions,
    IReadOnlyList<decimal> SubIndicators);
