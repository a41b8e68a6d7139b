using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenIta.Data;
using OpenIta.Data.Security;

namespace OpenIta.Web.Infrastructure;

/// <summary>Settings of the public pages (<c>Public</c>).</summary>
public sealed class PublicOptions
{
    public const string Section = "Public";

    /// <summary>Requests one client address may make to <c>/public</c> in a minute, counted across every instance.</summary>
    public int PerAddressPerMinute { get; set; } = 300;
}

/// <summary>
/// What every response under <c>/public</c> (no sign-in: issue 13's published documents, OIT page, feed and fragment)
/// goes through:
/// <list type="bullet">
/// <item>A rate limit per client address (<see cref="PublicOptions.PerAddressPerMinute"/> a minute) in the shared
/// <see cref="SecurityCounters"/>, so that several instances count together: over it, 429 with <c>Retry-After</c>.</item>
/// <item>An ETag (weak: the body may be compressed) from the SHA-256 of the body; a request whose
/// <c>If-None-Match</c> names it gets 304 without the body.</item>
/// <item><c>Cache-Control</c>: what the endpoint set (the feed and the fragment: shared caches for five minutes),
/// else <c>no-cache</c> (revalidate with the ETag: a page's language comes from a cookie, hence also <c>Vary: Cookie</c>);
/// always <c>private</c> when the response sets a cookie, so that no shared cache keeps a session's cookie.</item>
/// </list>
/// </summary>
public sealed class PublicResponses(RequestDelegate next)
{
    public const string Prefix = "/public";

    /// <summary>The window of the rate limit.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Bodies up to this size get an ETag (the documents are a few hundred kilobytes).</summary>
    private const int MaxTaggedBytes = 16 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context, OpenItaDb db, CounterKeys keys, TimeProvider clock, IOptions<PublicOptions> options)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }
        var now = clock.GetUtcNow();
        var key = keys.For("public-ip", SignInLimits.Address(context.Connection.RemoteIpAddress));
        var hit = await SecurityCounters.HitAsync(db, key, Window, now, context.RequestAborted);
        if (hit.Count > options.Value.PerAddressPerMinute)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((hit.WindowStart + Window - now).TotalSeconds))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length is > 0 and <= MaxTaggedBytes)
        {
            var tag = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..32] + "\"";
            response.Headers.ETag = tag;
            if (string.IsNullOrEmpty(response.Headers.CacheControl))
            {
                response.Headers.CacheControl = "no-cache";
                response.Headers.Append(HeaderNames.Vary, "Cookie");
            }
            if (response.Headers.ContainsKey(HeaderNames.SetCookie))
            {
                response.Headers.CacheControl = "private, no-cache";
            }
            if (Matches(context.Request, tag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }
        if (buffer.Length > 0)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
        }
    }

    private static bool Matches(HttpRequest request, string tag) =>
        request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == tag || t.Trim() == "*"));
}

public static class PublicResponsesExtensions
{
    /// <summary>Puts <see cref="PublicResponses"/> in front of everything under <c>/public</c>.</summary>
    public static IApplicationBuilder UsePublicResponses(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PublicResponses.Prefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseMiddleware<PublicResponses>());
}
