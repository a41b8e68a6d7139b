using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIta.Core.Text;
using OpenIta.Data.Measures;
using OpenIta.Data.Oit;
using OpenIta.Web.Features.Api;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Oit;

/// <summary>
/// <c>/api/v1/agencies/{slug}/oit/{year}</c> (issue 13, item 6): an agency's OIT items of a year with their owners,
/// links (and the link checker's newest check of each), scores and reasons; an owner's links of an item; an assessor's
/// score. The rules are <see cref="OitStore"/>'s; this turns its refusals into problem details.
/// </summary>
public static class OitApi
{
    /// <summary>What the link checker saw of a link; null until it checked it.</summary>
    public sealed record CheckJson(int? Status, string? Sha256, string? ContentType, long? Size, DateTimeOffset CheckedAt,
        string? Outcome = null, bool Broken = false, bool? Changed = null, bool? OutsideYear = null);

    /// <summary>A link: its stable id (the link checker's checks refer to it), whether the agency added it in the
    /// clarification round, why it is off the agency's website domain (when it is).</summary>
    public sealed record UrlJson(long Id, string Url, CheckJson? Check, string? Exception, bool FromClarification);

    /// <summary>
    /// One item. <c>score</c> is 100, 0 or null (not scored); <c>reasons</c> are the criteria the assessor found not met and
    /// the assessor's reason; <c>state</c> is NotScored, Scored, Clarified or Confirmed; <c>version</c> goes back with a
    /// change so that a stale one is a 409.
    /// </summary>
    public sealed record ItemJson(
        string Code, string? Title, string? SubIndicator, string? Owner, DateOnly? DueOn, string? Note, IReadOnlyList<UrlJson> Urls,
        int? Score, IReadOnlyList<string> Reasons, string? Suggestion, IReadOnlyList<int> CriteriaNotMet, IReadOnlyList<string> Criteria,
        string State, string? Clarification, int Version);

    public sealed record WindowJson(DateOnly Opens, DateOnly Closes);

    /// <summary>An agency's OIT of a year: the set's status (Draft, Submitted) and version, the clarification window, the items.</summary>
    public sealed record YearJson(string Agency, int FiscalYear, string Status, int Version, WindowJson? ClarificationWindow, IReadOnlyList<ItemJson> Items);

    /// <summary>The body of PUT …/items/{code}: the links (each a URL, or {"url", "exception"} for a link off the agency's
    /// website domain, with the reason), the note, and the version read (optional).</summary>
    public sealed record LinksBody(List<JsonElement>? Urls, string? Note, int? Version);

    /// <summary>The body of PUT …/items/{code}/score.</summary>
    public sealed record ScoreBody(int? Score, string? Reason, string? Suggestion, List<int>? CriteriaNotMet, int? Version);

    internal static void MapOit(this RouteGroupBuilder api)
    {
        var oit = api.MapGroup("/agencies/{slug}/oit/{year:int}").WithTags("OIT");
        oit.MapGet("", GetAsync)
            .WithName("GetOit")
            .WithSummary("An agency's OIT items of a fiscal year")
            .WithDescription("Every OIT item of the year's framework: code, title, owner unit, links (each with the link " +
                "checker's newest check, or null), score (100, 0 or null), reasons, state of the clarification round.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        var changes = oit.Changes();
        changes.MapPut("/items/{code}", PutLinksAsync)
            .WithName("PutOitItemLinks")
            .WithSummary("The links and note of an OIT item")
            .WithDescription("`{\"urls\": [\"https://…\"], \"note\": \"…\"}`: replaces the item's links (a link sent again " +
                "keeps its id). A link must be an absolute http(s) URL on the agency's registered website domain, or an object " +
                "`{\"url\", \"exception\"}` stating why not; a wrong one is a 400 naming it (`urls[1]`). API token only; the " +
                "coordinator, or an owner of the item's unit, while the year's set is not submitted.")
            .Accepts<LinksBody>(ApiBody.JsonContentType)
            .Produces<ItemJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPut("/items/{code}/score", PutScoreAsync)
            .WithName("PutOitItemScore")
            .WithSummary("An assessor's score of an OIT item")
            .WithDescription("`{\"score\": 100|0, \"reason\": \"…\", \"suggestion\": \"…\", \"criteriaNotMet\": [1, 3]}`: " +
                "a reason is required for 0. API token only; an assessor of a group above the agency for the year. Once the " +
                "clarification window has opened, a given score changes only in answer to a clarification. When every item " +
                "is scored, the scores become the OIT of the agency's result of the year.")
            .Accepts<ScoreBody>(ApiBody.JsonContentType)
            .Produces<ItemJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<YearJson>, ProblemHttpResult>> GetAsync(
        string slug, int year, AgencyLookup lookup, OitStore store, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        try
        {
            return TypedResults.Ok(Year(await store.ReadAsync(found.Agency, year, cancellationToken)));
        }
        catch (OitException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<Ok<ItemJson>, ProblemHttpResult>> PutLinksAsync(
        string slug, int year, string code, HttpRequest request, AgencyLookup lookup, CurrentUser user, OitStore store,
        CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        var body = await ApiBody.ReadAsync<LinksBody>(request, ApiBody.SmallLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        try
        {
            var links = (body.Value!.Urls ?? []).Select(Link).ToList();
            await store.SaveLinksAsync(found.Agency, year, code, links, body.Value.Note, body.Value.Version, found.Permissions,
                Actor(user), cancellationToken);
            return TypedResults.Ok(await ItemAsync(store, found.Agency, year, code, cancellationToken));
        }
        catch (OitException e)
        {
            return Problem(e);
        }
    }

    private static async Task<Results<Ok<ItemJson>, ProblemHttpResult>> PutScoreAsync(
        string slug, int year, string code, HttpRequest request, AgencyLookup lookup, CurrentUser user, OitStore store,
        CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        var body = await ApiBody.ReadAsync<ScoreBody>(request, ApiBody.SmallLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        try
        {
            var b = body.Value!;
            await store.ScoreAsync(found.Agency, year, code, b.Score, b.CriteriaNotMet, b.Reason, b.Suggestion, b.Version,
                found.Permissions, Actor(user), cancellationToken);
            return TypedResults.Ok(await ItemAsync(store, found.Agency, year, code, cancellationToken));
        }
        catch (OitException e)
        {
            return Problem(e);
        }
    }

    /// <summary>The problem details of a refusal: a 400 names its field (<c>field</c>, <c>errors</c>).</summary>
    internal static ProblemHttpResult Problem(OitException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = Message.Of("oit." + (e.Field.Length == 0 ? "refused" : e.Field), e.Thai, e.English);
        if (e.Refusal != OitRefusal.BadInput)
        {
            return ApiProblems.Of((int)e.Refusal, message);
        }
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.Thai] })
        {
            Status = StatusCodes.Status400BadRequest,
            Extensions = { ["field"] = e.Field },
        };
        ApiProblemMessages.Attach(problem, message);
        return TypedResults.Problem(problem);
    }

    private static OitLinkInput Link(JsonElement element, int index) => element.ValueKind switch
    {
        JsonValueKind.String => new OitLinkInput(element.GetString()),
        JsonValueKind.Object => new OitLinkInput(
            element.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
            element.TryGetProperty("exception", out var why) && why.ValueKind == JsonValueKind.String ? why.GetString() : null),
        _ => throw OitException.Bad($"urls[{index}]", $"urls[{index}]: ต้องเป็นลิงก์ (ข้อความ) หรือ {{\"url\", \"exception\"}}",
            $"urls[{index}]: must be a link (a string) or {{\"url\", \"exception\"}}."),
    };

    internal static PlanActor Actor(CurrentUser user) => new(user.Id, user.Name ?? "");

    private static async Task<ItemJson> ItemAsync(OitStore store, Data.Agencies.Agency agency, int year, string code, CancellationToken cancellationToken) =>
        Item((await store.ReadAsync(agency, year, cancellationToken)).Item(code)!);

    internal static YearJson Year(OitYearView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new YearJson(view.Agency.Slug, view.FiscalYear, view.Set.Status.ToString(), view.Set.Version,
            view.Window is { } w ? new WindowJson(w.OpensOn, w.ClosesOn) : null, view.Items.Select(Item).ToList());
    }

    internal static ItemJson Item(OitItemView item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var row = item.Row;
        var notMet = row.CriteriaNotMetNumbers();
        var reasons = notMet.Where(n => n <= item.Definition.Criteria.Count).Select(n => $"เกณฑ์ที่ {n}: {item.Definition.Criteria[n - 1]}").ToList();
        if (row.Reason is not null)
        {
            reasons.Add(row.Reason);
        }
        return new ItemJson(row.Code, item.Definition.TextTh, item.Definition.SubIndicator, item.OwnerName, row.DueOn, row.Note,
            item.Urls.Select(u => new UrlJson(u.Row.Id, u.Row.Url,
                u.Check is { } c ? new CheckJson(c.Status, c.Sha256, c.ContentType, c.Size, DateTimeOffset.FromUnixTimeMilliseconds(c.CheckedAtUnixMs),
                    c.Outcome, c.Broken, c.Changed, c.OutsideYear) : null,
                u.Row.Exception, u.Row.FromClarification)).ToList(),
            row.Score, reasons, row.Suggestion, notMet, item.Definition.Criteria, row.ScoreState.ToString(), row.Clarification, row.Version);
    }
}
