using OpenIta.Core.Methodology;

namespace OpenIta.Core.Analysis;

/// <summary>
/// The analysis of one agency's result for one year (DOMAIN.md §3), made by <see cref="ResultAnalysis.Analyse"/>.
/// Every score is at full precision; round with <see cref="Scoring.Score.Display(decimal)"/> where it is shown.
/// </summary>
/// <param name="Year">The year analysed.</param>
/// <param name="Settings">The settings the analysis used.</param>
/// <param name="Indicators">The scored indicators, ranked high → low.</param>
/// <param name="Instruments">Every instrument of the card, in the card's order.</param>
/// <param name="Total">The total, when the card has one.</param>
/// <param name="PassMark">The total against the framework's pass mark (85).</param>
/// <param name="OwnTarget">The total against the agency's own target, when it has one.</param>
/// <param name="Items">Every scored question and sub-item with its tier, in the framework's order.</param>
/// <param name="YearOverYear">Differences from the latest earlier year, when one was given.</param>
/// <param name="TargetGap">How far the total is from the target (or the pass mark) and which indicators lift it most.</param>
/// <param name="Themes">The year's cross-instrument themes; empty when the framework year has no theme mapping.</param>
public sealed record AnalysisReport(
    FiscalYear Year,
    AnalysisSettings Settings,
    IReadOnlyList<RankedIndicator> Indicators,
    IReadOnlyList<InstrumentSummary> Instruments,
    decimal? Total,
    MarkCheck? PassMark,
    MarkCheck? OwnTarget,
    IReadOnlyList<TieredItem> Items,
    YearOverYear? YearOverYear,
    TargetGap? TargetGap,
    IReadOnlyList<ThemeAnalysis> Themes)
{
    /// <summary>The questions and sub-items in one tier.</summary>
    public IEnumerable<TieredItem> InTier(Tier tier) => Items.Where(i => i.Tier == tier);

    /// <summary>Whether indicators are scored and all have the same displayed score: then none is highest or lowest.</summary>
    public bool IndicatorsAllEqual => RankedIndicator.AllEqual(Indicators);
}

/// <summary>An indicator's place in the ranking (<see cref="ResultAnalysis.Rank"/>); ties share a rank (1, 1, 3 …).</summary>
/// <param name="Highest">At the top displayed score, when not every indicator has it.</param>
/// <param name="Lowest">At the bottom displayed score, when not every indicator has it.</param>
/// <param name="Passed">Whether the score, as displayed, reaches the framework's pass mark.</param>
public sealed record RankedIndicator(
    int Number,
    Instrument Instrument,
    string NameTh,
    string NameEn,
    decimal Score,
    int Rank,
    bool Highest,
    bool Lowest,
    bool Passed)
{
    /// <summary>Whether a ranking has indicators and all have the same displayed score (none is highest or lowest).</summary>
    public static bool AllEqual(IReadOnlyCollection<RankedIndicator> ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return ranking.Count > 0 && !ranking.Any(i => i.Highest || i.Lowest);
    }
}

/// <summary>One instrument of the card.</summary>
/// <param name="Score">Null when the instrument is not scored or cannot be computed.</param>
/// <param name="Reason">Why there is no score, when there is none.</param>
/// <param name="Weight">Its weight in the total; null for the combined EIT of FY2566 on.</param>
/// <param name="Passed">Whether the score, as displayed, reaches the pass mark; null without a score.</param>
public sealed record InstrumentSummary(
    Instrument Instrument,
    decimal? Score,
    decimal? Weight,
    bool Scored,
    Text.Message? Reason,
    bool? Passed);

/// <summary>The total against a mark, compared as displayed.</summary>
/// <param name="Mark">The pass mark or the agency's target.</param>
/// <param name="Total">The total at full precision.</param>
/// <param name="Reached">Whether the total, as displayed, is at or above the mark.</param>
/// <param name="Margin">The displayed total minus the mark: negative when short of it.</param>
public sealed record MarkCheck(decimal Mark, decimal Total, bool Reached, decimal Margin);

/// <summary>A question or a sub-item with its tier.</summary>
/// <param name="Code">The question (I7) or sub-item (I11.2) code.</param>
/// <param name="QuestionCode">The question the item belongs to (itself for a question).</param>
/// <param name="IsSubItem">True for a sub-item of a multi-part question.</param>
/// <param name="Indicator">The question's indicator, when the year's mapping is known.</param>
/// <param name="TextTh">The text from the framework year, when known.</param>
/// <param name="TextEn">The English text from the framework year, when known.</param>
public sealed record TieredItem(
    string Code,
    string QuestionCode,
    bool IsSubItem,
    Instrument Instrument,
    int? Indicator,
    decimal Score,
    Tier Tier,
    string? TextTh,
    string? TextEn);

/// <summary>A score this year against the previous year. Differences are between the displayed values.</summary>
/// <param name="Previous">Last year's score, full precision; null when it has none.</param>
/// <param name="Current">This year's score, full precision; null when it has none.</param>
/// <param name="Difference">Displayed current minus displayed previous (seed 003: 89.67 − 90.26 = −0.59); null unless both are known.</param>
public sealed record ScoreChange(decimal? Previous, decimal? Current, decimal? Difference);

/// <summary>An indicator's change from the previous year.</summary>
public sealed record IndicatorChange(int Number, Instrument Instrument, ScoreChange Change);

/// <summary>An instrument's change from the previous year (EIT1/EIT2 have no previous value before FY2566).</summary>
public sealed record InstrumentChange(Instrument Instrument, ScoreChange Change);

/// <summary>Differences from the latest earlier year given.</summary>
public sealed record YearOverYear(
    FiscalYear ComparedWith,
    ScoreChange Total,
    IReadOnlyList<InstrumentChange> Instruments,
    IReadOnlyList<IndicatorChange> Indicators);

/// <summary>
/// How far the total is from the target and which indicators lift it most. The total is linear in each indicator:
/// one point of an indicator is worth its instrument's weight divided by the instrument's number of indicators.
/// </summary>
/// <param name="Target">The agency's target, or the pass mark when it has none.</param>
/// <param name="IsOwnTarget">True when <paramref name="Target"/> is the agency's own.</param>
/// <param name="Total">The total, full precision; null when the card has none.</param>
/// <param name="Gap">The target minus the displayed total: the points of total still missing (0 or less: reached); null without a total.</param>
/// <param name="Reached">Whether the displayed total reaches the target; null without a total.</param>
/// <param name="Levers">
/// Every indicator (per EIT part from FY2566), by points of total per point of indicator, highest first; then lowest
/// score first (the most room to gain).
/// </param>
public sealed record TargetGap(
    decimal Target,
    bool IsOwnTarget,
    decimal? Total,
    decimal? Gap,
    bool? Reached,
    IReadOnlyList<IndicatorLever> Levers);

/// <summary>What one point of an indicator is worth in the total, and what it would take to close the gap with it alone.</summary>
/// <param name="Instrument">The instrument through which the indicator counts (EIT1 or EIT2 for indicators 6–8 from FY2566).</param>
/// <param name="Sensitivity">Points of total gained per point of the indicator (FY2565: IIT 0.06, EIT 0.10, OIT 0.20).</param>
/// <param name="Score">The indicator's score (its part's score for an EIT part), when known.</param>
/// <param name="PointsToClose">
/// Indicator points that would close the gap alone, capped so the indicator does not pass 100; 0 when the target is
/// reached; null when the gap or the score is unknown.
/// </param>
/// <param name="ClosesGapAlone">Whether raising this indicator alone (to at most 100) closes the gap; null when unknown.</param>
public sealed record IndicatorLever(
    int Number,
    Instrument Instrument,
    decimal Sensitivity,
    decimal? Score,
    decimal? PointsToClose,
    bool? ClosesGapAlone);

/// <summary>Whether a theme needs measures.</summary>
public enum ThemeStatus
{
    /// <summary>Some scored item is below the urgent threshold (an OIT item at 0 always is).</summary>
    HasWeaknesses,

    /// <summary>Every item is scored and none is below the urgent threshold: keep the standard (seed 002 theme 6).</summary>
    KeepStandard,

    /// <summary>No item is weak, but some (or all) items are unscored, or the theme lists no items: not decided.</summary>
    Unknown,
}

/// <summary>One theme with its items and their scores where known.</summary>
public sealed record ThemeAnalysis(ThemeDefinition Theme, IReadOnlyList<ThemeItem> Items, ThemeStatus Status);

/// <summary>A question or OIT item of a theme.</summary>
/// <param name="Score">Its score, when known.</param>
/// <param name="Weak">True when scored below the urgent threshold; null when unscored.</param>
public sealed record ThemeItem(
    string Code,
    Instrument Instrument,
    bool IsOitItem,
    string? TextTh,
    decimal? Score,
    bool? Weak);
