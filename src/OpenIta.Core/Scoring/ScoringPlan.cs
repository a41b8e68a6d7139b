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
    private readonly OitLayout _oit;
    private readonly InstrumentDefinition[] _weighted;
    private readonly IReadOnlyList<ScoredItem>?[] _matched;
    private readonly int[] _countsAt;   // per survey: where its answered counts, then its sums, start in an agency's counts
    private readonly int _oitAt;        // where the OIT sub-indicators' sums start
    private readonly int _countsLength;

    private ScoringPlan(Framework framework)
    {
        _framework = framework;
        _weighted = [.. framework.Instruments];
        var surveys = framework.Instruments.Where(i => i.Kind == InstrumentKind.Perception).ToList();
        _surveys = surveys.Select(i => Layout(framework, i.Instrument)).ToArray();
        _surveyWeightIndex = surveys.Select(i => Array.IndexOf(_weighted, i)).ToArray();
        _matched = new IReadOnlyList<ScoredItem>?[_surveys.Length];
        _partOfEit = surveys.Select(i => i.PartOf == Instrument.Eit).ToArray();
        _firstPart = Array.IndexOf(_partOfEit, true);
        _oitWeightIndex = Array.FindIndex(_weighted, w => w.Instrument == Instrument.Oit);
        _oit = OitLayout.For(framework)
            ?? throw new InvalidOperationException($"FY{framework.Year}: the OIT items of every sub-indicator are not all known, so raw OIT item scores cannot be aggregated.");
        _countsAt = new int[_surveys.Length];
        var at = 0;
        for (var s = 0; s < _surveys.Length; s++)
        {
            _countsAt[s] = at;
            at += 2 * _surveys[s].Columns.Count;
        }
        _oitAt = at;
        _countsLength = at + _oit.SumCount;
    }

    private static bool SameColumns(IReadOnlyList<ScoredItem> given, IReadOnlyList<ScoredItem> expected)
    {
        if (ReferenceEquals(given, expected))
        {
            return true;
        }
        if (given.Count != expected.Count)
        {
            return false;
        }
        for (var c = 0; c < given.Count; c++)
        {
            // The framework's own items are the same objects; an equal copy is compared by value.
            if (!ReferenceEquals(given[c], expected[c]) && !given[c].Equals(expected[c]))
            {
                return false;
            }
        }
        return true;
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

    /// <summary>The plan of a framework, or null (with why) when the year lacks what raw scoring needs.</summary>
    public static ScoringPlan? TryFor(Framework framework, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var compiled = Attempts.GetValue(framework, f =>
        {
            try
            {
                return new Attempt(For(f), null);
            }
            catch (InvalidOperationException e)
            {
                return new Attempt(null, e.Message);
            }
        });
        whyNot = compiled.WhyNot;
        return compiled.Plan;
    }

    private sealed record Attempt(ScoringPlan? Plan, string? WhyNot);

    private static readonly ConditionalWeakTable<Framework, Attempt> Attempts = [];

    /// <summary>
    /// The score card of any input, as <see cref="ScoringEngine.Score"/> gives it, value for value. Where the input holds
    /// raw answers and the year compiles, every matrix is counted through the plan's compiled layouts (reordered to the
    /// plan's columns when it has them in another order) and the engine builds the levels above the counts; otherwise
    /// the engine does it all. <paramref name="compiled"/> says which.
    /// </summary>
    public static ScoreCard Card(Framework framework, ScoreInput input, out bool compiled)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(input);
        var card = input.Responses.Count > 0 && input.Year == framework.Year && TryFor(framework, out _) is { } plan
            ? plan.TryCard(input)
            : null;
        compiled = card is not null;
        return card ?? ScoringEngine.Score(framework, input);
    }

    /// <summary>The card through the compiled layouts, or null when some matrix is not of a plan survey with its columns.</summary>
    private ScoreCard? TryCard(ScoreInput input)
    {
        var responses = new Dictionary<Instrument, ResponseMatrix>(input.Responses.Count);
        var tallies = new Dictionary<Instrument, SurveyLayout.Tally>(input.Responses.Count);
        foreach (var (instrument, matrix) in input.Responses)
        {
            var s = Array.FindIndex(_surveys, l => l.Instrument == instrument);
            if (s < 0 || InPlanOrder(matrix, _surveys[s].Columns) is not { } ordered)
            {
                return null;
            }
            responses[instrument] = ordered;
            tallies[instrument] = _surveys[s].Count(ordered);
        }
        return ScoringEngine.Score(_framework, input with { Responses = responses }, tallies);
    }

    /// <summary>The matrix with the plan's columns in the plan's order, or null when its columns are not the same set.</summary>
    private static ResponseMatrix? InPlanOrder(ResponseMatrix matrix, IReadOnlyList<ScoredItem> columns)
    {
        if (SameColumns(matrix.Columns, columns))
        {
            return matrix;
        }
        var width = columns.Count;
        if (matrix.Columns.Count != width)
        {
            return null;
        }
        var from = new int[width];
        for (var c = 0; c < width; c++)
        {
            from[c] = -1;
            for (var m = 0; m < width; m++)
            {
                if (string.Equals(matrix.Columns[m].Code, columns[c].Code, StringComparison.OrdinalIgnoreCase) && matrix.Columns[m].Equals(columns[c]))
                {
                    from[c] = m;
                    break;
                }
            }
            if (from[c] < 0)
            {
                return null;
            }
        }
        var cells = new byte[matrix.Rows * width];
        for (var row = 0; row < matrix.Rows; row++)
        {
            for (var c = 0; c < width; c++)
            {
                cells[(row * width) + c] = matrix.Cell(row, from[c]);
            }
        }
        return new ResponseMatrix(columns, cells, matrix.Rows);
    }

    public Framework Framework => _framework;

    /// <summary>The order of OIT item scores that <see cref="Score"/> expects.</summary>
    public IReadOnlyList<OitItemDefinition> OitItems => _oit.Items;

    /// <summary>The order of <see cref="AgencyScore.SubIndicator"/>.</summary>
    public IReadOnlyList<SubIndicatorDefinition> SubIndicators => _oit.SubIndicators;

    /// <summary>The survey instruments, in the order <see cref="Score"/> expects their answers.</summary>
    public IReadOnlyList<Instrument> Surveys => _surveys.Select(s => s.Instrument).ToList();

    /// <summary>The columns a response matrix of <paramref name="instrument"/> must have, in this order.</summary>
    public IReadOnlyList<ScoredItem> Columns(Instrument instrument) =>
        _surveys.First(s => s.Instrument == instrument).Columns;


    /// <summary>
    /// Scores one agency: its answers per survey instrument (in <see cref="Surveys"/> order) and its OIT item scores, up
    /// to its total and rating. The levels below the instruments are exact sums until they are read: each instrument is
    /// one division of its integer sums, and the indicators and questions become decimals only when asked for.
    /// </summary>
    public AgencyScore Score(ReadOnlySpan<ResponseMatrix> answers, ReadOnlySpan<decimal> oitItems)
    {
        if (answers.Length != _surveys.Length)
        {
            throw new ArgumentException($"Expected answers for {string.Join(", ", Surveys.Select(s => s.Code()))}.", nameof(answers));
        }
        var instruments = new decimal?[_weighted.Length];
        // Every count and sum of the agency in one array: answered counts and sums per survey, then the OIT sums.
        var counts = new long[_countsLength];
        for (var s = 0; s < _surveys.Length; s++)
        {
            var layout = _surveys[s];
            var columns = answers[s].Columns;
            if (!ReferenceEquals(columns, _matched[s]))
            {
                if (!SameColumns(columns, layout.Columns))
                {
                    throw new ArgumentException($"The {layout.Instrument.Code()} answers must have the plan's columns, in order.", nameof(answers));
                }
                // Matrices made with one list of columns are compared once (columns are immutable lists).
                _matched[s] = columns;
            }
            layout.Count(answers[s], counts, _countsAt[s]);
            instruments[_surveyWeightIndex[s]] = layout.InstrumentScore(counts, _countsAt[s], answers[s].Rows);
        }
        var oitSums = counts.AsSpan(_oitAt, _oit.SumCount);
        _oit.Sum(oitItems, oitSums);
        instruments[_oitWeightIndex] = _oit.Score(oitSums);

        Span<decimal> known = stackalloc decimal[instruments.Length];
        var total = 0m;
        var displayed = _framework.TotalRule.DisplayedInstruments;
        for (var i = 0; i < instruments.Length; i++)
        {
            if (instruments[i] is not { } value)
            {
                return new AgencyScore(this, null, null, instruments, counts);
            }
            // The rating compares instruments as displayed: rounded once here (rounding again changes nothing).
            var shown = known[i] = Scoring.Score.Round(value);
            total += _weighted[i].Weight * (displayed ? shown : value);
        }
        return new AgencyScore(this, total, RatingRule.RateComplete(_framework, total, known), instruments, counts);
    }

    /// <summary>The survey tallies of an agency's counts (as <see cref="Score"/> lays them out), to read the levels below the instruments.</summary>
    internal SurveyLayout.Tally[] SurveyTallies(long[] counts)
    {
        var surveys = new SurveyLayout.Tally[_surveys.Length];
        for (var s = 0; s < surveys.Length; s++)
        {
            surveys[s] = _surveys[s].TallyOf(counts, _countsAt[s]);
        }
        return surveys;
    }

    /// <summary>The OIT tally of an agency's counts.</summary>
    internal OitLayout.Tally OitTally(long[] counts) => new(_oit, new ArraySegment<long>(counts, _oitAt, _oit.SumCount));

    /// <summary>Indicators 1–10 from an agency's tallies, as the engine gives them.</summary>
    internal decimal?[] Indicators(SurveyLayout.Tally[] tallies, OitLayout.Tally oit)
    {
        var indicators = new decimal?[10];
        for (var s = 0; s < _surveys.Length; s++)
        {
            var layout = _surveys[s];
            for (var slot = 0; slot < layout.Slots.Count; slot++)
            {
                var number = layout.Slots[slot].Number;
                var value = tallies[s].Slot(slot);
                // From FY2566 the combined EIT indicator is the mean of the parts: EIT1 stores its part, EIT2 completes it.
                indicators[number - 1] = !_partOfEit[s] || s == _firstPart ? value
                    : indicators[number - 1] is { } first && value is { } second ? (first + second) / 2 : null;
            }
        }
        for (var j = 0; j < _oit.Indicators.Count; j++)
        {
            indicators[_oit.Indicators[j].Number - 1] = oit.Indicator(j);
        }
        return indicators;
    }
}

/// <summary>
/// An agency scored by a <see cref="ScoringPlan"/>: total, rating and instruments (in the framework's order); indicators
/// 1–10, question and OIT sub-indicator scores are computed when asked for.
/// </summary>
public sealed class AgencyScore
{
    private readonly ScoringPlan _plan;
    private readonly long[] _counts;
    private SurveyLayout.Tally[]? _surveys;
    private OitLayout.Tally? _oit;
    private decimal?[]? _indicators;

    internal AgencyScore(ScoringPlan plan, decimal? total, RatingLevel? rating, decimal?[] instruments, long[] counts)
    {
        _plan = plan;
        Total = total;
        Rating = rating;
        Instruments = instruments;
        _counts = counts;
    }

    /// <summary>The tallies of the agency's counts, made on the first read below the instruments.</summary>
    private SurveyLayout.Tally[] Surveys => _surveys ??= _plan.SurveyTallies(_counts);

    private OitLayout.Tally Oit => _oit ??= _plan.OitTally(_counts);

    public decimal? Total { get; }
    public RatingLevel? Rating { get; }
    public IReadOnlyList<decimal?> Instruments { get; }

    /// <summary>Indicators 1–10 (null where unknown), computed on the first read.</summary>
    public IReadOnlyList<decimal?> Indicators => _indicators ??= _plan.Indicators(Surveys, Oit);

    /// <summary>The score of an OIT sub-indicator, by its index in <see cref="ScoringPlan.SubIndicators"/>.</summary>
    public decimal SubIndicator(int index) => Oit.SubIndicator(index);

    /// <summary>The score of a question, by its code; null when it is not a question of the year or nobody answered it.</summary>
    public decimal? Question(string code)
    {
        foreach (var tally in Surveys)
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
