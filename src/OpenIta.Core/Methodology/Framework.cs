namespace OpenIta.Core.Methodology;

/// <summary>
/// The ITA methodology of one fiscal year: instruments and weights, indicators, questions and OIT items,
/// answer scales, the rating scale, the pass mark and the minimum-sample rules. Loaded from <c>frameworks/fyYYYY.yaml</c>
/// by <see cref="FrameworkParser"/>; every fact that changes between years lives here, not in code.
/// </summary>
public sealed class Framework
{
    private readonly Dictionary<string, QuestionDefinition> _questions;
    private readonly Dictionary<string, (QuestionDefinition Question, ScoredItem Item)> _items;
    private readonly Dictionary<string, OitItemDefinition> _oitItems;
    private readonly Dictionary<string, SubIndicatorDefinition> _subIndicators;

    internal Framework(
        FiscalYear year,
        IReadOnlyList<SourceReference> sources,
        IReadOnlyList<InstrumentDefinition> instruments,
        IReadOnlyList<IndicatorDefinition> indicators,
        IReadOnlyList<AnswerScale> answerScales,
        IReadOnlyList<QuestionDefinition> questions,
        IReadOnlyList<OitItemDefinition> oitItems,
        TotalRule totalRule,
        RatingScale rating,
        decimal passMark,
        NationalTarget? nationalTarget,
        SamplingRules? sampling,
        IReadOnlyList<ThemeDefinition>? themes = null)
    {
        Year = year;
        Sources = sources;
        Instruments = instruments;
        Indicators = indicators;
        AnswerScales = answerScales;
        Questions = questions;
        OitItems = oitItems;
        TotalRule = totalRule;
        Rating = rating;
        PassMark = passMark;
        NationalTarget = nationalTarget;
        Sampling = sampling;
        Themes = themes ?? [];

        _questions = questions.ToDictionary(q => q.Code, StringComparer.OrdinalIgnoreCase);
        _items = new(StringComparer.OrdinalIgnoreCase);
        foreach (var question in questions)
        {
            foreach (var item in question.Items)
            {
                _items[item.Code] = (question, item);
            }
        }
        _oitItems = oitItems.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        _subIndicators = indicators.SelectMany(i => i.SubIndicators)
            .ToDictionary(s => s.Code, StringComparer.Ordinal);
    }

    public FiscalYear Year { get; }
    public IReadOnlyList<SourceReference> Sources { get; }

    /// <summary>The weighted instruments of the year (IIT, EIT, OIT; or IIT, EIT1, EIT2, OIT from FY2566).</summary>
    public IReadOnlyList<InstrumentDefinition> Instruments { get; }

    public IReadOnlyList<IndicatorDefinition> Indicators { get; }
    public IReadOnlyList<AnswerScale> AnswerScales { get; }
    public IReadOnlyList<QuestionDefinition> Questions { get; }
    public IReadOnlyList<OitItemDefinition> OitItems { get; }
    /// <summary>How the total weighs the instrument scores.</summary>
    public TotalRule TotalRule { get; }

    public RatingScale Rating { get; }

    /// <summary>An agency passes at a total at or above this mark (85 in every known year).</summary>
    public decimal PassMark { get; }

    public NationalTarget? NationalTarget { get; }

    /// <summary>The minimum-sample rules, or <c>null</c> when no source gives them for this year.</summary>
    public SamplingRules? Sampling { get; }

    /// <summary>
    /// The seven cross-instrument themes of the agency's analysis (DOMAIN.md §3) with the question and OIT item codes
    /// of each, for the years where a source shows the mapping; empty otherwise (unknown, not "no themes").
    /// </summary>
    public IReadOnlyList<ThemeDefinition> Themes { get; }

    /// <summary>True from FY2566, when EIT is scored in two parts (EIT1, EIT2).</summary>
    public bool HasEitParts => Instruments.Any(i => i.PartOf == Instrument.Eit);

    public InstrumentDefinition? FindInstrument(Instrument instrument) =>
        Instruments.FirstOrDefault(i => i.Instrument == instrument);

    public IndicatorDefinition? FindIndicator(int number) =>
        Indicators.FirstOrDefault(i => i.Number == number);

    public QuestionDefinition? FindQuestion(string code) => _questions.GetValueOrDefault(code);

    /// <summary>A scored item: a sub-item (I1.1) or a question without sub-items (I2).</summary>
    public (QuestionDefinition Question, ScoredItem Item)? FindItem(string code) =>
        _items.TryGetValue(code, out var found) ? found : null;

    public OitItemDefinition? FindOitItem(string code) => _oitItems.GetValueOrDefault(code);

    public SubIndicatorDefinition? FindSubIndicator(string code) => _subIndicators.GetValueOrDefault(code);

    /// <summary>The instruments whose questions score an indicator: IIT for 1–5; EIT, or EIT1 and EIT2, for 6–8; OIT for 9–10.</summary>
    public IReadOnlyList<Instrument> ScoringInstruments(IndicatorDefinition indicator) =>
        indicator.Instrument == OpenIta.Core.Methodology.Instrument.Eit && HasEitParts
            ? [OpenIta.Core.Methodology.Instrument.Eit1, OpenIta.Core.Methodology.Instrument.Eit2]
            : [indicator.Instrument];

    public IEnumerable<IndicatorDefinition> IndicatorsOf(Instrument instrument)
    {
        var group = instrument is OpenIta.Core.Methodology.Instrument.Eit1 or OpenIta.Core.Methodology.Instrument.Eit2
            ? OpenIta.Core.Methodology.Instrument.Eit
            : instrument;
        return Indicators.Where(i => i.Instrument == group);
    }
}

/// <summary>
/// One of the seven themes that cut across instruments (DOMAIN.md §3): the questions and OIT items a source groups
/// under it for this year.
/// </summary>
/// <param name="Number">1 to 7, as the seeds number them.</param>
/// <param name="QuestionCodes">Perception questions (IIT, EIT parts) of the theme, as the year writes their codes.</param>
/// <param name="OitItemCodes">OIT items of the theme.</param>
/// <param name="Status">How sure the mapping is.</param>
public sealed record ThemeDefinition(
    int Number,
    string NameTh,
    string NameEn,
    IReadOnlyList<string> QuestionCodes,
    IReadOnlyList<string> OitItemCodes,
    SourceStatus Status,
    string? Source,
    string? Note)
{
    /// <summary>The lowest theme number.</summary>
    public const int First = 1;

    /// <summary>The highest theme number.</summary>
    public const int Last = 7;
}

public sealed record SourceReference(string Id, string Title);

public sealed record InstrumentDefinition(
    Instrument Instrument,
    string NameTh,
    string NameEn,
    InstrumentKind Kind,
    decimal Weight,
    SourceStatus WeightStatus,
    string? Source,
    Instrument? PartOf)
{
    public string Code => Instrument.Code();
}

public sealed record IndicatorDefinition(
    int Number,
    string NameTh,
    string NameEn,
    Instrument Instrument,
    int? QuestionCount,
    IReadOnlyList<SubIndicatorDefinition> SubIndicators);

/// <summary>An OIT sub-indicator (9.1 … 10.2); its score is the mean of its items.</summary>
public sealed record SubIndicatorDefinition(string Code, int Indicator, string NameTh, string? NameEn, int? ItemCount);

public sealed record Answer(string Label, decimal Score);

/// <summary>The score of each answer to one item (before reverse scoring).</summary>
public sealed record AnswerScale(string Code, SourceStatus Status, string? Source, string? Note, IReadOnlyList<Answer> Answers)
{
    public int IndexOf(string label)
    {
        var trimmed = label.Trim();
        for (var i = 0; i < Answers.Count; i++)
        {
            if (string.Equals(Answers[i].Label, trimmed, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>
/// What a respondent answers: a sub-item of a multi-part question (I1.1), or a question without sub-items (I2).
/// A reverse-scored item scores 100 minus the scale's score (negatively worded items).
/// </summary>
public sealed record ScoredItem(string Code, string? TextTh, string? TextEn, AnswerScale? Scale, bool Reverse)
{
    public decimal ScoreOf(int answerIndex)
    {
        if (Scale is null)
        {
            throw new InvalidOperationException($"The answer scale of {Code} is unknown.");
        }
        var score = Scale.Answers[answerIndex].Score;
        return Reverse ? 100m - score : score;
    }
}

public sealed record QuestionDefinition(
    string Code,
    Instrument Instrument,
    int? Indicator,
    string? TextTh,
    string? TextEn,
    string? Source,
    string? Note,
    bool HasSubItems,
    IReadOnlyList<ScoredItem> Items);

public sealed record OitItemDefinition(string Code, string? SubIndicator, string? TextTh, string? TextEn, string? Source, string? Note)
{
    /// <summary>The item's criteria as the source words them, one line each (an assessor ticks those not met); empty when
    /// no source gives them.</summary>
    public IReadOnlyList<string> Criteria { get; init; } = [];

    /// <summary>How sure the item's code, title and grouping are (SCHEMA.md).</summary>
    public SourceStatus Status { get; init; } = SourceStatus.Confirmed;
}

/// <param name="DisplayedInstruments">
/// True when the total weighs each instrument score as displayed (rounded half-up to 2 decimals): this reproduces
/// every seed's total (seed 000: 0.3·77.68 + 0.3·86.34 + 0.4·100 = 89.21, where the unrounded IIT gives 89.20).
/// </param>
public sealed record TotalRule(bool DisplayedInstruments, SourceStatus Status, string? Source, string? Note);

public enum RatingScheme
{
    /// <summary>AA, A, B, C, D, E, F (up to FY2565).</summary>
    Grades,

    /// <summary>ผ่านดีเยี่ยม, ผ่านดี, ผ่าน, ต้องปรับปรุง, ต้องปรับปรุงโดยด่วน (from FY2567).</summary>
    Levels,
}

public sealed record RatingLevel(string Code, string NameTh, string NameEn, decimal MinTotal, decimal? EveryInstrumentAtLeast);

public sealed record RatingScale(RatingScheme Scheme, SourceStatus Status, string? Source, string? Note, IReadOnlyList<RatingLevel> Levels)
{
    public RatingLevel? Level(string codeOrName) => Levels.FirstOrDefault(l =>
        string.Equals(l.Code, codeOrName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(l.NameTh, codeOrName.Trim(), StringComparison.Ordinal)
        || string.Equals(l.NameEn, codeOrName.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed record NationalTarget(decimal PassRatePercent, SourceStatus Status, string? Source);

public enum SamplePopulation
{
    /// <summary>Internal stakeholders: staff with at least one year of service.</summary>
    Internal,

    /// <summary>The agency's estimate of its external stakeholders.</summary>
    External,

    /// <summary>Another instrument's minimum sample (EIT2 takes 20 % of EIT1's).</summary>
    Instrument,
}

public sealed record SamplingRule(
    Instrument Instrument,
    SamplePopulation Population,
    Instrument? Of,
    decimal Percent,
    int AtLeast,
    int? EveryoneBelow,
    int? Above,
    int? AboveMinimum);

public sealed record SamplingRules(SourceStatus Status, string? Source, string? Note, IReadOnlyList<SamplingRule> Rules);
