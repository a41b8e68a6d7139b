using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Web.Infrastructure;
using OpenIta.Core.Text;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// <c>/api/v1/agencies/{slug}/results</c>: an agency's ITA result of each fiscal year. The stored input (the JSON
/// contract of <c>openita score</c>) is the truth; the score card is the engine's answer for it. Anyone who may read
/// the agency reads its results; its coordinators and administrators change them.
/// </summary>
public static class ResultsApi
{
    /// <summary>One year of an agency's results, as the list shows it.</summary>
    /// <param name="Rating">The level's code, or null when there is none (no total, or the scores leave it open).</param>
    /// <param name="PossibleRatings">Where the scores leave the level open, the levels it may be (codes, lowest first),
    /// as the single result's <c>possibleRatings</c>; else empty.</param>
    /// <param name="RatingDecidedBy">Where it is open, the instruments whose scores would decide it and the sentence
    /// saying so; else null.</param>
    public sealed record ResultSummary(
        int FiscalYear, decimal? Total, string? TotalDisplay, string? Rating, IReadOnlyList<string> PossibleRatings,
        RatingDecidedBy? RatingDecidedBy, bool? Passed, int DiscrepancyCount, DateTimeOffset UpdatedAt, string? UpdatedBy);

    /// <summary>What would decide an open rating: the instruments' codes, and the sentence in Thai and English.</summary>
    public sealed record RatingDecidedBy(IReadOnlyList<string> Instruments, string Th, string En)
    {
        /// <summary>The possible levels and what decides them, of a result's outcome under the rule (lists of results).</summary>
        public static (IReadOnlyList<string> Possible, RatingDecidedBy? DecidedBy) Of(RatingRule.Outcome? outcome)
        {
            if (outcome is null || RatingWording.Possible(outcome) is not { Count: > 0 } possible)
            {
                return ([], null);
            }
            var sentence = RatingWording.DecidedBy(outcome.Needed);
            return (possible.Select(l => l.Code).ToList(),
                new RatingDecidedBy(outcome.Needed.Select(i => i.Code()).ToList(), sentence.Th, sentence.En));
        }
    }

    /// <summary>
    /// A stored result: the input as it was saved and the engine's score card for it (the JSON of
    /// <c>openita score --format json</c>). Should the methodology of the year have changed so that the input no
    /// longer scores, <c>scoreCard</c> is null and <c>scoreError</c> says why.
    /// </summary>
    public sealed record StoredResult(
        string Agency, int FiscalYear, DateTimeOffset UpdatedAt, string? UpdatedBy, JsonElement Input, JsonElement? ScoreCard,
        string? ScoreError);

    private static readonly Message ChangeRule = Message.Of("result.change-forbidden",
        "เฉพาะผู้ประสานงานของหน่วยงานและผู้ดูแลระบบแก้ไขผลการประเมินได้", "Only the agency's coordinators and administrators change its results.");

    internal static void MapResults(this RouteGroupBuilder api)
    {
        var results = api.MapGroup("/agencies/{slug}/results").WithTags("Results");
        results.MapGet("", ListAsync)
            .WithName("ListResults")
            .WithSummary("The years of an agency's results")
            .WithDescription("Each fiscal year with a result: total (exact and as shown), rating, whether it passes the " +
                "pass mark, and how many published figures disagree with the recomputed ones.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        results.MapGet("/{year:int}", GetAsync)
            .WithName("GetResult")
            .WithSummary("An agency's result of one fiscal year")
            .WithDescription("The stored input and the engine's score card for it (every level it can compute, the rating, " +
                "the discrepancies with published figures, warnings).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var changes = results.Changes();
        changes.MapPut("/{year:int}", PutAsync)
            .WithName("PutResult")
            .WithSummary("Save an agency's result of one fiscal year")
            .WithDescription("The body is the score input (the contract of `openita score`: any of indicators, " +
                "subIndicators, instruments, questions, oitItems, responses, total, participation, published). Its " +
                "`fiscalYear` must be the year in the address. The input is scored, saved (replacing the year's result) " +
                "and the score card returned. API token only; the agency's coordinators and administrators. A wrong " +
                "input is a 400 naming the field (`field`, `errors`); nothing is saved.")
            .Accepts<JsonElement>(ApiBody.JsonContentType)
            .Produces<JsonElement>(StatusCodes.Status200OK, ApiBody.JsonContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        changes.MapDelete("/{year:int}", DeleteAsync)
            .WithName("DeleteResult")
            .WithSummary("Delete an agency's result of one fiscal year")
            .WithDescription("API token only; the agency's coordinators and administrators.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<List<ResultSummary>>, ProblemHttpResult>> ListAsync(
        string slug, OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        var ofAgency = db.Results.AsNoTracking().Where(r => r.AgencyId == found.Agency.Id);
        var rows = await ofAgency.OrderBy(r => r.FiscalYear)
            .Select(r => new { r.Id, r.FiscalYear, r.TotalExact, r.TotalHundredths, r.RatingCode, r.Passed, r.DiscrepancyCount, r.UpdatedAtUnixMs, r.UpdatedBy })
            .ToListAsync(cancellationToken);
        var open = await StoredRatings.OpenAsync(db, ofAgency, catalog, cancellationToken);
        return TypedResults.Ok(rows.Select(r =>
        {
            var (possible, decidedBy) = RatingDecidedBy.Of(open.GetValueOrDefault(r.Id));
            return new ResultSummary(
                r.FiscalYear, ExactTotal(r.TotalExact), Display(r.TotalHundredths), r.RatingCode, possible, decidedBy, r.Passed,
                r.DiscrepancyCount, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtUnixMs), r.UpdatedBy);
        }).ToList());
    }

    private static async Task<Results<Ok<StoredResult>, ProblemHttpResult>> GetAsync(
        string slug, int year, OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        var result = await db.Results.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AgencyId == found.Agency.Id && r.FiscalYear == year, cancellationToken);
        if (result is null)
        {
            return ApiProblems.NotFound(NoResult(slug, year));
        }
        JsonElement? card = null;
        string? error = null;
        try
        {
            var (_, scored, ignored) = ResultStore.Score(result.InputJson, catalog);
            card = Parse(ScoreCardWriter.Write(scored, ignored));
        }
        catch (ScoreInputException e)
        {
            error = e.Describe().Thai;
        }
        return TypedResults.Ok(new StoredResult(
            slug, year, DateTimeOffset.FromUnixTimeMilliseconds(result.UpdatedAtUnixMs), result.UpdatedBy,
            Parse(result.InputJson), card, error));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PutAsync(
        string slug, int year, HttpRequest request, OpenItaDb db, AgencyLookup lookup, CurrentUser user,
        FrameworkCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        if (!found.Permissions.CanEditResults(found.Agency))
        {
            return ApiProblems.Forbidden(ChangeRule);
        }
        var body = await ApiBody.ReadTextAsync(request, ApiBody.ScoreInputLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        string card;
        try
        {
            var (input, scored, ignored) = ResultStore.Score(body.Value!, catalog);
            if (input.Year.BuddhistEra != year)
            {
                return ApiProblems.Invalid("fiscalYear", Message.Of("result.year-mismatch",
                    "{given} ไม่ใช่ปีในที่อยู่ ({year})", "{given} is not the year in the address ({year})", ("given", input.Year.BuddhistEra), ("year", year)));
            }
            card = ScoreCardWriter.Write(scored, ignored);
            await ResultStore.StageAsync(db, found.Agency, year, body.Value!, scored, user.Name, clock, cancellationToken);
        }
        catch (ScoreInputException e)
        {
            return ApiProblems.Invalid(e, body.Value!, catalog);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict(Message.Of("result.saved-at-once", "มีคำขออื่นบันทึกผลนี้ในเวลาเดียวกัน: โปรดส่งอีกครั้ง", "The result was saved by another request at the same time; send it again."));
        }
        return TypedResults.Text(card, ApiBody.JsonContentType, Encoding.UTF8);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string slug, int year, OpenItaDb db, AgencyLookup lookup, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        if (!found.Permissions.CanEditResults(found.Agency))
        {
            return ApiProblems.Forbidden(ChangeRule);
        }
        var deleted = await db.Results.Where(r => r.AgencyId == found.Agency.Id && r.FiscalYear == year)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0
            ? ApiProblems.NotFound(NoResult(slug, year))
            : TypedResults.NoContent();
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    internal static decimal? ExactTotal(string? exact) =>
        exact is null ? null : decimal.Parse(exact, NumberStyles.Number, CultureInfo.InvariantCulture);

    internal static string? Display(int? hundredths) =>
        hundredths is { } h ? (h / 100m).ToString("0.00", CultureInfo.InvariantCulture) : null;

    private static Message NoResult(string slug, int year) => Message.Of("result.not-found",
        "หน่วยงาน \"{slug}\" ไม่มีผลการประเมินของปีงบประมาณ พ.ศ. {year}", "Agency '{slug}' has no result for FY{year}.", ("slug", slug), ("year", year));
}
