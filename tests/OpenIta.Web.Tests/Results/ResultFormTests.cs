using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Results;

/// <summary>The result entry form: saves through the scoring engine, refuses bad input naming the field, and only for coordinators.</summary>
public sealed class ResultFormTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const string EditSpm2565 = "/agencies/spm/results/2565/edit";

    private static readonly Dictionary<string, string> Seed000 = new()
    {
        ["indicators.1"] = "85.84", ["indicators.2"] = "74.30", ["indicators.3"] = "78.71", ["indicators.4"] = "74.27",
        ["indicators.5"] = "75.26", ["indicators.6"] = "90.94", ["indicators.7"] = "85.74", ["indicators.8"] = "82.34",
        ["indicators.9"] = "100", ["indicators.10"] = "100",
        ["published.total"] = "89.21", ["published.instruments.IIT"] = "77.68", ["published.instruments.EIT"] = "86.34",
        ["published.instruments.OIT"] = "100.00", ["published.rating"] = "A",
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TestApp.AntiforgeryTokenAsync(client, path) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_form_saves_a_result_that_the_engine_scores(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");

        var empty = await client.GetAsync(EditSpm2565);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var form = await empty.Content.ReadAsStringAsync();
        Assert.Contains("name=\"indicators.10\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"instruments.EIT\"", form, StringComparison.Ordinal); // FY2565: EIT is one instrument
        Assert.DoesNotContain("name=\"instruments.EIT1\"", form, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/result-form.js", form, StringComparison.Ordinal);

        var saved = await PostAsync(client, EditSpm2565, Seed000);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/agencies/spm/results/2565", saved.Headers.Location!.OriginalString);

        var result = await app.WithDbAsync(db => db.Results.Include(r => r.Scores).SingleAsync());
        Assert.Equal((2565, 8921, "A", true, 0, "coordinator"),
            (result.FiscalYear, result.TotalHundredths, result.RatingCode, result.Passed, result.DiscrepancyCount, result.UpdatedBy));
        Assert.Contains(result.Scores, s => s is { Level: ScoreLevel.Instrument, Code: "IIT", Hundredths: 7768 });
        var page = await client.GetStringAsync("/agencies/spm/results/2565");
        Assert.Contains("<div class=\"figure\" id=\"total\">89.21</div>", page, StringComparison.Ordinal);

        // Editing shows the stored values; clearing the published figures removes them.
        var again = await client.GetStringAsync(EditSpm2565);
        Assert.Contains("name=\"indicators.2\" data-field=\"indicators.2\"", again, StringComparison.Ordinal);
        Assert.Contains("value=\"74.30\"", again, StringComparison.Ordinal);
        Assert.Contains("value=\"A\"", again, StringComparison.Ordinal);
        // A browser sends every field of the form, the cleared ones empty (a field not sent at all is left as stored).
        var withoutPublished = Seed000.ToDictionary(f => f.Key, f => f.Key.StartsWith("published.", StringComparison.Ordinal) ? "" : f.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, EditSpm2565, withoutPublished)).StatusCode);
        var input = await app.WithDbAsync(db => db.Results.Select(r => r.InputJson).SingleAsync());
        Assert.DoesNotContain("published", input, StringComparison.Ordinal);
        Assert.Contains("\"fiscalYear\": 2565", input, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_score_over_100_is_refused_naming_the_field_and_nothing_is_saved(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");

        var response = await PostAsync(client, EditSpm2565, new Dictionary<string, string>(Seed000) { ["indicators.1"] = "101" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-error-field=\"indicators.1\"", page, StringComparison.Ordinal);
        Assert.Contains("101 ไม่ใช่คะแนนระหว่าง 0 ถึง 100", page, StringComparison.Ordinal);
        Assert.Contains("ตัวชี้วัดที่ 1", page, StringComparison.Ordinal);
        // The entered values are kept, and the wrong field is marked.
        Assert.Contains("name=\"indicators.1\" data-field=\"indicators.1\" type=\"text\"", page, StringComparison.Ordinal);
        Assert.Matches(@"name=""indicators\.1""[^>]*value=""101"" aria-invalid=""true""", page);
        Assert.Matches(@"name=""indicators\.2""[^>]*value=""74\.30""", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Theory]
    [InlineData("indicators.3", "abc", "\"abc\" ไม่ใช่ตัวเลข")]
    [InlineData("published.rating", "Z", null)]
    public async Task Text_in_a_score_is_refused_naming_the_field(string field, string value, string? message)
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");

        var response = await PostAsync(client, EditSpm2565, new Dictionary<string, string>(Seed000) { [field] = value });

        if (message is null)
        {
            // A printed rating that is no level of the year is not an input error: it is saved and flagged.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var page = await client.GetStringAsync("/agencies/spm/results/2565");
            Assert.Matches(@"class=""flag discrepancy"">\s*<strong>ระดับผลการประเมิน</strong>", page);
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task An_empty_form_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");

        var response = await PostAsync(client, EditSpm2565, new Dictionary<string, string> { ["published.total"] = "90" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-error-field=\"input\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task From_FY2566_the_form_asks_for_EIT_in_two_parts_and_keeps_levels_it_does_not_show()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("obt");
        await app.AddUserAsync("admin", true);
        // Seed 002 (the อบต., FY2567): OIT as sub-indicators (9 → 95.00, 10 → 100), the rest as indicators.
        await ResultPagesTests.StoreAsync(app, "obt", """
            {"fiscalYear": 2567,
             "indicators": {"1": 95.05, "2": 96.57, "3": 99.24, "4": 84.76, "5": 97.52, "6": 98.52, "7": 98.84, "8": 96.11},
             "subIndicators": {"9.1": 95, "9.2": 95, "9.3": 95, "9.4": 95, "9.5": 95, "10.1": 100, "10.2": 100}}
            """);
        var client = await app.SignedInAsync("admin");
        const string path = "/agencies/obt/results/2567/edit";

        var form = await client.GetStringAsync(path);
        Assert.Contains("name=\"instruments.EIT1\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"instruments.EIT2\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"instruments.EIT\"", form, StringComparison.Ordinal);
        Assert.Contains("ผลนี้มีข้อมูลระดับอื่นด้วย", form, StringComparison.Ordinal);
        Assert.Contains("ตัวชี้วัดย่อย", form, StringComparison.Ordinal);
        Assert.Contains("value=\"84.76\"", form, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["indicators.1"] = "95.05", ["indicators.2"] = "96.57", ["indicators.3"] = "99.24", ["indicators.4"] = "84.76",
            ["indicators.5"] = "97.52", ["indicators.6"] = "98.52", ["indicators.7"] = "98.84", ["indicators.8"] = "96.11",
            ["published.total"] = "96.74", ["published.rating"] = "ผ่านดี",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, path, fields)).StatusCode);
        var result = await app.WithDbAsync(db => db.Results.SingleAsync());
        Assert.Contains("\"9.1\"", result.InputJson, StringComparison.Ordinal); // the sub-indicators are kept
        Assert.Contains("\"ผ่านดี\"", result.InputJson, StringComparison.Ordinal); // Thai stays readable in the stored input
        Assert.Equal((9674, "GoodPass", 0), (result.TotalHundredths, result.RatingCode, result.DiscrepancyCount));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_viewer_may_read_the_result_but_not_edit_it(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("viewer", false, ("spm", Role.Viewer));
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        await ResultPagesTests.StoreAsync(app, "spm", ResultPagesTests.Example("spm-2565.json"));
        var viewer = await app.SignedInAsync("viewer");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/agencies/spm/results/2565")).StatusCode);
        Assert.DoesNotContain("/edit", await viewer.GetStringAsync("/agencies/spm/results/2565"), StringComparison.Ordinal);
        var edit = await viewer.GetAsync(EditSpm2565);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("ไม่มีสิทธิ์", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A post with a valid token of the viewer's own session is refused too, and changes nothing.
        var token = await TestApp.AntiforgeryTokenAsync(viewer, "/account/login");
        var post = await viewer.PostAsync(EditSpm2565, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["indicators.1"] = "50",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(8921, await app.WithDbAsync(db => db.Results.Select(r => r.TotalHundredths!.Value).SingleAsync()));

        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Contains("/agencies/spm/results/2565/edit", await coordinator.GetStringAsync("/agencies/spm/results/2565"), StringComparison.Ordinal);
    }
}
