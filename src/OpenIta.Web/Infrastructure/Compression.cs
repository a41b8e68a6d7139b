using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// Brotli or gzip (as the client accepts) for text: JSON, HTML, CSV, CSS, JavaScript, SVG. A national API summary is
/// 22 MB of JSON and a national dashboard 0.75 MB of HTML; both shrink about twentyfold. Downloads that are already
/// compressed (XLSX, DOCX: zip; PDF) are not text and are sent as they are.
/// </summary>
/// <remarks>
/// BREACH (compression as an oracle on a secret in a body that also reflects the attacker's input) is why ASP.NET Core
/// does not compress HTTPS by default. What OpenITA decided:
/// <list type="bullet">
/// <item>The secret every page carries is the anti-forgery request token (the layout's sign-out and language forms).
/// ASP.NET Core encrypts it afresh for every response (data protection: a new random key modifier and IV), so no two
/// responses hold the same bytes for an attacker to guess at; the cookie half travels in a header, which HTTP does not
/// compress. A test holds this (CompressionTests).</item>
/// <item>Pages that show or take other secrets are never compressed: everything under <c>/account</c> (the password
/// form, a new API token shown once), <c>/setup</c> (the first administrator's password) and <c>/admin/users</c> (a
/// password-reset link shown once).</item>
/// <item>The API's JSON carries no secret: the bearer token is in the request header, never in a body.</item>
/// </list>
/// So compression is on for HTTPS, except for those paths. Level: fastest (the national JSON in a few hundred
/// milliseconds rather than seconds; the difference in size is a few per cent).
/// </remarks>
public static class Compression
{
    /// <summary>The content types compressed (the response's type without its parameters).</summary>
    public static readonly IReadOnlyList<string> MimeTypes =
    [
        "application/json", "application/problem+json", "text/html", "text/csv", "text/plain", "text/css",
        "text/javascript", "application/javascript", "image/svg+xml",
    ];

    /// <summary>Paths whose pages show or take secrets (passwords, a new API token): never compressed.</summary>
    public static readonly IReadOnlyList<PathString> Uncompressed = ["/account", "/setup", "/admin/users"];

    public static IServiceCollection AddOpenItaCompression(this IServiceCollection services)
    {
        services.AddSingleton<IResponseCompressionProvider, SecretAwareProvider>();
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // see the remarks: BREACH
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>The framework's provider, except for the paths in <see cref="Uncompressed"/>.</summary>
    private sealed class SecretAwareProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            !Uncompressed.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase))
            && base.ShouldCompressResponse(context);
    }
}
