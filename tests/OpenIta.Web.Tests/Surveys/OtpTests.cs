using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Surveys.OtpFixtures;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// EIT part 1's phone verification through the real endpoints on both engines (issue 12, item 4): a code by SMS (the
/// file sink), at most 5 tries, 5 minutes, a single-use ticket, the resend limits and the gateway's spend counted in the
/// database, and the answers that name the field without repeating the phone.
/// </summary>
public sealed class OtpTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static async Task<(TestApp App, string Sms, ManualClock Clock)> StartAsync(DatabaseEngine engine, params (string, int)[] limits)
    {
        var sms = NewSmsFile();
        var clock = new ManualClock();
        var app = await TestApp.StartAsync(engine, configure: TestHosting.With(clock, Settings(sms, limits)));
        return (app, sms, clock);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_code_sent_by_sms_gives_a_single_use_ticket_and_a_wrong_one_is_a_400_naming_code(DatabaseEngine engine)
    {
        var (app, sms, _) = await StartAsync(engine);
        await using var _app = app;
        var link = await OpenLinkAsync(app, "eit-agency");
        var client = app.Client();

        using var asked = await AskAsync(client, link, "081-234-5678");
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var line = Assert.Single(File.ReadAllLines(sms));
        Assert.Matches(@"^\+66812345678\t\d{6} คือรหัส OTP", line);
        var code = LastCode(sms, "+66812345678");

        var wrong = code == "000000" ? "000001" : "000000";
        using var refused = await VerifyAsync(client, link, "+66 81 234 5678", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal("code", problem.GetProperty("field").GetString());
        Assert.Equal("otp.code-wrong", problem.GetProperty("code").GetString());
        Assert.Contains("ลองได้อีก 4 ครั้ง", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var verified = await VerifyAsync(client, link, "0812345678", code);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var ticket = (await JsonAsync(verified)).GetProperty("ticket").GetString();
        Assert.StartsWith("t_", ticket, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.OtpTickets.AsNoTracking().SingleAsync());
        Assert.Equal(OtpStore.TicketHash(ticket!), stored.Hash);
        Assert.Equal(link, stored.LinkToken);

        using var again = await VerifyAsync(client, link, "0812345678", code);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("otp.code-expired", (await JsonAsync(again)).GetProperty("code").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.OtpChallenges.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task After_five_wrong_tries_the_right_code_is_refused_and_after_five_minutes_any_code(DatabaseEngine engine)
    {
        var (app, sms, clock) = await StartAsync(engine);
        await using var _app = app;
        var link = await OpenLinkAsync(app, "eit-agency");
        var client = app.Client();

        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, link, "0912345678")).StatusCode);
        var code = LastCode(sms, "+66912345678");
        var wrong = Enumerable.Range(0, 6).Select(i => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await VerifyAsync(client, link, "0912345678", wrong[i])).StatusCode);
        }
        using var dead = await VerifyAsync(client, link, "0912345678", code);
        Assert.Equal(HttpStatusCode.BadRequest, dead.StatusCode);
        Assert.Equal("otp.code-dead", (await JsonAsync(dead)).GetProperty("code").GetString());

        // A new code, past its five minutes: refused, and so is the right one.
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, link, "0912345678")).StatusCode);
        var fresh = LastCode(sms, "+66912345678");
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var expired = await VerifyAsync(client, link, "0912345678", fresh);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal("otp.code-expired", (await JsonAsync(expired)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("13579", "phone")]
    [InlineData("0225550199", "phone")]   // a Bangkok landline
    [InlineData("+4479460001", "phone")]  // not Thai
    [InlineData("08199977755", "phone")]  // one digit too many
    public async Task A_number_that_is_not_a_thai_mobile_is_a_400_naming_phone_without_repeating_it(string phone, string field)
    {
        var (app, sms, _) = await StartAsync(DatabaseEngine.Sqlite);
        await using var _app = app;
        var link = await OpenLinkAsync(app, "eit-agency");
        using var response = await AskAsync(app.Client(), link, phone);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var problem = await JsonAsync(response);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith("หมายเลขโทรศัพท์: ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(phone.TrimStart('+'), text, StringComparison.Ordinal);
        Assert.False(File.Exists(sms));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_an_open_eit_part_1_link_takes_a_phone(DatabaseEngine engine)
    {
        var (app, sms, _) = await StartAsync(engine);
        await using var _app = app;
        var iit = await OpenLinkAsync(app, "iit-agency", Instrument.Iit);
        var eit = await OpenLinkAsync(app, "eit-agency");
        await app.WithDbAsync(async db => (await db.AssessmentRounds.SingleAsync(r => r.Agency!.Slug == "eit-agency")).Status = AssessmentStatus.Closed);
        var client = app.Client();
        foreach (var link in new[] { iit, eit, SurveyLinks.NewToken(), "not-a-link" })
        {
            using var asked = await AskAsync(client, link, "0812345678");
            Assert.Equal(HttpStatusCode.NotFound, asked.StatusCode);
            using var verify = await VerifyAsync(client, link, "0812345678", "123456");
            Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        }
        Assert.False(File.Exists(sms));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Codes_for_one_phone_are_limited_per_minute_and_per_hour_across_two_instances(DatabaseEngine engine)
    {
        var sms = NewSmsFile();
        var clock = new ManualClock();
        var database = await TestDatabases.CreateAsync(engine);
        await using var one = await TestApp.StartAsync(engine, database, TestHosting.With(clock, Settings(sms, ("PerPhonePerHour", 3))));
        await using var two = await TestApp.StartAsync(engine, database, TestHosting.With(clock, Settings(sms)));
        var link = await OpenLinkAsync(one, "eit-agency");
        var clients = new[] { one.Client(), two.Client() };

        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(clients[0], link, "0812345678", "10.0.0.1")).StatusCode);
        using var tooSoon = await AskAsync(clients[1], link, "0812345678", "10.0.0.2");
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.InRange(int.Parse(tooSoon.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("otp.limit-phone", (await JsonAsync(tooSoon)).GetProperty("code").GetString());
        // Another phone from the same address is not held by this phone's limit.
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(clients[1], link, "0899999999", "10.0.0.2")).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(clients[1], link, "0812345678", "10.0.0.3")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(clients[0], link, "0812345678", "10.0.0.4")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(61));
        using var fourth = await AskAsync(clients[0], link, "0812345678", "10.0.0.5");
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode); // the first instance's limit: 3 an hour, counted on both
        Assert.InRange(int.Parse(fourth.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 3000, 3600);
        Assert.Equal(4, File.ReadAllLines(sms).Length);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task One_client_address_may_ask_for_so_many_codes_an_hour(DatabaseEngine engine)
    {
        var (app, sms, _) = await StartAsync(engine, ("PerAddressPerHour", 3));
        await using var _app = app;
        var link = await OpenLinkAsync(app, "eit-agency");
        var client = app.Client();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, link, Phone(i), "192.0.2.7")).StatusCode);
        }
        using var limited = await AskAsync(client, link, Phone(3), "192.0.2.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal("otp.limit-address", (await JsonAsync(limited)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, link, Phone(3), "192.0.2.8")).StatusCode);
        Assert.Equal(4, File.ReadAllLines(sms).Length);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_gateway_spend_breaker_opens_for_every_instance_with_a_503_and_a_security_event(DatabaseEngine engine)
    {
        var sms = NewSmsFile();
        var clock = new ManualClock();
        var logs = new CapturedLogs();
        var database = await TestDatabases.CreateAsync(engine);
        void Both(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            TestHosting.With(clock, Settings(sms, ("MessagesPerHour", 4)))(builder);
            logs.Into()(builder);
        }
        await using var one = await TestApp.StartAsync(engine, database, Both);
        await using var two = await TestApp.StartAsync(engine, database, Both);
        var link = await OpenLinkAsync(one, "eit-agency");
        for (var i = 0; i < 4; i++)
        {
            var client = (i % 2 == 0 ? one : two).Client();
            using var asked = await AskAsync(client, link, Phone(i), $"198.51.100.{i}");
            Assert.True(asked.StatusCode == HttpStatusCode.Accepted, await asked.Content.ReadAsStringAsync());
        }
        foreach (var (app, n) in new[] { (one, 8), (two, 9) })
        {
            using var open = await AskAsync(app.Client(), link, Phone(n), "203.0.113.9");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, open.StatusCode);
            Assert.True(open.Headers.Contains("Retry-After"));
            Assert.Equal("otp.sms-budget", (await JsonAsync(open)).GetProperty("code").GetString());
        }
        Assert.Equal(4, File.ReadAllLines(sms).Length);
        Assert.Single(logs.Lines, l => l.Contains("[1042 SmsSpendBreakerOpened]", StringComparison.Ordinal));

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(two.Client(), link, Phone(9), "203.0.113.9")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_phone_that_answered_gets_a_409_at_verification_and_two_tickets_racing_store_only_one(DatabaseEngine engine)
    {
        var (app, sms, clock) = await StartAsync(engine);
        await using var _app = app;
        var link = await OpenLinkAsync(app, "eit-agency");
        var client = app.Client();
        var (agencyId, year) = await app.WithDbAsync(async db =>
        {
            var round = await db.AssessmentRounds.SingleAsync();
            return (round.AgencyId, round.FiscalYear);
        });

        async Task<string> TicketAsync()
        {
            Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, link, "0812345678")).StatusCode);
            using var verified = await VerifyAsync(client, link, "0812345678", LastCode(sms, "+66812345678"));
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            clock.Advance(TimeSpan.FromSeconds(61));
            return (await JsonAsync(verified)).GetProperty("ticket").GetString()!;
        }
        var first = await TicketAsync();
        var second = await TicketAsync();

        // Two instances redeem the two tickets of one phone at the same moment: both pass the check, one save wins.
        await using var scopeA = app.Services.CreateAsyncScope();
        await using var scopeB = app.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<OpenItaDb>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<OpenItaDb>();
        var tickets = app.Services.GetRequiredService<ISurveyTickets>();
        await tickets.RedeemAsync(dbA, agencyId, year, link, first, CancellationToken.None);
        await tickets.RedeemAsync(dbB, agencyId, year, link, second, CancellationToken.None);
        await dbA.SaveChangesAsync();
        var failed = await Assert.ThrowsAnyAsync<DbUpdateException>(() => dbB.SaveChangesAsync());
        Assert.Equal(SurveyTicketException.AlreadyAnswered, OtpTickets.Refusal(failed)?.Code);
        Assert.Equal(1, await app.WithDbAsync(db => db.SurveyPhoneKeys.CountAsync()));

        // The same ticket twice: the second is refused.
        await using var scopeC = app.Services.CreateAsyncScope();
        var again = await Assert.ThrowsAsync<SurveyTicketException>(() =>
            tickets.RedeemAsync(scopeC.ServiceProvider.GetRequiredService<OpenItaDb>(), agencyId, year, link, first, CancellationToken.None));
        Assert.Equal(SurveyTicketException.Invalid, again.Code);

        // The phone verifies again: 409, and no ticket.
        Assert.Equal(HttpStatusCode.Accepted, (await AskAsync(client, link, "0812345678")).StatusCode);
        using var answered = await VerifyAsync(client, link, "0812345678", LastCode(sms, "+66812345678"));
        Assert.Equal(HttpStatusCode.Conflict, answered.StatusCode);
        Assert.Equal("survey.phone-already-answered", (await JsonAsync(answered)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task On_sqlite_the_phone_keys_and_the_responses_have_no_rowid_that_orders_them()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        var sql = await app.WithDbAsync(db => db.Database.SqlQuery<string>(
            $"SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name IN ('survey_phone_keys', 'survey_responses')").ToListAsync());
        Assert.Equal(2, sql.Count);
        Assert.All(sql, s => Assert.EndsWith("WITHOUT ROWID", s.Trim(), StringComparison.Ordinal));
    }
}
