using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using OpenIta.Core.Text;

namespace OpenIta.Web.Infrastructure;

/// <summary>What the error page shows: the status, and the message of the problem when it has one.</summary>
public sealed record ErrorPage(int Status, Message? Message, string? Title);

/// <summary>
/// Every error that ASP.NET Core or our code writes as problem details (an unknown address, a bad request, a conflict, a
/// failed PDF, an exception) goes through <see cref="IProblemDetailsService"/>. For a browser (<c>Accept: text/html</c>)
/// outside <c>/api</c> this writer answers instead with a page in the site's layout, in the reader's language, with a way
/// on; the API and every other client keep <c>application/problem+json</c>. The status and the security headers stay.
/// </summary>
public sealed class HtmlProblemWriter : IProblemDetailsWriter
{
    private const string View = "/Features/Errors/Error.cshtml";

    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        return !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            // A JSON address (the public OIT feed) answers JSON, whoever asks.
            && request.Path.Value?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) != true
            && request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var message = ApiProblemMessages.Take(context.ProblemDetails);
        // A title our code wrote (in the reader's language: a failed PDF, a result that cannot be scored), not a default.
        var title = context.ProblemDetails.Title is { } t && t != ApiProblemMessages.ReasonPhrase(status)
            && !t.StartsWith("An error occurred", StringComparison.Ordinal) ? t : null;
        var result = new ViewResult
        {
            ViewName = View,
            StatusCode = status,
            ViewData = new ViewDataDictionary<ErrorPage>(new EmptyModelMetadataProvider(), new ModelStateDictionary())
            {
                Model = new ErrorPage(status, message, title),
            },
        };
        await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }
}

/// <summary>
/// Carries a <see cref="Message"/> on problem details: <c>detail</c> in the reader's language (Thai; English when the
/// <c>lang</c> cookie says so or <c>Accept-Language</c> prefers English to Thai) and its stable <c>code</c> beside it.
/// </summary>
public static class ApiProblemMessages
{
    private const string Key = "openita.message";

    /// <summary>Problem details saying <paramref name="message"/>, with <c>code</c> and the Thai detail until negotiated.</summary>
    public static void Attach(Microsoft.AspNetCore.Mvc.ProblemDetails problem, Message message)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(message);
        problem.Detail = message.Thai;
        problem.Extensions["code"] = message.Code;
        problem.Extensions[Key] = message;
    }

    /// <summary>The message attached to <paramref name="problem"/>, removed from what is serialized.</summary>
    public static Message? Take(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Extensions.Remove(Key, out var value) ? value as Message : null;
    }

    /// <summary>Fills <c>detail</c> in the language of the request (the JSON writer's customisation).</summary>
    public static void Negotiate(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var english = PrefersEnglish(context.HttpContext.Request);
        if (Take(context.ProblemDetails) is { } message)
        {
            context.ProblemDetails.Detail = message.In(english);
        }
        if (context.ProblemDetails.Status is { } status && StatusTitle(status) is { } title
            && (context.ProblemDetails.Title is null || context.ProblemDetails.Title == ReasonPhrase(status)))
        {
            context.ProblemDetails.Title = title.In(english);
        }
    }

    /// <summary>English when the language switch says so, or when <c>Accept-Language</c> ranks English above Thai.</summary>
    public static bool PrefersEnglish(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Cookies[Lang.Cookie] is { } cookie)
        {
            return string.Equals(cookie, "en", StringComparison.Ordinal);
        }
        var languages = request.GetTypedHeaders().AcceptLanguage;
        var best = languages
            .Where(l => l.Value.Value is { } v && (v.StartsWith("en", StringComparison.OrdinalIgnoreCase) || v.StartsWith("th", StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault();
        return best?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
    }

    /// <summary>The title of a status, both languages, for the statuses a user meets.</summary>
    public static Message? StatusTitle(int status) => status switch
    {
        400 => Message.Of("status.400", "คำขอไม่ถูกต้อง", "The request is not valid."),
        401 => Message.Of("status.401", "ต้องเข้าสู่ระบบก่อน", "Sign in first."),
        403 => Message.Of("status.403", "ไม่มีสิทธิ์", "Not allowed."),
        404 => Message.Of("status.404", "ไม่พบหน้านี้หรือข้อมูลนี้", "Not found."),
        405 => Message.Of("status.405", "ใช้วิธีนี้กับที่อยู่นี้ไม่ได้", "This method is not allowed here."),
        409 => Message.Of("status.409", "ทำรายการนี้ไม่ได้ในขณะนี้", "Conflict."),
        413 => Message.Of("status.413", "ไฟล์หรือข้อมูลใหญ่เกินไป", "The body is too large."),
        415 => Message.Of("status.415", "รูปแบบข้อมูลไม่ถูกต้อง", "Unsupported media type."),
        429 => Message.Of("status.429", "มีคำขอมากเกินไป", "Too many requests."),
        500 => Message.Of("status.500", "ระบบขัดข้อง", "Something went wrong."),
        503 => Message.Of("status.503", "ระบบยังให้บริการส่วนนี้ไม่ได้ชั่วคราว", "Service unavailable."),
        _ => null,
    };

    internal static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
