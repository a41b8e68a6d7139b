using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenIta.Web.Tests.LinkChecks;

/// <summary>
/// A web server the link checker's tests start on 127.0.0.1 (Kestrel, a port of its own): pages, errors, redirects,
/// a slow answer, a large body, a page that changes, a PDF and a TIS-620 page. It counts the requests of every path.
/// </summary>
public sealed class LinkServer : IAsyncDisposable
{
    /// <summary>A page of FY2567 (1 October 2023 – 30 September 2024): its one date is 1 October 2023.</summary>
    public const string PageHtml = "<html><head><title>รายงาน</title><script>var d='1 ม.ค. 2550';</script></head><body><p>ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๖</p></body></html>";

    /// <summary>A page of FY2566 (1 October 2022 – 30 September 2023).</summary>
    public const string InYearHtml = "<html><body><p>ลงวันที่ 15 มีนาคม 2566</p></body></html>";

    /// <summary>A page whose only date is of FY2565.</summary>
    public const string OldPageHtml = "<html><body><p>ลงวันที่ 1 ต.ค. 2564</p></body></html>";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private LinkServer(WebApplication app) => _app = app;

    public Uri Base { get; private set; } = null!;

    public int Port => Base.Port;

    /// <summary>What /changing answers now.</summary>
    public string Changing { get; set; } = "<p>ฉบับที่ 1</p>";

    public string Url(string path) => new Uri(Base, path).AbsoluteUri;

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public static async Task<LinkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LinkServer(app);
        app.Use(async (context, next) =>
        {
            server._hits.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/page", () => TypedResults.Content(PageHtml, "text/html; charset=utf-8"));
        app.MapGet("/in-year", () => TypedResults.Content(InYearHtml, "text/html"));
        app.MapGet("/n/{i:int}", (int i) => TypedResults.Content(string.Create(CultureInfo.InvariantCulture, $"<p>หน้า {i}</p>"), "text/html"));
        app.MapGet("/old", () => TypedResults.Content(OldPageHtml, "text/html"));
        app.MapGet("/missing", () => TypedResults.NotFound());
        app.MapGet("/error", () => TypedResults.StatusCode(500));
        app.MapGet("/loop", () => TypedResults.Redirect("/loop"));
        app.MapGet("/hop/{n:int}", (int n) => TypedResults.Redirect(n <= 1 ? "/page" : string.Create(CultureInfo.InvariantCulture, $"/hop/{n - 1}")));
        app.MapGet("/to", (string target) => TypedResults.Redirect(target));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            return TypedResults.Content("late", "text/plain");
        });
        app.MapGet("/big", async (HttpContext context, int? megabytes) =>
        {
            context.Response.ContentType = "application/octet-stream"; // no Content-Length: the checker must count
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < (megabytes ?? 3) * 16; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        app.MapGet("/big-declared", () => TypedResults.Bytes(new byte[3 * 1024 * 1024], "application/pdf"));
        app.MapGet("/changing", () => TypedResults.Content(server.Changing, "text/html"));
        app.MapGet("/doc.pdf", () => TypedResults.Bytes(Pdf("D:20220115093000+07'00'"), "application/pdf"));
        app.MapGet("/tis620", () =>
        {
            var bytes = CodePagesEncodingProvider.Instance.GetEncoding(874)!.GetBytes("<html><body>ลงวันที่ 5 มีนาคม 2567</body></html>");
            return TypedResults.Bytes(bytes, "text/html; charset=tis-620");
        });
        await app.StartAsync();
        server.Base = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>A small PDF whose Info dictionary carries <paramref name="creationDate"/> (its text is not what is read).</summary>
    public static byte[] Pdf(string creationDate) => Encoding.Latin1.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        $"3 0 obj << /Producer (test) /CreationDate ({creationDate}) >> endobj\ntrailer << /Root 1 0 R /Info 3 0 R >>\n%%EOF\n");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
