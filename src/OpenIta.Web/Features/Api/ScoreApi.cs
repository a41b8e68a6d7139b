using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Data.Results;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// <c>POST /api/v1/score</c>: the scoring engine over HTTP, without the database. The result entry page calls it with
/// the browser's cookie to show the total and rating as the user types; it changes nothing, so the cookie is accepted.
/// </summary>
public static class ScoreApi
{
    internal static void MapScore(this RouteGroupBuilder api)
    {
        api.MapPost("/score", ScoreAsync)
            .WithTags("Scoring")
            .WithName("Score")
            .WithSummary("Score an input without saving it")
            .WithDescription("The body is a score input (the contract of `openita score`, see examples/ in the repository); " +
                "the answer is its score card, exactly the JSON of `openita score --format json`. Any signed-in user; " +
                "nothing is stored. A wrong input is a 400 naming the field (`field`, `errors`).")
            .Accepts<JsonElement>(ApiBody.JsonContentType)
            .Produces<JsonElement>(StatusCodes.Status200OK, ApiBody.JsonContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ScoreAsync(
        HttpRequest request, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        var body = await ApiBody.ReadTextAsync(request, ApiBody.ScoreInputLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        try
        {
            var (_, card, ignored) = ResultStore.Score(body.Value!, catalog);
            return TypedResults.Text(ScoreCardWriter.Write(card, ignored), ApiBody.JsonContentType, Encoding.UTF8);
        }
        catch (ScoreInputException e)
        {
            return ApiProblems.Invalid(e, body.Value!, catalog);
        }
    }
}
