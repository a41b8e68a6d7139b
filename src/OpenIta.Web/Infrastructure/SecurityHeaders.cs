namespace OpenIta.Web.Infrastructure;

/// <summary>
/// Headers every response carries, error pages included: no sniffing, no framing, no third-party anything; and over
/// HTTPS (directly, or as a known proxy says through <c>X-Forwarded-Proto</c>) HSTS for a year. They are set just
/// before the response starts, after the exception handler has cleared the headers of a failed request.
/// </summary>
public static class SecurityHeaders
{
    public const string Hsts = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        await next(context);
    });

    private const string FramingKey = "openita.framing-policy";

    /// <summary>
    /// Lets this one response be framed by any site, with <paramref name="contentSecurityPolicy"/> instead of the
    /// default (which forbids framing): only the public OIT fragment that agency websites embed (issue 13) asks for it.
    /// </summary>
    public static void AllowFraming(HttpContext context, string contentSecurityPolicy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentSecurityPolicy);
        context.Items[FramingKey] = contentSecurityPolicy;
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Items[FramingKey] is string framed && context.Response.StatusCode == StatusCodes.Status200OK)
        {
            headers.Remove("X-Frame-Options");
            headers["Content-Security-Policy"] = framed;
        }
        else
        {
            headers["X-Frame-Options"] = "DENY";
            headers["Content-Security-Policy"] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        }
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = Hsts;
        }
    }
}
