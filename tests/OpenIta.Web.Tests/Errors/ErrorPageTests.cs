using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using OpenIta.Web.Tests.Language;
using OpenIta.Web.Tests.Results;
using Xunit;

namespace OpenIta.Web.Tests.Errors;

/// <summary>
/// Issue 10, item 2: a browser (<c>Accept: text/html</c>) gets a Thai page in the site's layout with a way on for
/// 400/404/409/413/429/503; the API (and any client that does not ask for HTML) keeps problem+json with a Thai
/// <c>detail</c> and a stable <c>code</c>. The security headers stay on both.
/// </summary>
public sealed class ErrorPageTests
{
    private const string Browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task An_unknown_address_and_an_agency_the_user_may_not_read_are_a_Thai_404_page_and_problem_json_on_the_api()
    {
        await using var app = await StartAsync();
        var client = Html(await app.SignedInAsync("coordinator"));
        await AssertThaiPageAsync(await client.GetAsync("/no/such/page"), HttpStatusCode.NotFound);
        await AssertThaiPageAsync(await client.GetAsync("/agencies/elsewhere"), HttpStatusCode.NotFound);

        var api = await app.ApiClientAsync(await UserIdAsync(app, "coordinator"));
        var problem = await AssertProblemAsync(await api.GetAsync("/api/v1/agencies/elsewhere"), HttpStatusCode.NotFound);
        Assert.Equal("agency.not-found", problem.GetProperty("code").GetString());
        Assert.Equal("ไม่พบหน่วยงาน \"elsewhere\"", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_a_Thai_400_page_and_a_bad_score_input_is_problem_json_naming_the_indicator_in_Thai()
    {
        await using var app = await StartAsync();
        var client = Html(await app.SignedInAsync("coordinator"));
        var posted = await client.PostAsync("/agencies/own/results/2565/edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["total"] = "90" }));
        await AssertThaiPageAsync(posted, HttpStatusCode.BadRequest);

        var api = await app.ApiClientAsync(await UserIdAsync(app, "coordinator"));
        var problem = await AssertProblemAsync(
            await api.PostAsync("/api/v1/score", Json("""{"fiscalYear":2565,"indicators":{"1":120}}""")), HttpStatusCode.BadRequest);
        Assert.Equal("score.range", problem.GetProperty("code").GetString());
        Assert.Equal("indicators.1", problem.GetProperty("field").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่", detail, StringComparison.Ordinal);
        Assert.EndsWith("120 ไม่ใช่คะแนนระหว่าง 0 ถึง 100", detail, StringComparison.Ordinal);
        Assert.Empty(ThaiText.Problems(detail));

        // English on request: Accept-Language, or the language switch's cookie.
        api.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = await AssertProblemAsync(
            await api.PostAsync("/api/v1/score", Json("""{"fiscalYear":2565,"indicators":{"1":120}}""")), HttpStatusCode.BadRequest);
        Assert.Equal("score.range", english.GetProperty("code").GetString());
        Assert.EndsWith("120 is not a score from 0 to 100", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_result_that_cannot_be_scored_is_a_Thai_409_page_for_a_browser_and_problem_json_otherwise()
    {
        await using var app = await StartAsync();
        await ResultPagesTests.StoreAsync(app, "own", ResultPagesTests.Example("spm-2565.json"));
        await app.WithDbAsync(async db =>
        {
            var result = await db.Results.SingleAsync();
            result.InputJson = """{"fiscalYear":2565,"indicators":{"1":120}}""";
            return result;
        });
        var client = await app.SignedInAsync("coordinator");
        await AssertProblemAsync(await client.GetAsync("/agencies/own/results/2565/result.docx"), HttpStatusCode.Conflict);
        var page = await AssertThaiPageAsync(await Html(client).GetAsync("/agencies/own/results/2565/result.docx"), HttpStatusCode.Conflict);
        Assert.Contains("คำนวณผลจากข้อมูลที่บันทึกไว้ไม่ได้", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_too_large_is_a_Thai_413_page_on_the_import_and_problem_json_on_the_api()
    {
        await using var app = await StartAsync();
        var client = Html(await app.SignedInAsync("coordinator"));
        var token = await TestApp.AntiforgeryTokenAsync(client, "/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[11 * 1024 * 1024]), "file", "big.csv" },
        };
        await AssertThaiPageAsync(await client.PostAsync("/import", form), HttpStatusCode.RequestEntityTooLarge);

        var api = await app.ApiClientAsync(await UserIdAsync(app, "coordinator"));
        var problem = await AssertProblemAsync(
            await api.PostAsync("/api/v1/score", Json(new string(' ', 10 * 1024 * 1024 + 1))), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("body.too-large", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Too_many_sign_ins_are_a_Thai_429_page()
    {
        await using var app = await StartAsync();
        var client = Html(app.Client());
        HttpResponseMessage? response = null;
        for (var i = 0; i < 30 && response?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            response = await TestApp.SignInAsync(client, "coordinator", "wrong-password-" + i);
        }
        await AssertThaiPageAsync(response!, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_PDF_that_cannot_be_printed_is_a_Thai_503_page_for_a_browser_and_problem_json_otherwise()
    {
        await using var app = await StartAsync();
        await ResultPagesTests.StoreAsync(app, "own", ResultPagesTests.Example("spm-2565.json"));
        await using var noChromium = app.WithWebHostBuilder(b => b.UseSetting("Reports:Chromium", "/nonexistent/chromium"));
        var client = noChromium.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(client, "coordinator", TestApp.Password)).StatusCode);
        await AssertProblemAsync(await client.GetAsync("/agencies/own/results/2565/analysis.pdf"), HttpStatusCode.ServiceUnavailable);
        var page = await AssertThaiPageAsync(await Html(client).GetAsync("/agencies/own/results/2565/analysis.pdf"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("DOCX", page, StringComparison.Ordinal); // the way on: the DOCX instead
    }

    [Fact]
    public async Task The_error_page_is_English_on_the_language_switch()
    {
        await using var app = await StartAsync();
        var client = Html(await app.SignedInAsync("coordinator"));
        client.DefaultRequestHeaders.Add("Cookie", "lang=en");
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("Go to the start page", html, StringComparison.Ordinal);
    }

    private static async Task<TestApp> StartAsync()
    {
        var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("own");
        await app.AddAgencyAsync("elsewhere");
        await app.AddUserAsync("coordinator", false, ("own", Role.Coordinator));
        return app;
    }

    private static Task<string> UserIdAsync(TestApp app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static HttpClient Html(HttpClient client)
    {
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd(Browser);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A Thai page in the site's layout, with a way on and the security headers; returns its HTML.</summary>
    private static async Task<string> AssertThaiPageAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"th\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"site-header\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.Empty(ThaiText.Problems(ThaiText.Visible(html)));
        return html;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = document.RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
