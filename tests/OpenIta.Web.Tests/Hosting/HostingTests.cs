using System.Net;
using System.Text.Json;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Hosting;

/// <summary>Health, error responses, allowed hosts.</summary>
public sealed class HostingTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Ready_reports_the_database_and_the_pdf_printer_and_live_needs_nothing(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var client = app.Client();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var ready = await client.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.StartsWith("schema current", body.GetProperty("checks").GetProperty("database").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Matches("^(healthy|degraded)$", body.GetProperty("checks").GetProperty("pdf").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_503_while_the_schema_is_behind()
    {
        await using var app = await TestApp.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/health/ready")).StatusCode);
        // As if another instance of a newer build had not yet applied its last migration.
        var last = await app.WithDbAsync(async db =>
        {
            var id = OpenIta.Data.Migrations.SchemaMigrator.Known(db)[^1];
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(
                db.Database, $"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {id}");
            return id;
        });
        var ready = await app.Client().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("not applied: " + last, await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task An_error_response_keeps_the_security_headers()
    {
        await using var app = await TestApp.StartAsync(configure: TestHosting.With());
        await app.AddUserAsync("someone");
        var client = await app.SignedInAsync("someone");
        var response = await client.GetAsync(TestHosting.ThrowingPath);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("A failure for the test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_only_directly_or_from_a_known_proxy()
    {
        await using var app = await TestApp.StartAsync(configure: TestHosting.With(settings: new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownProxies"] = "10.0.0.1",
        }));
        var http = app.Client();
        Assert.False((await http.GetAsync("/account/login")).Headers.Contains("Strict-Transport-Security"));

        var https = app.Client();
        https.BaseAddress = new Uri("https://localhost");
        Assert.Equal("max-age=31536000", (await https.GetAsync("/account/login")).Headers.GetValues("Strict-Transport-Security").Single());

        var proxied = app.Client();
        proxied.DefaultRequestHeaders.Add(TestHosting.PeerHeader, "10.0.0.1");
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        Assert.True((await proxied.GetAsync("/account/login")).Headers.Contains("Strict-Transport-Security"));

        var forged = app.Client();
        forged.DefaultRequestHeaders.Add(TestHosting.PeerHeader, "198.51.100.3");
        forged.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        Assert.False((await forged.GetAsync("/account/login")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_foreign_host_is_refused_and_the_sign_in_redirect_names_no_host()
    {
        await using var app = await TestApp.StartAsync();
        var client = app.Client();
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/");
        foreign.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(foreign)).StatusCode);

        var redirect = await client.GetAsync("/agencies");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.False(redirect.Headers.Location!.IsAbsoluteUri, redirect.Headers.Location.OriginalString);
        Assert.StartsWith("/account/login?ReturnUrl=", redirect.Headers.Location.OriginalString, StringComparison.Ordinal);
    }
}
