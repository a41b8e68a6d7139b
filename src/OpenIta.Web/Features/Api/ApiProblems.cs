using Microsoft.AspNetCore.Http.HttpResults;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Text;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// The problem details (RFC 9457) the API answers with. Each carries a <see cref="Message"/>: <c>detail</c> in the
/// reader's language (Thai; English when <c>Accept-Language</c> prefers it or the <c>lang</c> cookie says so) and its
/// stable <c>code</c>. A client's mistake names the field: <c>field</c> and <c>errors</c> (field → messages, as ASP.NET
/// Core's validation problems have it).
/// </summary>
internal static class ApiProblems
{
    /// <summary>400: the input is wrong at <paramref name="field"/>; the detail names the field as a reader names it.</summary>
    public static ProblemHttpResult Invalid(string field, Message reason, Framework? framework = null) =>
        Invalid(field, FieldLabels.Of(field, framework), reason);

    /// <summary>400: the input is wrong at <paramref name="field"/>, which a reader knows as <paramref name="label"/>.</summary>
    public static ProblemHttpResult Invalid(string field, Message label, Message reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var message = reason.After(label);
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason.Thai] })
        {
            Status = StatusCodes.Status400BadRequest,
            Extensions = { ["field"] = field },
        };
        ApiProblemMessages.Attach(problem, message);
        return TypedResults.Problem(problem);
    }

    /// <summary>400 for a score input the core refused, naming its field (indicators.3, fiscalYear, input …).</summary>
    public static ProblemHttpResult Invalid(ScoreInputException exception, Framework? framework = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = string.IsNullOrEmpty(exception.Field) ? "input" : exception.Field;
        return Invalid(field, exception.Reason, framework);
    }

    /// <summary>400 for a score input sent as <paramref name="body"/>: the detail names indicators by the year's names.</summary>
    public static ProblemHttpResult Invalid(ScoreInputException exception, string body, FrameworkCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Framework? framework = null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("fiscalYear", out var year) && year.ValueKind == System.Text.Json.JsonValueKind.Number && year.TryGetInt32(out var be)
                && be is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe)
            {
                framework = catalog.Find(new FiscalYear(be));
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // not JSON: the field is named without the year's names
        }
        return Invalid(exception, framework);
    }

    /// <summary>404: no such thing, or one the user may not read (the same answer, so that slugs cannot be probed).</summary>
    public static ProblemHttpResult NotFound(Message detail) => Of(StatusCodes.Status404NotFound, detail);

    /// <summary>403: the user may read it but not do this.</summary>
    public static ProblemHttpResult Forbidden(Message detail) => Of(StatusCodes.Status403Forbidden, detail);

    public static ProblemHttpResult Conflict(Message detail) => Of(StatusCodes.Status409Conflict, detail);

    public static ProblemHttpResult TooLarge(long limit) => Of(StatusCodes.Status413PayloadTooLarge,
        Message.Of("body.too-large", "ข้อมูลที่ส่งมาใหญ่เกินขีดจำกัด {limit} KiB", "The body is larger than the limit of {limit} KiB.", ("limit", limit / 1024)));

    public static ProblemHttpResult UnsupportedMediaType() => Of(StatusCodes.Status415UnsupportedMediaType, JsonOnly);

    /// <summary>Problem details of <paramref name="status"/> saying <paramref name="detail"/>.</summary>
    public static ProblemHttpResult Of(int status, Message detail, Message? title = null)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status };
        if (title is not null)
        {
            problem.Title = title.Thai;
        }
        ApiProblemMessages.Attach(problem, detail);
        return TypedResults.Problem(problem);
    }

    private static readonly Message JsonOnly = Message.Of("body.json-only",
        "ส่งข้อมูลเป็น JSON พร้อม Content-Type: application/json", "Send the body as JSON with Content-Type: application/json.");

    /// <summary>
    /// Adds what to do to the problems the framework writes without a word on /api paths: 401 from authentication,
    /// 415 from routing (the endpoint declares that it accepts JSON).
    /// </summary>
    public static void Explain(ProblemDetailsContext context)
    {
        if (!context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.ProblemDetails.Detail is not null)
        {
            return;
        }
        var message = context.ProblemDetails.Status switch
        {
            StatusCodes.Status401Unauthorized => Message.Of("auth.token-required",
                "ส่งโทเค็น API (Authorization: Bearer oita_…; สร้างได้ที่ /account/tokens) การเรียกที่เปลี่ยนข้อมูลรับเฉพาะโทเค็น ไม่รับคุกกี้เข้าสู่ระบบ",
                "Send an API token (Authorization: Bearer oita_…; make one on /account/tokens). " +
                "Endpoints that change data take only a token, not the sign-in cookie."),
            StatusCodes.Status415UnsupportedMediaType => JsonOnly,
            _ => null,
        };
        if (message is not null)
        {
            ApiProblemMessages.Attach(context.ProblemDetails, message);
        }
    }

    public static ProblemHttpResult NoAgency(string slug) => NotFound(Message.Of("agency.not-found",
        "ไม่พบหน่วยงาน \"{slug}\"", "No agency '{slug}'.", ("slug", slug)));
}
