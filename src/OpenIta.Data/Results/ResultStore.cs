using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Results;

/// <summary>
/// Saves an agency's result for a year: the input as given (the JSON contract of <c>openita score</c>), scored by the
/// engine, with every level it yields stored for SQL. Saving the same input twice leaves the same rows: idempotent.
/// </summary>
public static class ResultStore
{
    /// <summary>Reads and scores an input; throws <see cref="ScoreInputException"/> naming the field when it is wrong.</summary>
    public static (ScoreInput Input, ScoreCard Card, IReadOnlyList<string> Ignored) Score(string inputJson, FrameworkCatalog catalog)
    {
        var (input, card, ignored, _) = ScoreCompiled(inputJson, catalog);
        return (input, card, ignored);
    }

    /// <summary>
    /// As <see cref="Score"/>; <c>Compiled</c> is true when the raw answers were counted through the year's compiled
    /// <see cref="ScoringPlan"/> (the same values as the engine's, by construction and by test).
    /// </summary>
    public static (ScoreInput Input, ScoreCard Card, IReadOnlyList<string> Ignored, bool Compiled) ScoreCompiled(string inputJson, FrameworkCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var read = ScoreInputReader.Read(inputJson, catalog.Find);
        var card = ScoringPlan.Card(catalog.Get(read.Input.Year), read.Input, out var compiled);
        return (read.Input, card, read.Ignored, compiled);
    }

    /// <summary>
    /// Adds or replaces the result of <paramref name="agency"/> for the input's fiscal year. Does not call SaveChanges:
    /// the caller decides what one transaction holds (an import saves every row or none).
    /// </summary>
    public static Task<AgencyResult> StageAsync(
        OpenItaDb db, Agency agency, string inputJson, string? user, TimeProvider clock, FrameworkCatalog catalog,
        CancellationToken cancellationToken = default)
    {
        var (input, card, _) = Score(inputJson, catalog);
        return StageAsync(db, agency, input.Year.BuddhistEra, inputJson, card, user, clock, cancellationToken);
    }

    /// <summary>
    /// Adds or replaces the result of <paramref name="agency"/> for <paramref name="fiscalYear"/> with an input the
    /// caller has already scored (<paramref name="card"/>), so that a save scores once. Does not call SaveChanges.
    /// </summary>
    public static async Task<AgencyResult> StageAsync(
        OpenItaDb db, Agency agency, int fiscalYear, string inputJson, ScoreCard card, string? user, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(clock);
        var result = await db.Results.Include(r => r.Scores)
            .SingleOrDefaultAsync(r => r.AgencyId == agency.Id && r.FiscalYear == fiscalYear, cancellationToken);
        if (result is null)
        {
            result = new AgencyResult { AgencyId = agency.Id, FiscalYear = fiscalYear, InputJson = inputJson };
            db.Results.Add(result);
        }
        result.InputJson = inputJson;
        result.TotalHundredths = Hundredths(card.Total);
        result.TotalExact = Exact(card.Total);
        result.RatingCode = card.Rating?.Code;
        result.Passed = card.Passed;
        result.DiscrepancyCount = card.Discrepancies.Count;
        result.UpdatedAtUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        result.UpdatedBy = user;
        result.CollectedRoundId = null;
        result.Scores.Clear();
        result.Scores.AddRange(ScoresOf(card));
        return result;
    }

    public static IEnumerable<ResultScore> ScoresOf(ScoreCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        foreach (var instrument in card.Instruments.Where(i => i.Score is not null))
        {
            yield return Row(ScoreLevel.Instrument, instrument.Instrument.Code(), instrument.Score!.Value, instrument.Origin);
        }
        foreach (var indicator in card.Indicators.Where(i => i.Score is not null))
        {
            yield return Row(ScoreLevel.Indicator, indicator.Number.ToString(CultureInfo.InvariantCulture), indicator.Score!.Value, indicator.Origin);
        }
        foreach (var sub in card.SubIndicators.Where(s => s.Score is not null))
        {
            yield return Row(ScoreLevel.SubIndicator, sub.Code, sub.Score!.Value, sub.Origin);
        }
        foreach (var question in card.Questions)
        {
            yield return Row(ScoreLevel.Question, question.Code, question.Score, question.Origin);
            foreach (var (code, score) in question.SubItems)
            {
                yield return Row(ScoreLevel.Question, code, score, question.Origin);
            }
        }
    }

    private static ResultScore Row(ScoreLevel level, string code, decimal score, ValueOrigin? origin) => new()
    {
        Level = level,
        Code = code,
        Hundredths = Hundredths(score)!.Value,
        Exact = Exact(score)!,
        Given = origin == ValueOrigin.Given,
    };

    public static int? Hundredths(decimal? score) => score is { } s ? (int)(Core.Scoring.Score.Round(s) * 100) : null;

    public static string? Exact(decimal? score) => score?.ToString(CultureInfo.InvariantCulture);
}
