using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using OpenIta.Core.Text;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// Reads a JSON request body within a size limit, turning every client mistake into a 4xx problem: an empty body (400),
/// one that is not UTF-8 (400), not JSON or not the expected shape (400 naming the field), the wrong content type (415),
/// too large (413). Endpoints read the body themselves rather than through parameter binding, so that no bad body can
/// end as a bare 400 without a field, or as an exception.
/// </summary>
internal static class ApiBody
{
    /// <summary>A score input may carry raw survey answers: thousands of respondents.</summary>
    public const long ScoreInputLimit = 10 * 1024 * 1024;

    /// <summary>An agency's fields.</summary>
    public const long SmallLimit = 64 * 1024;

    public const string JsonContentType = "application/json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public sealed record Text(string? Value, ProblemHttpResult? Problem);

    public sealed record Body<T>(T? Value, ProblemHttpResult? Problem);

    /// <summary>The body as text, or the problem that explains why not.</summary>
    public static async Task<Text> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return new Text(null, ApiProblems.TooLarge(limit));
        }
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new Text(null, ApiProblems.TooLarge(limit));
                }
                buffer.Write(chunk, 0, read);
            }
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Text(null, ApiProblems.TooLarge(limit));
        }
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return new Text(null, ApiProblems.Invalid("input", Message.Of("body.empty", "ไม่มีข้อมูลที่ส่งมา: ส่งออบเจกต์ JSON", "the body is empty: send a JSON object")));
        }
        if (!IsJson(request.ContentType))
        {
            return new Text(null, ApiProblems.UnsupportedMediaType());
        }
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return new Text(text.TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return new Text(null, ApiProblems.Invalid("input", Message.Of("body.encoding", "ข้อมูลที่ส่งมาไม่ใช่ข้อความ UTF-8", "the body is not UTF-8 text")));
        }
    }

    /// <summary>The body as <typeparamref name="T"/>; unknown fields and wrong types are refused naming the field.</summary>
    public static async Task<Body<T>> ReadAsync<T>(HttpRequest request, long limit, CancellationToken cancellationToken)
        where T : class
    {
        var text = await ReadTextAsync(request, limit, cancellationToken);
        if (text.Problem is not null)
        {
            return new Body<T>(null, text.Problem);
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(text.Value!, Options);
            return value is null
                ? new Body<T>(null, ApiProblems.Invalid("input", Message.Of("input.object", "ต้องเป็นออบเจกต์ JSON", "must be a JSON object")))
                : new Body<T>(value, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "input" : e.Path.TrimStart('$', '.');
            var message = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? Message.Of("input.unknown-field", "ไม่รู้จักช่องข้อมูลนี้", "unknown field")
                : e.LineNumber is null ? Message.Of("input.json", "ไม่ใช่ JSON ที่ถูกต้อง", "not valid JSON") : Message.Of("input.json",
                    "ไม่ใช่ JSON ที่ถูกต้องหรือชนิดข้อมูลไม่ตรง (บรรทัด {line} ไบต์ที่ {byte})",
                    "not valid JSON or not the expected type (line {line}, byte {byte})", ("line", e.LineNumber + 1), ("byte", e.BytePositionInLine + 1));
            return new Body<T>(null, ApiProblems.Invalid(field, message));
        }
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.HasValue
        && (type.MediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
