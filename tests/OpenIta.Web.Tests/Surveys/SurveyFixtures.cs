using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Demo;
using OpenIta.Data.Surveys;
using OpenIta.Web.Tests.Infrastructure;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>Questionnaires and rounds the surveys' tests share.</summary>
internal static class SurveyFixtures
{
    public static FrameworkCatalog Catalog => FrameworkCatalog.BuiltIn;

    /// <summary>
    /// A small FY2567 questionnaire (FY2567 has the minimum-sample rule and the two EIT parts; its texts are not public,
    /// so a test defines its own): IIT i1–i5 (one per indicator 1–5, i1 with two sub-items), EIT1 es1–es3 and EIT2
    /// ep1–ep3 (one per indicator 6–8); a four-level scale and a yes/no reverse-scored item (i2).
    /// </summary>
    public static string Fy2567 { get; } = Build();

    private static string Build()
    {
        var yaml = new StringBuilder("""
            fiscalYear: 2567
            note: "แบบสอบถามทดสอบ"
            answerScales:
              - code: four
                status: inferred
                answers:
                  - { label: น้อยที่สุด, score: 0 }
                  - { label: น้อย, score: 33 }
                  - { label: มาก, score: 67 }
                  - { label: มากที่สุด, score: 100 }
              - code: yesno
                status: inferred
                answers:
                  - { label: มี, score: 100 }
                  - { label: ไม่มี, score: 0 }
            questions:
              - code: i1
                instrument: IIT
                indicator: 1
                textTh: "ข้อหนึ่ง"
                subItems:
                  - { code: i1.1, textTh: "ข้อย่อยหนึ่ง", scale: four }
                  - { code: i1.2, textTh: "ข้อย่อยสอง", scale: four }
              - { code: i2, instrument: IIT, indicator: 2, textTh: "ข้อสอง", scale: yesno, reverse: true }

            """);
        for (var n = 3; n <= 5; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ code: i{n}, instrument: IIT, indicator: {n}, textTh: \"ข้อ {n}\", scale: four }}\n");
        }
        for (var n = 1; n <= 3; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ code: es{n}, instrument: EIT1, indicator: {n + 5}, textTh: \"ภายนอก {n}\", scale: four }}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ code: ep{n}, instrument: EIT2, indicator: {n + 5}, textTh: \"ผู้ประเมิน {n}\", scale: four }}\n");
        }
        return yaml.ToString();
    }

    public static Actor Admin { get; } = new(null, "test");

    /// <summary>An open round of <paramref name="slug"/> in <paramref name="year"/> (its questionnaire added first).</summary>
    public static async Task<AssessmentRound> OpenRoundAsync(TestApp app, string slug, int year, string questionnaire, int internalPeople, int externalPeople)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var agency = await db.Agencies.SingleAsync(a => a.Slug == slug);
        await Questionnaires.AddAsync(db, Catalog, year, questionnaire, "test", "test", clock);
        await SurveyRounds.RegisterAsync(db, Catalog, agency, year, internalPeople, externalPeople, null, null, null, Admin, clock);
        return await SurveyRounds.OpenAsync(db, Catalog, agency, year, null, Admin, clock);
    }

    public static Task<string> LinkAsync(TestApp app, int roundId, Instrument instrument) =>
        app.WithDbAsync(db => db.SurveyLinks.Where(l => l.RoundId == roundId && l.Instrument == instrument && l.RevokedAtUnixMs == null)
            .Select(l => l.Token).SingleAsync());

    public static string DemoQuestionnaire => DemoSurveys.QuestionnaireYaml();

    public static StringContent Answers(IReadOnlyDictionary<string, string> answers, string? ticket = null)
    {
        var body = new Dictionary<string, object> { ["answers"] = answers };
        if (ticket is not null)
        {
            body["ticket"] = ticket;
        }
        return new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
    }
}

/// <summary>
/// Tickets as the <c>otp</c> branch will give them, for the tests of this branch only: a ticket "phone-N" is valid once
/// per link, and a phone that already answered for the agency and year is refused. The real service (OTP, the keyed
/// hash of the phone, its unique index) is built and tested on the otp branch; this one only lets the EIT part 1 path
/// of the responses endpoint run here.
/// </summary>
internal sealed class TestTickets : ISurveyTickets
{
    private readonly HashSet<string> _answered = [];

    public Task RedeemAsync(OpenItaDb db, int agencyId, int fiscalYear, string linkToken, string ticket, CancellationToken cancellationToken)
    {
        if (!ticket.StartsWith("phone-", StringComparison.Ordinal))
        {
            throw new SurveyTicketException(SurveyTicketException.Invalid, Message.Of("otp.ticket-invalid", "รหัสยืนยันไม่ถูกต้อง", "the ticket is not valid"));
        }
        lock (_answered)
        {
            if (!_answered.Add($"{agencyId}:{fiscalYear}:{ticket}"))
            {
                throw new SurveyTicketException(SurveyTicketException.AlreadyAnswered, Message.Of("otp.phone-already-answered",
                    "หมายเลขนี้ตอบแบบวัดของหน่วยงานนี้ในปีนี้แล้ว", "this phone has already answered for this agency and year"));
            }
        }
        return Task.CompletedTask;
    }
}
