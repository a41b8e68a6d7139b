using System.Globalization;
using System.Net;
using System.Text.Json;
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

/// <summary>
/// Scores from raw answers (issue 12, item 7): answers sent through the public API, closed through the API, give the
/// agency's result of the year, marked as collected; its values equal a computation made here from the same answers by
/// plain arithmetic (means of the answers' scores, of items, of questions, of indicators), not through the engine.
/// </summary>
public sealed class CollectedResultTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static readonly decimal[] Four = [0, 33, 67, 100];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Closing_scores_the_answers_as_an_independent_computation_does_and_leaves_eit2_unscored_below_its_minimum(DatabaseEngine engine)
    {
        var tickets = new TestTickets();
        await using var app = await TestApp.StartAsync(engine, configure: builder =>
            builder.ConfigureServices(services => services.AddSingleton<ISurveyTickets>(tickets)));
        await app.AddAgencyAsync("tambon");
        var coordinator = await app.AddUserAsync("coordinator", false, ("tambon", Role.Coordinator));
        var assessor = await app.AddUserAsync("assessor");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var client = app.Client();
        var random = new Random(12);

        var iitLink = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var iit = new List<Dictionary<string, string>>();
        for (var r = 0; r < 7; r++)
        {
            var answers = new Dictionary<string, string>
            {
                ["i1.1"] = Pick(random, 4), ["i1.2"] = Pick(random, 4), ["i2"] = Pick(random, 2),
                ["i3"] = Pick(random, 4), ["i4"] = Pick(random, 4), ["i5"] = Pick(random, 4),
            };
            iit.Add(answers);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/public/surveys/{iitLink}/responses", SurveyFixtures.Answers(answers))).StatusCode);
        }
        var eitLink = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Eit1);
        var eit1 = new List<Dictionary<string, string>>();
        for (var r = 0; r < 6; r++)
        {
            var answers = new Dictionary<string, string> { ["es1"] = Pick(random, 4), ["es2"] = Pick(random, 4), ["es3"] = Pick(random, 4) };
            eit1.Add(answers);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/public/surveys/{eitLink}/responses",
                SurveyFixtures.Answers(answers, $"phone-{r}"))).StatusCode);
        }
        // EIT part 2: three responses entered by the assessor, below its minimum of 20.
        await app.WithDbAsync(async db =>
        {
            var open = await db.AssessmentRounds.SingleAsync(x => x.Id == round.Id);
            return await SurveyResponses.EnterAsync(db, SurveyFixtures.Catalog, open,
                Enumerable.Range(0, 3).Select(_ => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?> { ["ep1"] = "4", ["ep2"] = "4", ["ep3"] = "3" }).ToList(),
                assessor, TimeProvider.System);
        });

        var close = await (await app.ApiClientAsync(coordinator)).PostAsync("/api/v1/agencies/tambon/assessments/2567/close", null);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var body = await ApiCalls.JsonOf(close);
        Assert.Equal("closed", body.GetProperty("status").GetString());
        Assert.Equal(7, body.GetProperty("responses").GetProperty("IIT").GetInt32());
        Assert.Equal(6, body.GetProperty("responses").GetProperty("EIT1").GetInt32());
        Assert.Equal(3, body.GetProperty("responses").GetProperty("EIT2").GetInt32());
        var instruments = body.GetProperty("result").GetProperty("instruments");

        // The independent computation: item = mean of its answers' scores; question = mean of its items; IIT = mean of
        // its five one-question indicators; EIT1 likewise over three.
        decimal Mean(IEnumerable<decimal> values) { var list = values.ToList(); return list.Sum() / list.Count; }
        decimal Item(List<Dictionary<string, string>> rows, string code, Func<int, decimal> score) => Mean(rows.Select(r => score(int.Parse(r[code], CultureInfo.InvariantCulture) - 1)));
        decimal FourOf(int index) => Four[index];
        decimal YesNoReversed(int index) => 100 - (index == 0 ? 100m : 0m);
        var i1 = (Item(iit, "i1.1", FourOf) + Item(iit, "i1.2", FourOf)) / 2;
        var expectedIit = Mean([i1, Item(iit, "i2", YesNoReversed), Item(iit, "i3", FourOf), Item(iit, "i4", FourOf), Item(iit, "i5", FourOf)]);
        var expectedEit1 = Mean([Item(eit1, "es1", FourOf), Item(eit1, "es2", FourOf), Item(eit1, "es3", FourOf)]);

        Assert.Equal(decimal.Round(expectedIit, 10), decimal.Round(instruments.GetProperty("IIT").GetProperty("score").GetDecimal(), 10));
        Assert.Equal(decimal.Round(expectedEit1, 10), decimal.Round(instruments.GetProperty("EIT1").GetProperty("score").GetDecimal(), 10));
        var eit2 = instruments.GetProperty("EIT2");
        Assert.False(eit2.GetProperty("scored").GetBoolean());
        Assert.Contains("20", eit2.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The agency's result of the year, marked as collected, read by the results API as any other.
        var stored = await app.WithDbAsync(db => db.Results.SingleAsync(r => r.FiscalYear == 2567));
        Assert.Equal(round.Id, stored.CollectedRoundId);
        var result = await ApiCalls.JsonOf(await (await app.ApiClientAsync(coordinator)).GetAsync("/api/v1/agencies/tambon/results/2567"));
        Assert.Equal(decimal.Round(expectedIit, 10), decimal.Round(result.GetProperty("scoreCard").GetProperty("instruments").GetProperty("IIT").GetProperty("score").GetDecimal(), 10));
        Assert.Equal(AssessmentStatus.Closed, await app.WithDbAsync(db => db.AssessmentRounds.Where(x => x.Id == round.Id).Select(x => x.Status).SingleAsync()));
        // The result page says where the figures came from, with the way back to the round.
        var page = System.Net.WebUtility.HtmlDecode(await (await app.SignedInAsync("coordinator")).GetStringAsync("/agencies/tambon/results/2567"));
        Assert.Contains("ผลนี้คำนวณจากคำตอบที่เก็บในรอบการประเมิน", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/agencies/tambon/assessments/2567\"", page, StringComparison.Ordinal);
        Assert.Contains("จากรอบการประเมิน", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_demo_year_is_scored_through_the_compiled_plan_and_matches_the_independent_computation(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        var coordinator = await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var round = await SurveyFixtures.OpenRoundAsync(app, "spm", 2564, SurveyFixtures.DemoQuestionnaire, 40, 60);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        var client = app.Client();
        var framework = (await app.WithDbAsync(db => Questionnaires.LoadAsync(db, SurveyFixtures.Catalog, round.QuestionnaireId!.Value, null))).Framework;
        var items = framework.Questions.Where(q => q.Instrument == Instrument.Iit).SelectMany(q => q.Items).ToList();
        var random = new Random(2564);
        var rows = new List<Dictionary<string, string>>();
        for (var r = 0; r < 6; r++)
        {
            var answers = items.ToDictionary(i => i.Code, i => Pick(random, i.Scale!.Answers.Count));
            rows.Add(answers);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers))).StatusCode);
        }

        var api = await app.ApiClientAsync(coordinator);
        var preview = (await ApiCalls.JsonOf(await api.GetAsync("/api/v1/agencies/spm/assessments/2564"))).GetProperty("preview");
        Assert.True(preview.GetProperty("compiled").GetBoolean());

        var close = await ApiCalls.JsonOf(await api.PostAsync("/api/v1/agencies/spm/assessments/2564/close", null));
        var result = close.GetProperty("result");

        // Independent: each item's score from its scale (reversed where the year says so), means upwards.
        decimal ItemScore(Core.Methodology.ScoredItem item) =>
            rows.Select(row => item.Scale!.Answers[int.Parse(row[item.Code], CultureInfo.InvariantCulture) - 1].Score)
                .Select(s => item.Reverse ? 100 - s : s).Sum() / rows.Count;
        var questions = framework.Questions.Where(q => q.Instrument == Instrument.Iit)
            .ToDictionary(q => q.Code, q => q.Items.Select(ItemScore).Sum() / q.Items.Count);
        var indicators = framework.Questions.Where(q => q.Instrument == Instrument.Iit).GroupBy(q => q.Indicator!.Value)
            .ToDictionary(g => g.Key, g => g.Select(q => questions[q.Code]).Sum() / g.Count());
        var expected = indicators.Values.Sum() / indicators.Count;

        Assert.Equal(decimal.Round(expected, 10), decimal.Round(result.GetProperty("instruments").GetProperty("IIT").GetProperty("score").GetDecimal(), 10));
        foreach (var (number, value) in indicators)
        {
            Assert.Equal(decimal.Round(value, 10), decimal.Round(result.GetProperty("indicators").GetProperty(number.ToString(CultureInfo.InvariantCulture)).GetProperty("score").GetDecimal(), 10));
        }
        var cardQuestions = result.GetProperty("questions");
        Assert.Equal(decimal.Round(questions["I1"], 10), decimal.Round(cardQuestions.GetProperty("I1").GetProperty("score").GetDecimal(), 10));
        Assert.Equal(decimal.Round(questions["I4"], 10), decimal.Round(cardQuestions.GetProperty("I4").GetProperty("score").GetDecimal(), 10));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_exclusion_needs_a_reason_is_audited_leaves_the_response_unchanged_and_drops_it_from_the_count(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("tambon");
        var round = await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 1, 6);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Iit);
        foreach (var value in new[] { "1", "4" })
        {
            var answers = new Dictionary<string, string> { ["i1.1"] = value, ["i1.2"] = value, ["i2"] = "2", ["i3"] = value, ["i4"] = value, ["i5"] = value };
            Assert.Equal(HttpStatusCode.Created, (await app.Client().PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers))).StatusCode);
        }
        var target = (await app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().ToListAsync())).Single(r => r.Answers[0] == 1);
        var before = target.Answers.ToArray();
        var admin = new Actor("admin-id", "ผู้ดูแลระบบ");

        var noReason = await Assert.ThrowsAsync<SurveyException>(() => app.WithDbAsync(async db =>
            await SurveyRounds.ExcludeAsync(db, await db.AssessmentRounds.SingleAsync(), target.Key, "  ", admin, TimeProvider.System)));
        Assert.Equal("reason", noReason.Field);

        await app.WithDbAsync(async db =>
            await SurveyRounds.ExcludeAsync(db, await db.AssessmentRounds.SingleAsync(), target.Key, "ตอบซ้ำจากเครื่องเดียวกันในการทดสอบระบบ", admin, TimeProvider.System));

        var after = await app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.Key == target.Key));
        Assert.Equal(before, after.Answers);
        var exclusion = await app.WithDbAsync(db => db.SurveyExclusions.SingleAsync());
        Assert.Equal("ตอบซ้ำจากเครื่องเดียวกันในการทดสอบระบบ", exclusion.Reason);
        Assert.Equal("admin-id", exclusion.ByUserId);
        var audit = await app.WithDbAsync(db => db.SurveyEvents.SingleAsync(e => e.Action == "excluded"));
        Assert.Equal("ผู้ดูแลระบบ", audit.UserName);
        Assert.Contains("ตอบซ้ำ", audit.Note, StringComparison.Ordinal);

        var twice = await Assert.ThrowsAsync<SurveyException>(() => app.WithDbAsync(async db =>
            await SurveyRounds.ExcludeAsync(db, await db.AssessmentRounds.SingleAsync(), target.Key, "อีกครั้ง", admin, TimeProvider.System)));
        Assert.Equal(409, twice.Status);

        var (progress, preview) = await app.WithDbAsync(async db =>
        {
            var open = await db.AssessmentRounds.SingleAsync();
            return (await SurveyRounds.ProgressAsync(db, SurveyFixtures.Catalog, open), await SurveyRounds.PreviewAsync(db, SurveyFixtures.Catalog, open));
        });
        Assert.Equal(1, progress.ResponsesOf(Instrument.Iit));
        Assert.Equal(1, progress.Excluded[Instrument.Iit]);
        // The one response left answered "4" (100) everywhere and "ไม่มี" to the reverse-scored i2 (100): IIT 100.
        Assert.Equal(100m, preview.Card.Instrument(Instrument.Iit)!.Score);
        // One response is below 5: its breakdown is not shown.
        Assert.DoesNotContain(preview.Card.Questions, q => q.Instrument == Instrument.Iit);
    }

    private static string Pick(Random random, int answers) => (random.Next(answers) + 1).ToString(CultureInfo.InvariantCulture);
}
