using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Results;

namespace OpenIta.Web.Features.Results;

/// <summary>
/// What the result pages show of one stored result, recomputed by the engine from the stored input (the stored
/// hundredths are for sorting in SQL; pages show the engine's exact values, rounded for display only).
/// The analysis is the one coordinators make by hand (DOMAIN.md §3, seed 000): each indicator against the pass mark,
/// ranked from highest to lowest with the highest and lowest marked, as <see cref="ResultAnalysis.Rank"/> ranks them.
/// </summary>
public sealed class ResultReport
{
    private ResultReport(Framework framework, ScoreInput input, ScoreCard card, IReadOnlyList<string> ignored)
    {
        Framework = framework;
        Input = input;
        Card = card;
        Ignored = ignored;
        // The core's ranking, so that the page and the documents mark the same indicators (ResultAnalysis.Rank).
        var ranking = ResultAnalysis.Rank(framework, card);
        var ranked = ranking.ToDictionary(r => r.Number);
        IndicatorsAllEqual = RankedIndicator.AllEqual(ranking);
        Indicators = framework.Indicators.Select(definition =>
        {
            var score = card.Indicator(definition.Number);
            var shown = score?.Score is { } s ? Score.Round(s) : (decimal?)null;
            var rank = shown is not null ? ranked.GetValueOrDefault(definition.Number) : null;
            return new IndicatorRow(definition, score, rank?.Rank, rank?.Highest ?? false, rank?.Lowest ?? false,
                Passed: shown is { } p ? p >= framework.PassMark : null);
        }).ToList();
    }

    public Framework Framework { get; }
    public ScoreInput Input { get; }
    public ScoreCard Card { get; }

    /// <summary>Input fields the engine does not know (listed as a warning, never silently dropped).</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Whether every scored indicator has the same displayed score: then none is marked highest or lowest.</summary>
    public bool IndicatorsAllEqual { get; }

    /// <summary>The indicators of the year in their order (1 … 10), with rank and marks.</summary>
    public IReadOnlyList<IndicatorRow> Indicators { get; }

    /// <summary>The scored indicators from the highest to the lowest.</summary>
    public IEnumerable<IndicatorRow> Ranking => Indicators.Where(i => i.Rank is not null).OrderBy(i => i.Rank).ThenBy(i => i.Definition.Number);

    /// <summary>Scores the stored input again. A stored input is valid (it was scored when saved) unless a framework changed.</summary>
    public static ResultReport From(AgencyResult result, FrameworkCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(catalog);
        var (input, card, ignored) = ResultStore.Score(result.InputJson, catalog);
        return new ResultReport(catalog.Get(input.Year), input, card, ignored);
    }

    /// <summary>
    /// The coordinator's analysis of this year (DOMAIN.md §3): target gap and levers, tiers of questions and sub-items,
    /// themes (with the OIT item scores of the input), compared with the earlier years given.
    /// </summary>
    /// <summary>
    /// The agency's results before <paramref name="year"/>, newest first, for year-over-year: those that score (a result
    /// that does not is left out of the comparison; its own page says why), and the latest earlier year stored.
    /// </summary>
    public static async Task<(IReadOnlyList<ResultReport> Reports, int? LatestYear)> EarlierAsync(
        OpenItaDb db, int agencyId, int year, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var earlier = await db.Results.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.FiscalYear < year)
            .OrderByDescending(r => r.FiscalYear).ToListAsync(cancellationToken);
        var reports = new List<ResultReport>();
        foreach (var other in earlier)
        {
            try
            {
                reports.Add(From(other, catalog));
            }
            catch (ScoreInputException)
            {
                // Left out of the comparison.
            }
        }
        return (reports, earlier.Count > 0 ? earlier[0].FiscalYear : null);
    }

    public AnalysisReport Analyse(AnalysisSettings settings, IEnumerable<ResultReport> earlier)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(earlier);
        return ResultAnalysis.Analyse(Framework, Card, settings, earlier.Select(e => e.Card).ToList(), Input.OitItems);
    }

    /// <summary>The total, then each instrument of this year, then each indicator: this year, the other, the difference.</summary>
    public IReadOnlyList<Change> CompareWith(ResultReport previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var rows = new List<Change> { new("total", null, Card.Total, previous.Card.Total) };
        var codes = Card.Instruments.Select(i => i.Instrument)
            .Concat(previous.Card.Instruments.Select(i => i.Instrument)).Distinct().Order();
        rows.AddRange(codes.Select(code => new Change(
            "instrument", code.Code(), Card.Instrument(code)?.Score, previous.Card.Instrument(code)?.Score)));
        rows.AddRange(Framework.Indicators.Select(i => new Change(
            "indicator", i.Number.ToString(CultureInfo.InvariantCulture), Card.Indicator(i.Number)?.Score,
            previous.Card.Indicator(i.Number)?.Score)));
        return rows.Where(r => r.Current is not null || r.Previous is not null).ToList();
    }
}

/// <param name="Rank">1 for the highest; equal scores share a rank; null when not scored.</param>
/// <param name="Passed">Whether the score as shown reaches the year's pass mark (85); null when not scored.</param>
public sealed record IndicatorRow(IndicatorDefinition Definition, IndicatorScore? Score, int? Rank, bool IsHighest, bool IsLowest, bool? Passed)
{
    public decimal? Value => Score?.Score;
}

/// <param name="Kind">total, instrument or indicator.</param>
/// <param name="Code">The instrument code or the indicator number.</param>
public sealed record Change(string Kind, string? Code, decimal? Current, decimal? Previous)
{
    /// <summary>
    /// The difference of the values as shown (each rounded half-up first), as a reader subtracts the printed figures:
    /// 89.67 − 90.26 = −0.59 in seed 003's own table.
    /// </summary>
    public decimal? Difference => Current is { } c && Previous is { } p ? Score.Round(c) - Score.Round(p) : null;

    public static string Display(decimal? difference) => difference switch
    {
        null => "–",
        > 0 => "+" + difference.Value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => difference.Value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    /// <summary>up, down or same: a CSS class.</summary>
    public static string Direction(decimal? difference) => difference switch
    {
        null => "",
        > 0 => "up",
        < 0 => "down",
        _ => "same",
    };
}
