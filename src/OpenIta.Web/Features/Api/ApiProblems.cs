using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIta.Core.Scoring;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// The problem details (RFC 9457) the API answers with. A client's mistake names the field: <c>field</c> and
/// <c>errors</c> (field → messages, as ASP.NET Core's validation problems have it).
/// </summary>
internal static class ApiProblems
{
    /// <summary>400: the input is wrong at <paramref name="field"/>.</summary>
    public static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The input is not valid.",
            Detail = $"{field}: {message}",
            Extensions = { ["field"] = field },
        });

    /// <summary>A message for API clients, Thai first then English (the rule of every word a user reads).</summary>
    public static string Both(string th, string en) => $"{th} ({en})";

    /// <summary>400 for a score input the core refused, naming its field (indicators.3, fiscalYear, input …).</summary>
    public static ProblemHttpResult Invalid(ScoreInputException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = string.IsNullOrEmpty(exception.Field) ? "input" : exception.Field;
        var prefix = field + ": ";
        var message = exception.Message.StartsWith(prefix, StringComparison.Ordinal) ? exception.Message[prefix.Length..] : exception.Message;
        return Invalid(field, message);
    }

    /// <summary>404: no such thing, or one the user may not read (the same answer, so that slugs cannot be probed).</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>403: the user may read it but not do this.</summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    public static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(string.Create(CultureInfo.InvariantCulture, $"The body is larger than the limit of {limit / 1024} KiB."),
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.");

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem("Send the body as JSON with Content-Type: application/json.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");

    /// <summary>
    /// Adds what to do to the problems the framework writes without a word on /api paths: 401 from authentication,
    /// 415 from routing (the endpoint declares that it accepts JSON).
    /// </summary>
    public static void Explain(ProblemDetailsContext context)
    {
        if (!context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized => "Send an API token (Authorization: Bearer oita_…; make one on /account/tokens). " +
                "Endpoints that change data take only a token, not the sign-in cookie.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
            _ => null,
        };
    }

    public static ProblemHttpResult NoAgency(string slug) => NotFound($"No agency '{slug}'.");
}
