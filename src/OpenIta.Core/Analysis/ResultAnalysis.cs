using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Core.Analysis;

/// <summary>
/// The agency's analysis of its ITA result (DOMAIN.md §3): ranking, instruments, pass and target, tiers of questions
/// and sub-items, year-over-year, target gap and themes. Pure: a function of the framework, the score card and the
/// earlier years' cards.
/// </summary>
public static class ResultAnalysis
{
    /// <summary>Analyses one year's score card.</summary>
    /// <param name="framework">The methodology of the card's year (weights, indicator names, question texts, themes).</param>
    /// <param name="card">The year's scores, as <see cref="ScoringEngine.Score"/> made them.</param>
    /// <param name="settings">The agency's target and tier thresholds.</param>
    /// <param name="earlier">
    /// Earlier years' cards of the same agency, in any order; the latest year before the card's is compared with.
    /// Cards of the same or later years are ignored.
    /// </param>
    /// <param name="oitItemScores">
    /// OIT item scores by code (0 or 100), when known: a score card does not carry them, and themes list OIT items.
    /// </param>
    public static AnalysisReport Analyse(
        Framework framework,
        ScoreCard card,
        AnalysisSettings settings,
        IReadOnlyList<ScoreCard> earlier,
        IReadOnlyDictionary<string, decimal>? oitItemScores = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(earlier);
        if (framework.Year != card.Year)
        {
            throw new ArgumentException($"The card is of FY{card.Year} but the framework of FY{framework.Year}.", nameof(framework));
        }
        if (settings.UrgentBelow > settings.StrengthAbove)
        {
            throw new ArgumentException(
                $"The urgent threshold ({settings.UrgentBelow}) is above the strength threshold ({settings.StrengthAbove}).",
                nameof(settings));
        }
        var oit = new Dictionary<string, decimal>(oitItemScores ?? new Dictionary<string, decimal>(), StringComparer.OrdinalIgnoreCase);
        var previous = earlier.Where(c => c.Year < card.Year).OrderByDescending(c => c.Year).FirstOrDefault();

        return new AnalysisReport(
            card.Year,
            settings,
            Rank(framework, card),
            Instruments(framework, card),
            card.Total,
            card.Total is { } total ? Check(framework.PassMark, total) : null,
            card.Total is { } own && settings.Target is { } target ? Check(target, own) : null,
            Tiers(framework, card, settings),
            previous is null ? null : Compare(card, previous),
            Gap(framework, card, settings),
            Themes(framework, card, settings, oit));
    }

    /// <summary>
    /// Points of total gained per point of each indicator: the instrument's weight over its number of indicators,
    /// per scoring instrument (indicators 6–8 count once in EIT, or once in each of EIT1 and EIT2 from FY2566).
    /// Over every indicator these sum to 1, as the weights do.
    /// </summary>
    public static IReadOnlyList<IndicatorSensitivity> Sensitivities(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var result = new List<IndicatorSensitivity>();
        foreach (var indicator in framework.Indicators)
        {
            foreach (var instrument in framework.ScoringInstruments(indicator))
            {
                if (framework.FindInstrument(instrument) is not { } definition)
                {
                    continue;
                }
                var count = framework.IndicatorsOf(instrument).Count();
                result.Add(new IndicatorSensitivity(indicator.Number, instrument, definition.Weight / count));
            }
        }
        return result;
    }

    private static MarkCheck Check(decimal mark, decimal total)
    {
        var shown = Score.Round(total);
        return new MarkCheck(mark, total, shown >= mark, shown - mark);
    }

    /// <summary>
    /// The scored indicators from the highest to the lowest: the one ranking the result page and the documents show.
    /// Ranks and ties are on the score as displayed (two decimals, half-up): equal scores share a rank (1, 1, 3 …) and
    /// are listed by indicator number. <see cref="RankedIndicator.Highest"/> and <see cref="RankedIndicator.Lowest"/>
    /// mark every indicator at the top and at the bottom score, but only when the scores differ: when every scored
    /// indicator has the same displayed score (or only one is scored) none is highest or lowest
    /// (<see cref="AnalysisReport.IndicatorsAllEqual"/>).
    /// </summary>
    public static IReadOnlyList<RankedIndicator> Rank(Framework framework, ScoreCard card)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(card);
        var scored = card.Indicators.Where(i => i.Score is not null)
            .OrderByDescending(i => Score.Round(i.Score!.Value))
            .ThenBy(i => i.Number)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }
        var highest = Score.Round(scored[0].Score!.Value);
        var lowest = Score.Round(scored[^1].Score!.Value);
        var result = new List<RankedIndicator>();
        var rank = 0;
        decimal? last = null;
        for (var position = 0; position < scored.Count; position++)
        {
            var indicator = scored[position];
            // Ties are decided on the displayed score, as the seeds rank (seed 000: 9 and 10 both 100.00).
            var shown = Score.Round(indicator.Score!.Value);
            if (shown != last)
            {
                rank = position + 1;
                last = shown;
            }
            var definition = framework.FindIndicator(indicator.Number);
            result.Add(new RankedIndicator(
                indicator.Number,
                indicator.Instrument,
                definition?.NameTh ?? "",
                definition?.NameEn ?? "",
                indicator.Score!.Value,
                rank,
                shown == highest && highest != lowest,
                shown == lowest && highest != lowest,
                shown >= framework.PassMark));
        }
        return result;
    }

    private static List<InstrumentSummary> Instruments(Framework framework, ScoreCard card) =>
        card.Instruments.Select(i => new InstrumentSummary(
            i.Instrument,
            i.Score,
            i.Weight,
            i.Scored,
            i.Reason,
            i.Score is { } s ? Score.Round(s) >= framework.PassMark : null)).ToList();

    private static List<TieredItem> Tiers(Framework framework, ScoreCard card, AnalysisSettings settings)
    {
        var result = new List<TieredItem>();
        foreach (var question in card.Questions)
        {
            var definition = framework.FindQuestion(question.Code);
            result.Add(new TieredItem(question.Code, question.Code, false, question.Instrument, question.Indicator,
                question.Score, settings.TierOf(question.Score), definition?.TextTh, definition?.TextEn));
            var subItems = definition?.Items.Select(i => i.Code).Where(question.SubItems.ContainsKey)
                ?? question.SubItems.Keys.Order(StringComparer.Ordinal);
            foreach (var code in subItems)
            {
                var score = question.SubItems[code];
                var item = framework.FindItem(code)?.Item;
                result.Add(new TieredItem(code, question.Code, true, question.Instrument, question.Indicator,
                    score, settings.TierOf(score), item?.TextTh, item?.TextEn));
            }
        }
        return result;
    }

    private static ScoreChange Change(decimal? previous, decimal? current) =>
        new(previous, current, previous is { } p && current is { } c ? Score.Round(c) - Score.Round(p) : null);

    private static YearOverYear Compare(ScoreCard card, ScoreCard previous)
    {
        var instruments = card.Instruments
            .Select(i => new InstrumentChange(i.Instrument, Change(previous.Instrument(i.Instrument)?.Score, i.Score)))
            .ToList();
        var indicators = card.Indicators
            .Select(i => new IndicatorChange(i.Number, i.Instrument, Change(previous.Indicator(i.Number)?.Score, i.Score)))
            .ToList();
        return new YearOverYear(previous.Year, Change(previous.Total, card.Total), instruments, indicators);
    }

    private static TargetGap Gap(Framework framework, ScoreCard card, AnalysisSettings settings)
    {
        var target = settings.Target ?? framework.PassMark;
        decimal? gap = card.Total is { } total ? target - Score.Round(total) : null;
        var levers = new List<IndicatorLever>();
        foreach (var (number, instrument, sensitivity) in Sensitivities(framework))
        {
            var indicator = card.Indicator(number);
            decimal? score = indicator is null ? null
                : instrument is Instrument.Eit1 or Instrument.Eit2
                    ? indicator.Parts.TryGetValue(instrument, out var part) ? part : null
                    : indicator.Score;
            decimal? points = null;
            bool? closes = null;
            if (gap is { } g && g <= 0)
            {
                points = 0m;
                closes = true;
            }
            else if (gap is { } open && score is { } s)
            {
                var needed = open / sensitivity;
                closes = s + needed <= 100m;
                points = Math.Min(needed, 100m - s);
            }
            levers.Add(new IndicatorLever(number, instrument, sensitivity, score, points, closes));
        }
        var ranked = levers
            .OrderByDescending(l => l.Sensitivity)
            // Within one sensitivity, the lowest score has the most room: it closes the gap if any does, or comes closest.
            .ThenBy(l => l.Score ?? decimal.MaxValue)
            .ThenBy(l => l.Number)
            .ThenBy(l => l.Instrument)
            .ToList();
        return new TargetGap(target, settings.Target is not null, card.Total, gap,
            gap is { } reached ? reached <= 0 : null, ranked);
    }

    private static List<ThemeAnalysis> Themes(
        Framework framework, ScoreCard card, AnalysisSettings settings, Dictionary<string, decimal> oitItems)
    {
        var result = new List<ThemeAnalysis>();
        foreach (var theme in framework.Themes)
        {
            var items = new List<ThemeItem>();
            foreach (var code in theme.QuestionCodes)
            {
                var definition = framework.FindQuestion(code);
                var score = card.Question(code)?.Score;
                items.Add(new ThemeItem(code, definition?.Instrument ?? Instrument.Iit, false, definition?.TextTh, score,
                    score is { } s ? settings.TierOf(s) == Tier.Urgent : null));
            }
            foreach (var code in theme.OitItemCodes)
            {
                decimal? score = oitItems.TryGetValue(code, out var given) ? given : null;
                items.Add(new ThemeItem(code, Instrument.Oit, true, framework.FindOitItem(code)?.TextTh, score,
                    score is { } s ? settings.TierOf(s) == Tier.Urgent || s == 0m : null));
            }
            var status = items.Any(i => i.Weak == true) ? ThemeStatus.HasWeaknesses
                : items.Count > 0 && items.All(i => i.Weak == false) ? ThemeStatus.KeepStandard
                : ThemeStatus.Unknown;
            result.Add(new ThemeAnalysis(theme, items, status));
        }
        return result;
    }
}

/// <summary>Points of total gained per point of one indicator, through one instrument.</summary>
/// <param name="Indicator">The indicator number (1–10).</param>
/// <param name="Instrument">The instrument through which it counts (EIT1 or EIT2 for indicators 6–8 from FY2566).</param>
/// <param name="Sensitivity">The instrument's weight over its number of indicators.</param>
public sealed record IndicatorSensitivity(int Indicator, Instrument Instrument, decimal Sensitivity);
