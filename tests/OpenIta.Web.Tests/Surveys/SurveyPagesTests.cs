using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>The surveys' pages (issue 12): the coordinator's round page, its QR codes and poster, oversight's agencies
/// below minimum, EIT part 2 entry by the assessor, and the assessor's signals.</summary>
public sealed partial class SurveyPagesTests
{
    private const int Year = 2567;
    private const string Page = "/agencies/spm/assessments/2567";

    public static TheoryData<DatabaseEngine> Engines => [DatabaseEngine.Sqlite, DatabaseEngine.Postgres];

    private static async Task AddQuestionnaireAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        await Questionnaires.AddAsync(db, SurveyFixtures.Catalog, Year, SurveyFixtures.Fy2567, "test", "test",
            scope.ServiceProvider.GetRequiredService<TimeProvider>());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields, string page = Page)
    {
        fields["__RequestVerificationToken"] = await TestApp.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(page + (handler.Length > 0 ? "?handler=" + handler : ""), new FormUrlEncodedContent(fields));
    }

    private static readonly Dictionary<string, string> IitAnswers = new(StringComparer.Ordinal)
    {
        ["i1.1"] = "4", ["i1.2"] = "3", ["i2"] = "2", ["i3"] = "4", ["i4"] = "1", ["i5"] = "3",
    };

    private static async Task AnswerIitAsync(TestApp app, string token, int times, Dictionary<string, string>? answers = null)
    {
        var client = app.Client();
        for (var i = 0; i < times; i++)
        {
            var response = await client.PostAsync($"/api/v1/public/surveys/{token}/responses", SurveyFixtures.Answers(answers ?? IitAnswers));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    private static string Version(string html) => VersionField().Match(html).Groups[1].Value;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_coordinator_registers_opens_watches_and_closes_the_round_and_readers_only_read_it(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        await AddQuestionnaireAsync(app);
        var coordinator = await app.SignedInAsync("coordinator");
        var viewer = await app.SignedInAsync("viewer");

        var empty = await coordinator.GetStringAsync(Page);
        Assert.Contains("ยังไม่ลงทะเบียน", empty, StringComparison.Ordinal);

        // A number of people that is not one: 400, the field named, nothing saved.
        var wrong = await PostAsync(coordinator, "Register", new() { ["internalStakeholders"] = "151", ["externalStakeholders"] = "ร้อย" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("&quot;ร้อย&quot; ไม่ใช่จำนวนคน", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.AssessmentRounds.SingleOrDefaultAsync()));

        var registered = await PostAsync(coordinator, "Register", new() { ["internalStakeholders"] = "151", ["externalStakeholders"] = "1,000" });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var page = await coordinator.GetStringAsync(Page);
        Assert.Contains($"href=\"{Page}\"", await coordinator.GetStringAsync("/agencies/spm"), StringComparison.Ordinal);
        Assert.Matches("data-minimum=\"31\"", page);   // 20 % of 151 people, rounded up
        Assert.Matches("data-minimum=\"200\"", page);  // 20 % of 1,000
        Assert.Matches("data-minimum=\"40\"", page);   // EIT part 2: 20 % of 200, at least 20

        // Readers read; only the coordinator changes.
        var asViewer = await viewer.GetStringAsync(Page);
        Assert.DoesNotContain("id=\"register\"", asViewer, StringComparison.Ordinal);
        var token = await TestApp.AntiforgeryTokenAsync(viewer, Page);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync(Page + "?handler=Open",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync(Page)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, "Open", new() { ["version"] = Version(page) })).StatusCode);
        page = await coordinator.GetStringAsync(Page);
        var link = SurveyLink().Match(page);
        Assert.True(link.Success, "The open round shows its IIT link.");
        var url = link.Groups[1].Value;
        var iit = url[(url.LastIndexOf('/') + 1)..];

        // The QR code holds the link the page shows.
        var qr = await coordinator.GetAsync(Page + "/qr/IIT.png");
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal(url, QrReader.Read(await qr.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(Page + "/qr/OIT.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync(Page + "/qr/IIT.png")).StatusCode);

        // Four responses: counted, but nothing of their answers shown; five: the preview shows.
        await AnswerIitAsync(app, iit, 4);
        page = await coordinator.GetStringAsync(Page);
        Assert.Matches("data-count=\"IIT\">4<", page);
        Assert.Contains("ยังไม่แสดง (น้อยกว่า 5 คน)", page, StringComparison.Ordinal);
        await AnswerIitAsync(app, iit, 1);
        page = await coordinator.GetStringAsync(Page);
        Assert.Matches("data-count=\"IIT\">5<", page);
        Assert.Matches("data-remaining=\"IIT\">26<", page);
        Assert.DoesNotContain("ยังไม่แสดง (น้อยกว่า 5 คน)</span></td>\n            </tr>\n            <tr data-instrument=\"EIT1\"", page, StringComparison.Ordinal);

        // The burst signal's hourly counter took the five, beside the round.
        Assert.Equal(5, await app.WithDbAsync(db => db.SurveyHourCounts.SumAsync(c => c.Count)));

        // Closing asks first (without the script, on the page); confirmed, it scores and links the collected result.
        var ask = await PostAsync(coordinator, "Close", new() { ["version"] = Version(page) });
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("id=\"confirm-close\"", await ask.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AssessmentStatus.Open, await app.WithDbAsync(db => db.AssessmentRounds.Select(r => r.Status).SingleAsync()));
        var closed = await PostAsync(coordinator, "Close", new() { ["version"] = Version(page), ["confirmed"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        page = await coordinator.GetStringAsync(Page);
        Assert.Contains("ปิดการประเมินแล้ว", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/agencies/spm/results/{Year}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/api/v1/public/surveys/{iit}")).StatusCode);
    }

    [Fact]
    public async Task The_poster_prints_the_rounds_links_and_their_codes()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite);
        var round = await SurveyFixtures.OpenRoundAsync(app, "spm", Year, SurveyFixtures.Fy2567, 151, 1000);
        var iit = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var eit = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Eit1);
        var viewer = await app.SignedInAsync("viewer");

        var poster = await viewer.GetAsync(Page + "/poster.pdf");
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal("application/pdf", poster.Content.Headers.ContentType?.MediaType);
        var dir = ExternalTools.OutputDirectory("survey-poster");
        var pdf = Path.Combine(dir, "poster.pdf");
        await File.WriteAllBytesAsync(pdf, await poster.Content.ReadAsByteArrayAsync());
        var text = await ExternalTools.PdfTextAsync(pdf);
        Assert.Contains("http://localhost/s/" + iit, text, StringComparison.Ordinal);
        Assert.Contains("http://localhost/s/" + eit, text, StringComparison.Ordinal);
        Assert.Contains("โทรศัพท์มือถือ", text, StringComparison.Ordinal);
        await ExternalTools.RunAsync("pdftoppm", ["-r", "150", "-png", "-singlefile", pdf, Path.Combine(dir, "poster")], TimeSpan.FromSeconds(60));
        var codes = QrReader.ReadAll(await File.ReadAllBytesAsync(Path.Combine(dir, "poster.png")));
        Assert.Equal(new[] { "http://localhost/s/" + iit, "http://localhost/s/" + eit }.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync(Page + "/poster.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/agencies/spm/assessments/2566/poster.pdf")).StatusCode);
    }

    [Fact]
    public async Task Oversight_sees_the_groups_agencies_below_minimum_and_no_one_else_does()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite);
        var round = await SurveyFixtures.OpenRoundAsync(app, "spm", Year, SurveyFixtures.Fy2567, 151, 1000);
        await AnswerIitAsync(app, await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit), 2);
        var oversight = await app.SignedInAsync("oversight");
        var html = await oversight.GetStringAsync("/groups/prov/assessments/2567");
        Assert.Contains("data-agency=\"spm\"", html, StringComparison.Ordinal);
        Assert.Matches(@"<td>IIT</td>\s*<td class=""num"">2</td>\s*<td class=""num"">31</td>", html);
        Assert.Contains("href=\"/groups/prov/assessments/2567\"", await oversight.GetStringAsync("/agencies/spm"), StringComparison.Ordinal);
        await app.AddUserAsync("provviewer", false, ("prov", Role.Viewer));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("provviewer")).GetAsync("/groups/prov/assessments/2567")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync("/groups/prov/assessments/2567")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_assessor_enters_eit_part_2_in_batches_all_or_nothing_each_recording_the_assessor(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var round = await SurveyFixtures.OpenRoundAsync(app, "spm", Year, SurveyFixtures.Fy2567, 151, 1000);
        var assessorId = await app.AddAssessorAsync("assessor.prov", "prov", Year);
        await app.AddAssessorAsync("lastyear", "prov", Year - 1);
        var assessor = await app.SignedInAsync("assessor.prov");
        const string entry = Page + "/eit2";
        Assert.Contains("href=\"" + entry + "\"", await assessor.GetStringAsync(Page), StringComparison.Ordinal);

        var refused = await PostAsync(assessor, "", new()
        {
            ["rows"] = "3", ["r0.ep1"] = "4", ["r0.ep2"] = "3", ["r0.ep3"] = "4",
            ["r2.ep1"] = "2", ["r2.ep3"] = "1", // the third set misses ep2
        }, entry);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("ชุดที่ 3 ข้อ ep2", html, StringComparison.Ordinal);
        Assert.Matches("id=\"c2-ep2\" name=\"r2.ep2\" aria-invalid=\"true\"", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));

        var saved = await PostAsync(assessor, "", new()
        {
            ["rows"] = "3", ["r0.ep1"] = "4", ["r0.ep2"] = "3", ["r0.ep3"] = "4",
            ["r2.ep1"] = "2", ["r2.ep2"] = "2", ["r2.ep3"] = "1",
        }, entry);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rows = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.RoundId == round.Id).Select(r => new { r.Instrument, r.EnteredBy }).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((Instrument.Eit2, assessorId), (r.Instrument, r.EnteredBy)));
        Assert.Contains("<strong>2</strong>", await assessor.GetStringAsync(entry), StringComparison.Ordinal);

        // Not the coordinator, not an assessor of another year.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("coordinator")).GetAsync(entry)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("lastyear")).GetAsync(entry)).StatusCode);
    }

    [Fact]
    public async Task The_assessor_sees_signals_per_instrument_and_the_coordinator_does_not()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite);
        var round = await SurveyFixtures.OpenRoundAsync(app, "spm", Year, SurveyFixtures.Fy2567, 151, 1000);
        await app.AddAssessorAsync("assessor.prov", "prov", Year);
        var iit = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        // Six people who gave the first answer everywhere (straight-lining, and identical vectors).
        await AnswerIitAsync(app, iit, 6, new(StringComparer.Ordinal) { ["i1.1"] = "1", ["i1.2"] = "1", ["i2"] = "1", ["i3"] = "1", ["i4"] = "1", ["i5"] = "1" });

        var html = await (await app.SignedInAsync("assessor.prov")).GetStringAsync(Page);
        Assert.Contains("id=\"signals\"", html, StringComparison.Ordinal);
        Assert.Contains("data-signal=\"StraightLining\" data-raised=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("data-signal=\"IdenticalAnswers\" data-raised=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("data-signal=\"Burst\" data-raised=\"false\"", html, StringComparison.Ordinal);
        Assert.Contains("ผู้ตอบ 6 จาก 6 คน", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"signals\"", await (await app.SignedInAsync("coordinator")).GetStringAsync(Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_page_is_served_without_sign_in_and_loads_its_script()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite);
        var client = app.Client();
        var page = await client.GetAsync("/s/AAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-link=\"AAAAAAAAAAAAAAAAAAAAAAAA\"", html, StringComparison.Ordinal);
        Assert.Matches("<script src=\"/js/survey.js\\?v=", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/s/thanks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/js/survey.js")).StatusCode);
    }

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("href=\"(http://localhost/s/[A-Za-z0-9_-]{24})\" data-survey-link=\"IIT\"")]
    private static partial Regex SurveyLink();
}
