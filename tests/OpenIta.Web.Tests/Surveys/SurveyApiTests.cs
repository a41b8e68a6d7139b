using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Api;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>The public survey API and the assessments API (issue 12, item 9), on both engines.</summary>
public sealed class SurveyApiTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static Dictionary<string, string> AllAnswered(string value = "4") => new()
    {
        ["i1.1"] = value, ["i1.2"] = value, ["i2"] = "2", ["i3"] = value, ["i4"] = value, ["i5"] = value,
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_link_gives_its_questions_and_takes_an_anonymous_response(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("tambon");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var client = app.Client();

        var survey = await ApiCalls.JsonOf(await client.GetAsync($"/api/v1/public/surveys/{link}"));
        Assert.Equal("หน่วยงาน tambon", survey.GetProperty("agency").GetString());
        Assert.Equal(2567, survey.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("IIT", survey.GetProperty("instrument").GetString());
        var questions = survey.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(["i1.1", "i1.2", "i2", "i3", "i4", "i5"], questions.Select(q => q.GetProperty("code").GetString()));
        Assert.Equal("i1", questions[0].GetProperty("parent").GetString());
        Assert.Equal("ข้อย่อยหนึ่ง", questions[0].GetProperty("text").GetString());
        Assert.Equal(["1", "2", "3", "4"], questions[0].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
        Assert.Equal("มากที่สุด", questions[0].GetProperty("options")[3].GetProperty("text").GetString());

        var posted = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(AllAnswered()));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Null(posted.Headers.Location); // nothing a respondent could hand on to be found by

        var stored = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync());
        Assert.Equal(new byte[] { 4, 4, 2, 4, 4, 4 }, stored.Answers);
        Assert.Equal(Instrument.Iit, stored.Instrument);
        Assert.Null(stored.EnteredBy);
        Assert.Equal(4, (int)stored.Key.ToByteArray()[7] >> 4); // a random (version 4) GUID
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Wrong_answers_are_400s_naming_the_field_in_thai_and_nothing_is_stored(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("tambon");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var client = app.Client();

        async Task Refused(Dictionary<string, string> answers, string field, string code)
        {
            var response = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await ApiCalls.ProblemOf(response);
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.Matches("[\u0E00-\u0E7F]", problem.GetProperty("detail").GetString()!);
            // The detail names the place as the respondent knows it: the question's code, not a generic "the input".
            Assert.StartsWith("คำตอบข้อ " + field["answers.".Length..] + ": ", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }

        var unknown = AllAnswered();
        unknown["i9"] = "1";
        await Refused(unknown, "answers.i9", "survey.unknown-question");
        var notOffered = AllAnswered();
        notOffered["i3"] = "5";
        await Refused(notOffered, "answers.i3", "survey.option-not-offered");
        var missing = AllAnswered();
        missing.Remove("i4");
        await Refused(missing, "answers.i4", "survey.answer-required");
        var parent = AllAnswered();
        parent["i1"] = "1";
        await Refused(parent, "answers.i1", "survey.answer-sub-items");

        var shape = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", ApiCalls.Json("""{"answers": [1, 2]}"""));
        Assert.Equal("answers", (await ApiCalls.ProblemOf(shape)).GetProperty("field").GetString());
        var extra = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", ApiCalls.Json("""{"answers": {}, "phone": "0812345678"}"""));
        Assert.Equal("phone", (await ApiCalls.ProblemOf(extra)).GetProperty("field").GetString());

        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_unknown_a_revoked_or_a_closed_link_is_a_404(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("tambon");
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var client = app.Client();

        foreach (var unknown in new[] { "AAAAAAAAAAAAAAAAAAAAAAAA", "short", link[..^1] + (link[^1] == 'A' ? 'B' : 'A') })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/surveys/{unknown}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/public/surveys/{unknown}/responses", SurveyFixtures.Answers(AllAnswered()))).StatusCode);
        }

        // A replaced link answers 404; the new one works.
        var fresh = await app.WithDbAsync(async db => (await SurveyRounds.ReplaceLinkAsync(db, round, Instrument.Iit, SurveyFixtures.Admin, TimeProvider.System)).Token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/surveys/{link}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/public/surveys/{fresh}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/agencies/tambon/assessments/2567/close", null)).StatusCode);
        var closed = await client.GetAsync($"/api/v1/public/surveys/{fresh}");
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        Assert.Equal("survey.link-not-found", (await ApiCalls.ProblemOf(closed)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/public/surveys/{fresh}/responses", SurveyFixtures.Answers(AllAnswered()))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Eit_part_1_needs_a_ticket_and_a_phone_that_answered_is_a_409(DatabaseEngine engine)
    {
        var tickets = new TestTickets();
        await using var app = await TestApp.StartAsync(engine, configure: builder =>
            builder.ConfigureServices(services => services.AddSingleton<ISurveyTickets>(tickets)));
        await app.AddAgencyAsync("tambon");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Eit1);
        var client = app.Client();
        var survey = await ApiCalls.JsonOf(await client.GetAsync($"/api/v1/public/surveys/{link}"));
        Assert.True(survey.GetProperty("needsTicket").GetBoolean());
        var answers = new Dictionary<string, string> { ["es1"] = "3", ["es2"] = "4", ["es3"] = "2" };

        var none = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("ticket", (await ApiCalls.ProblemOf(none)).GetProperty("field").GetString());
        var bad = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, "forged"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("ticket", (await ApiCalls.ProblemOf(bad)).GetProperty("field").GetString());

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, "phone-1"))).StatusCode);
        var again = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, "phone-1"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));
    }

    [Fact]
    public async Task Without_a_tickets_service_an_eit_part_1_response_is_refused_naming_the_ticket()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("tambon");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Eit1);
        var response = await app.Client().PostAsync($"/api/v1/public/surveys/{link}/responses",
            SurveyFixtures.Answers(new Dictionary<string, string> { ["es1"] = "3", ["es2"] = "4", ["es3"] = "2" }, "phone-1"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ticket", (await ApiCalls.ProblemOf(response)).GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Past_the_per_address_limit_the_public_endpoints_answer_429_with_retry_after(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine, configure: builder =>
        {
            builder.UseSetting("Surveys:Limits:ResponsesPerAddressPerMinute", "2");
            builder.UseSetting("Surveys:Limits:ReadsPerAddressPerMinute", "3");
        });
        await app.AddAgencyAsync("tambon");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var client = app.Client();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(AllAnswered()))).StatusCode);
        }
        var limited = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(AllAnswered()));
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("survey.too-many", (await ApiCalls.ProblemOf(limited)).GetProperty("code").GetString());
        Assert.Equal(2, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.SurveyHourCounts.SumAsync(c => c.Count))); // the refused one: not counted

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/public/surveys/{link}")).StatusCode);
        }
        Assert.Equal((HttpStatusCode)429, (await client.GetAsync($"/api/v1/public/surveys/{link}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_response_with_a_wrong_answer_writes_nothing_and_does_not_count_against_the_address(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine, configure: builder =>
            builder.UseSetting("Surveys:Limits:ResponsesPerAddressPerMinute", "2"));
        await app.AddAgencyAsync("tambon");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var client = app.Client();
        var wrong = AllAnswered();
        wrong["i3"] = "9"; // not an option
        for (var i = 0; i < 3; i++)
        {
            var refused = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(wrong));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("answers.i3", (await ApiCalls.ProblemOf(refused)).GetProperty("field").GetString());
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyHourCounts.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.SecurityCounters.CountAsync())); // checked before any write

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(AllAnswered()))).StatusCode);
        }
        Assert.Equal(2, await app.WithDbAsync(db => db.SurveyHourCounts.SumAsync(c => c.Count)));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_survey_endpoints()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        var document = await ApiCalls.JsonOf(await app.Client().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/public/surveys/{link}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/public/surveys/{link}/responses", out var responses));
        Assert.True(responses.GetProperty("post").GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(paths.TryGetProperty("/api/v1/agencies/{slug}/assessments/{year}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/agencies/{slug}/assessments/{year}/close", out _));
    }
}
