using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Pipeline;

/// <summary>
/// Issue 8: text is sent compressed (Brotli or gzip, as the client accepts); documents already compressed are not; pages
/// that show or take secrets are not (BREACH: see src/OpenIta.Web/Infrastructure/Compression.cs).
/// </summary>
public sealed partial class CompressionTests
{
    private static async Task<(TestApp App, HttpClient Api, HttpClient Browser)> StartAsync()
    {
        var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("a1", "prov");
        var admin = await app.AddUserAsync("admin", administrator: true);
        return (app, await app.ApiClientAsync(admin), await app.SignedInAsync("admin"));
    }

    private static HttpRequestMessage Get(string path, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        return request;
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using Stream stream = encoding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip", "gzip")]
    public async Task Json_and_html_are_sent_compressed_as_the_client_accepts(string accept, string expected)
    {
        var (app, api, browser) = await StartAsync();
        await using var _ = app;

        var json = await api.SendAsync(Get("/api/v1/groups/prov/summary?year=2567", accept));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal([expected], json.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", json.Headers.Vary);
        using (var document = JsonDocument.Parse(Decompress(await json.Content.ReadAsByteArrayAsync(), expected)))
        {
            Assert.Equal("prov", document.RootElement.GetProperty("group").GetString());
        }

        var html = await browser.SendAsync(Get("/groups/prov", accept));
        Assert.Equal([expected], html.Content.Headers.ContentEncoding);
        Assert.Contains("<html", Decompress(await html.Content.ReadAsByteArrayAsync(), expected), StringComparison.Ordinal);

        var plain = await api.GetAsync("/api/v1/groups/prov/summary?year=2567");
        Assert.Empty(plain.Content.Headers.ContentEncoding); // a client that accepts nothing gets plain JSON
        Assert.Equal("prov", (await Api.ApiCalls.JsonOf(plain)).GetProperty("group").GetString());
    }

    [Fact]
    public async Task Csv_is_compressed_but_zipped_documents_and_pages_with_secrets_are_not()
    {
        var (app, _, browser) = await StartAsync();
        await using var __ = app;

        var xlsx = await browser.SendAsync(Get("/import/template?year=2567&format=xlsx", "br, gzip"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Empty(xlsx.Content.Headers.ContentEncoding); // a zip already
        var csv = await browser.SendAsync(Get("/import/template?year=2567&format=csv", "br, gzip"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(["br"], csv.Content.Headers.ContentEncoding); // text

        foreach (var path in new[] { "/account/login", "/account/tokens" })
        {
            var client = path == "/account/login" ? app.Client() : browser;
            var page = await client.SendAsync(Get(path, "br, gzip"));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Empty(page.Content.Headers.ContentEncoding);
        }
    }

    /// <summary>
    /// Why the other pages may be compressed although every one carries the layout's anti-forgery token: the token's
    /// bytes are new in every response, so compression gives an attacker nothing to converge on.
    /// </summary>
    [Fact]
    public async Task The_anti_forgery_token_in_a_page_is_different_in_every_response()
    {
        var (app, _, browser) = await StartAsync();
        await using var _ = app;

        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var page = await browser.GetStringAsync("/groups/prov");
            tokens.Add(TokenField().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("no token"));
        }

        Assert.Equal(3, tokens.Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
