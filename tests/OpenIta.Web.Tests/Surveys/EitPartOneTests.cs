using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Surveys.OtpFixtures;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// EIT part 1 end to end through the real endpoints (issue 12, items 4 and 11): the questionnaire, a code, a ticket, a
/// response (201); the same phone again (409); two instances racing the same phone (one 201, one 409); and the brute
/// force of 10,000 guesses across phones and two instances, none accepted.
/// </summary>
public sealed class EitPartOneTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static async Task<Dictionary<string, string>> FirstOptionsAsync(HttpClient client, string link)
    {
        var survey = await JsonAsync(await client.GetAsync($"/api/v1/public/surveys/{link}"));
        return survey.GetProperty("questions").EnumerateArray().ToDictionary(
            q => q.GetProperty("code").GetString()!,
            q => q.GetProperty("options")[0].GetProperty("value").GetString()!);
    }

    private static async Task<string> TicketAsync(HttpClient client, string link, string sms, string phone)
    {
        using var asked = await AskAsync(client, link, phone);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using var verified = await VerifyAsync(client, link, phone, LastCode(sms, E164(phone)));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        return (await JsonAsync(verified)).GetProperty("ticket").GetString()!;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_verified_phone_answers_once_and_its_second_answer_is_a_409(DatabaseEngine engine)
    {
        var sms = NewSmsFile();
        var clock = new ManualClock();
        await using var app = await TestApp.StartAsync(engine, configure: TestHosting.With(clock, Settings(sms)));
        await app.AddAgencyAsync("eit-agency");
        var round = await SurveyFixtures.OpenRoundAsync(app, "eit-agency", 2567, SurveyFixtures.Fy2567, 100, 100);
        var link = await SurveyFixtures.LinkAsync(app, round.Id, Instrument.Eit1);
        var client = app.Client();
        var answers = await FirstOptionsAsync(client, link);

        // Without a ticket, or with a made-up one: 400 naming ticket.
        using (var none = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
            Assert.Equal("ticket", (await JsonAsync(none)).GetProperty("field").GetString());
        }
        using (var made = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, "t_madeup")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, made.StatusCode);
        }

        var ticket = await TicketAsync(client, link, sms, "0861234567");
        using (var created = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, ticket)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using (var reused = await client.PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, ticket)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode); // a ticket is single use
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, link, "+66 86 123 4567")).StatusCode);
        using var again = await VerifyAsync(client, link, "0861234567", LastCode(sms, "+66861234567"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("survey.phone-already-answered", (await JsonAsync(again)).GetProperty("code").GetString());

        var (responses, phones, tickets) = await app.WithDbAsync(async db =>
            (await db.SurveyResponses.CountAsync(), await db.SurveyPhoneKeys.CountAsync(), await db.OtpTickets.CountAsync()));
        Assert.Equal((1, 1, 0), (responses, phones, tickets));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Two_instances_racing_one_phone_store_one_response_and_answer_the_other_409(DatabaseEngine engine)
    {
        var sms = NewSmsFile();
        var clock = new ManualClock();
        var database = await TestDatabases.CreateAsync(engine);
        await using var one = await TestApp.StartAsync(engine, database, TestHosting.With(clock, Settings(sms)));
        await using var two = await TestApp.StartAsync(engine, database, TestHosting.With(clock, Settings(sms)));
        await one.AddAgencyAsync("eit-agency");
        var round = await SurveyFixtures.OpenRoundAsync(one, "eit-agency", 2567, SurveyFixtures.Fy2567, 100, 100);
        var link = await SurveyFixtures.LinkAsync(one, round.Id, Instrument.Eit1);
        var answers = await FirstOptionsAsync(one.Client(), link);

        // Ten rounds: each time two tickets of a new phone, sent at the same moment to the two instances.
        for (var n = 0; n < 10; n++)
        {
            var phone = Phone(1000 + n);
            var first = await TicketAsync(one.Client(), link, sms, phone);
            clock.Advance(TimeSpan.FromSeconds(61));
            var second = await TicketAsync(two.Client(), link, sms, phone);
            var posts = await Task.WhenAll(
                one.Client().PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, first)),
                two.Client().PostAsync($"/api/v1/public/surveys/{link}/responses", SurveyFixtures.Answers(answers, second)));
            var statuses = posts.Select(p => p.StatusCode).OrderBy(s => s).ToList();
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], statuses);
        }
        Assert.Equal((10, 10), await one.WithDbAsync(async db => (await db.SurveyResponses.CountAsync(), await db.SurveyPhoneKeys.CountAsync())));
    }

    /// <summary>
    /// 1,000 phones, each sent a code, then 10 guesses each — alternately on two instances of one database, 8 phones at
    /// a time: five wrong codes, then the right one, then four more wrong. Nothing is accepted: the right code comes
    /// after the fifth try, when the code is dead. (Guessing at random would find a code with 5 × 10⁻⁶ per phone; the
    /// right code among the guesses is what makes a broken limit fail this test every time.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Ten_thousand_guesses_across_phones_and_two_instances_accept_none(DatabaseEngine engine)
    {
        const int Phones = 1_000;
        const int GuessesPerPhone = 10;
        var sms = NewSmsFile();
        var database = await TestDatabases.CreateAsync(engine);
        var settings = Settings(sms, ("PerAddressPerHour", 1_000_000), ("MessagesPerHour", 1_000_000));
        // One clock for both instances, held still: on a loaded machine the 20,000 requests outlasted a code's five
        // minutes, and a guess at an expired code is "dead", not "wrong" (the counts below would then be the clock's).
        var clock = new ManualClock();
        await using var one = await TestApp.StartAsync(engine, database, TestHosting.With(clock, settings));
        await using var two = await TestApp.StartAsync(engine, database, TestHosting.With(clock, settings));
        var link = await OpenLinkAsync(one, "eit-agency");
        var instances = new[] { one.Client(), two.Client() };

        for (var p = 0; p < Phones; p++)
        {
            using var asked = await AskAsync(instances[p % 2], link, Phone(p), "198.18.0." + (p % 250).ToString(CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }
        var codes = File.ReadLines(sms).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[1][..6], StringComparer.Ordinal);
        Assert.Equal(Phones, codes.Count);

        var accepted = 0;
        var guesses = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Phones), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, _) =>
        {
            var phone = Phone(p);
            var right = int.Parse(codes[E164(phone)], CultureInfo.InvariantCulture);
            for (var g = 0; g < GuessesPerPhone; g++)
            {
                var guess = g == 5 ? right : (right + 1 + g * 7919) % 1_000_000;
                using var response = await VerifyAsync(instances[(p + g) % 2], link, phone, guess.ToString("D6", CultureInfo.InvariantCulture));
                Interlocked.Increment(ref guesses);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref accepted);
                }
                var code = response.StatusCode == HttpStatusCode.BadRequest ? (await JsonAsync(response)).GetProperty("code").GetString()! : response.StatusCode.ToString();
                statuses.AddOrUpdate(code, 1, (_, n) => n + 1);
            }
        });

        Assert.Equal(Phones * GuessesPerPhone, guesses);
        Assert.Equal(0, accepted);
        Assert.Equal(Phones * 4, statuses.GetValueOrDefault("otp.code-wrong"));        // tries 1–4
        Assert.Equal(Phones * 6, statuses.GetValueOrDefault("otp.code-dead"));         // the 5th wrong one, then all that follow
        Assert.Equal(0, await one.WithDbAsync(db => db.OtpTickets.CountAsync()));
        Assert.All(await one.WithDbAsync(db => db.OtpChallenges.Select(c => c.Attempts).ToListAsync()), a => Assert.Equal(5, a));
    }
}
