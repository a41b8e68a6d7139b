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
    private readonly SurveyLayout[] _surveys;
    private readonly int[] _surveyWeightIndex;
    private readonly bool[] _partOfEit;
    private readonly int _firstPart;
    private readonly int _oitWeightIndex;
    private readonly int[][] _subIndicatorItems;     // per sub-indicator: indexes into OitItems
    private readonly int[][] _oitIndicatorSubs;      // per OIT indicator slot: indexes into sub-indicators
    private readonly InstrumentDefinition[] _weighted;

    private ScoringPlan(Framework framework)
    {
        _framework = framework;
        _weighted = [.. framework.Instruments];
        var surveys = framework.Instruments.Where(i => i.Kind == InstrumentKind.Perception).ToList();
        _surveys = surveys.Select(i => Layout(framework, i.Instrument)).ToArray();
        _surveyWeightIndex = surveys.Select(i => Array.IndexOf(_weighted, i)).ToArray();
        _partOfEit = surveys.Select(i => i.PartOf == Instrument.Eit).ToArray();
        _firstPart = Array.IndexOf(_partOfEit, true);
        _oitWeightIndex = Array.FindIndex(_weighted, w => w.Instrument == Instrument.Oit);
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

    /// <summary>The layout of a complete survey instrument: every question known, with its indicator and answer scale.</summary>
    private static SurveyLayout Layout(Framework framework, Instrument instrument)
    {
        foreach (var indicator in framework.IndicatorsOf(instrument))
        {
            var count = framework.Questions.Count(q => q.Instrument == instrument && q.Indicator == indicator.Number);
            if (indicator.QuestionCount is not { } expected || count != expected)
            {
                throw new InvalidOperationException($"FY{framework.Year}: the {instrument.Code()} questions of indicator {indicator.Number} are not all known.");
            }
        }
        var columns = framework.Questions.Where(q => q.Instrument == instrument && q.Indicator is not null).SelectMany(q => q.Items).ToList();
        if (columns.Any(c => c.Scale is null))
        {
            throw new InvalidOperationException($"FY{framework.Year}: the answer scale of some {instrument.Code()} items is unknown.");
        }
        return new SurveyLayout(framework, instrument, columns);
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
        var tallies = new SurveyLayout.Tally[_surveys.Length];
        for (var s = 0; s < _surveys.Length; s++)
        {
            var layout = _surveys[s];
            if (!ReferenceEquals(answers[s].Columns, layout.Columns) && !answers[s].Columns.SequenceEqual(layout.Columns))
            {
                throw new ArgumentException($"The {layout.Instrument.Code()} answers must have the plan's columns, in order.", nameof(answers));
            }
            var tally = tallies[s] = layout.Count(answers[s]);
            for (var slot = 0; slot < layout.Slots.Count; slot++)
            {
                var number = layout.Slots[slot].Number;
                var value = tally.Slot(slot);
                // From FY2566 the combined EIT indicator is the mean of the parts: EIT1 stores its part, EIT2 completes it.
                indicators[number - 1] = !_partOfEit[s] || s == _firstPart ? value
                    : indicators[number - 1] is { } first && value is { } second ? (first + second) / 2 : null;
            }
            instruments[_surveyWeightIndex[s]] = tally.Instrument();
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
        instruments[_oitWeightIndex] = oitSum / _oitIndicatorSubs.Length;

        if (Array.IndexOf(instruments, null) >= 0)
        {
            return new AgencyScore(null, null, instruments, indicators, tallies, subScores);
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
        return new AgencyScore(total, rating, instruments, indicators, tallies, subScores);
    }
}

/// <summary>
/// An agency scored by a <see cref="ScoringPlan"/>: total, rating, instruments (in the framework's order), indicators
/// 1–10 and OIT sub-indicators; question scores are computed when asked for.
/// </summary>
public sealed class AgencyScore
{
    private readonly SurveyLayout.Tally[] _tallies;

    internal AgencyScore(decimal? total, RatingLevel? rating, decimal?[] instruments, decimal?[] indicators,
        SurveyLayout.Tally[] tallies, decimal[] subIndicators)
    {
        Total = total;
        Rating = rating;
        Instruments = instruments;
        Indicators = indicators;
        SubIndicators = subIndicators;
        _tallies = tallies;
    }

    public decimal? Total { get; }
    public RatingLevel? Rating { get; }
    public IReadOnlyList<decimal?> Instruments { get; }
    public IReadOnlyList<decimal?> Indicators { get; }
    public IReadOnlyList<decimal> SubIndicators { get; }

    /// <summary>The score of a question, by its code; null when it is not a question of the year or nobody answered it.</summary>
    public decimal? Question(string code)
    {
        foreach (var tally in _tallies)
        {
            for (var q = 0; q < tally.Layout.Questions.Count; q++)
            {
                if (string.Equals(tally.Layout.Questions[q].Code, code, StringComparison.OrdinalIgnoreCase))
                {
                    return tally.Question(q);
                }
            }
        }
        return null;
    }
}
