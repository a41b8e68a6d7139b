using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Data.Surveys;
using OpenIta.Web.Features.Api;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Surveys;

/// <summary>
/// The surveys' JSON API (issue 12, item 9), used by the survey pages and by offline collection tools:
/// <list type="bullet">
/// <item><c>GET /api/v1/public/surveys/{link}</c> and <c>POST …/{link}/responses</c>: anonymous, limited per client
/// address; an unknown, revoked or closed link is a 404 (the same answer for all three).</item>
/// <item><c>GET /api/v1/agencies/{slug}/assessments/{year}</c>: the round's status, links, minimums, counts and result,
/// for the agency's own users, oversight of its groups, its assessors of the year and administrators (404 to anyone
/// else); <c>POST …/close</c>: API token only, the agency's coordinators and administrators.</item>
/// </list>
/// </summary>
public static class SurveysApi
{
    /// <summary>The body of a response: a ticket (EIT part 1) and the answers; small.</summary>
    public const long ResponseLimit = 64 * 1024;

    public static IServiceCollection AddSurveys(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SurveyLimitOptions>(configuration.GetSection(SurveyLimitOptions.Section));
        services.AddScoped<SurveyLimits>();
        return services;
    }

    public static void MapSurveysApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var surveys = app.MapGroup("/api/v1/public/surveys/{link}").AllowAnonymous().WithTags("Surveys");
        surveys.MapGet("", GetSurveyAsync)
            .WithName("GetSurvey")
            .WithSummary("The questionnaire of a public survey link")
            .WithDescription("Anonymous. The agency, fiscal year and instrument of the link and its questions in order: each " +
                "scored item (a question, or a sub-item with its `parent`) with its `options` (`value` to send, `text`). " +
                "`needsTicket`: EIT part 1 needs a verified phone's ticket (OTP). 404 for an unknown or closed link; 429 " +
                "with Retry-After past the per-address limit.")
            .Produces<SurveyView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        surveys.MapPost("/responses", PostResponseAsync)
            .WithName("PostSurveyResponse")
            .WithSummary("Send one anonymous response")
            .WithDescription("Anonymous. Body `{\"ticket\"?: \"…\", \"answers\": {\"<question or sub-item code>\": \"<option value>\"}}`. " +
                "Every item is required. Stored with no identity, address, time or order (a random key, the day only). " +
                "400 naming the field (`answers.I1.1`, `ticket`): an unknown code, an option not offered, a missing " +
                "answer; 404 unknown or closed link; 409 the phone already answered; 429 with Retry-After.")
            .Accepts<ResponseBody>(ApiBody.JsonContentType)
            .Produces<Received>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var assessments = app.MapGroup("/api/v1/agencies/{slug}/assessments/{year:int}")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("Assessments");
        assessments.MapGet("", GetAssessmentAsync)
            .WithName("GetAssessment")
            .WithSummary("An agency's assessment round of one fiscal year")
            .WithDescription("Status (registration, open, closed), the public links per instrument, the minimum samples, the " +
                "responses per instrument (exclusions left out) and, once closed, the result. The agency's coordinators " +
                "and administrators also get `preview`: the score of the answers so far. For the agency's own users, " +
                "oversight of its groups, its assessors of the year and administrators; 404 to anyone else.")
            .Produces<JsonElement>(StatusCodes.Status200OK, ApiBody.JsonContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        assessments.MapGroup("").RequireAuthorization(ApiEndpoints.TokenOnlyPolicy).MapPost("/close", CloseAsync)
            .WithName("CloseAssessment")
            .WithSummary("Close the round and score it")
            .WithDescription("API token only; the agency's coordinators and administrators. Scores the raw answers " +
                "(instruments below their minimum are not scored, with the reason) and makes the score the agency's " +
                "result of the year, marked as collected. Answers the round as GET does, with `result`.")
            .Produces<JsonElement>(StatusCodes.Status200OK, ApiBody.JsonContentType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>A public link's questionnaire.</summary>
    public sealed record SurveyView(
        string Agency, string AgencySlug, int FiscalYear, string Instrument, string InstrumentName, bool NeedsTicket,
        string? Notice, DateOnly? ClosesOn, IReadOnlyList<SurveyQuestion> Questions);

    /// <summary>One answerable item: a question without sub-items, or a sub-item (with its question as <c>parent</c>).</summary>
    public sealed record SurveyQuestion(
        string Code, string Text, string? TextEn, int? Indicator, bool Required, string? Parent, string? ParentText,
        IReadOnlyList<SurveyOption> Options);

    public sealed record SurveyOption(string Value, string Text);

    /// <summary>The body of a response (for the OpenAPI document; read by hand so that every error names its field).</summary>
    public sealed record ResponseBody(string? Ticket, IReadOnlyDictionary<string, string> Answers);

    public sealed record Received(string Status, DateOnly Day);

    private static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> GetSurveyAsync(
        string link, HttpContext context, OpenItaDb db, FrameworkCatalog catalog, SurveyLimits limits, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await limits.ReadAsync(context.Connection.RemoteIpAddress, cancellationToken) is { } wait)
        {
            return TooMany(context, wait);
        }
        var target = await SurveyLinks.ResolveAsync(db, link, clock, cancellationToken);
        if (target is not { IsOpen: true, QuestionnaireId: { } questionnaireId })
        {
            return Problem(SurveyResponses.LinkNotFound());
        }
        var questionnaire = await Questionnaires.LoadAsync(db, catalog, questionnaireId, target.QuestionnaireSha256, cancellationToken);
        var definition = questionnaire.Framework.FindInstrument(target.Instrument);
        var questions = new List<SurveyQuestion>();
        foreach (var question in questionnaire.Questions(target.Instrument))
        {
            foreach (var item in question.Items)
            {
                var options = item.Scale!.Answers.Select((a, i) => new SurveyOption(Questionnaire.ValueOf(i), a.Label)).ToList();
                questions.Add(question.HasSubItems
                    ? new SurveyQuestion(item.Code, item.TextTh ?? item.Code, item.TextEn, question.Indicator, true, question.Code, question.TextTh, options)
                    : new SurveyQuestion(item.Code, question.TextTh ?? item.Code, question.TextEn, question.Indicator, true, null, null, options));
            }
        }
        var notice = await db.Questionnaires.AsNoTracking().Where(q => q.Id == questionnaireId).Select(q => q.Note).SingleOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new SurveyView(target.AgencyName, target.AgencySlug, target.FiscalYear, target.Instrument.Code(),
            definition?.NameTh ?? target.Instrument.Code(), target.NeedsTicket, notice, target.ClosesOn, questions));
    }

    private static async Task<Results<Created<Received>, ProblemHttpResult>> PostResponseAsync(
        string link, HttpContext context, OpenItaDb db, FrameworkCatalog catalog, SurveyLimits limits, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // Reads and checks first (the link, the body, the answers): nothing is written until the one transaction of
        // SubmitAsync, which counts the address's limit, stores the response and counts the hour together.
        var target = await SurveyLinks.ResolveAsync(db, link, clock, cancellationToken);
        if (target is not { IsOpen: true, QuestionnaireId: { } questionnaireId })
        {
            return Problem(SurveyResponses.LinkNotFound());
        }
        var body = await ApiBody.ReadTextAsync(context.Request, ResponseLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        string? ticket;
        Dictionary<string, string?> answers;
        try
        {
            (ticket, answers) = ReadResponse(body.Value!);
        }
        catch (SurveyException e)
        {
            return Problem(e);
        }
        var questionnaire = await Questionnaires.LoadAsync(db, catalog, questionnaireId, target.QuestionnaireSha256, cancellationToken);
        var tickets = context.RequestServices.GetService<ISurveyTickets>();
        try
        {
            var submitted = await SurveyResponses.SubmitAsync(db, questionnaire, target, answers, ticket, tickets,
                limits.Responses(context.Connection.RemoteIpAddress), clock, cancellationToken);
            if (submitted.RetryAfter is { } wait)
            {
                return TooMany(context, wait);
            }
        }
        catch (SurveyAnswerException e)
        {
            return ApiProblems.Invalid(e.Field, e.Reason);
        }
        catch (SurveyException e)
        {
            return Problem(e);
        }
        catch (SurveyTicketException e)
        {
            return e.Code == SurveyTicketException.AlreadyAnswered
                ? ApiProblems.Conflict(e.Detail)
                : ApiProblems.Invalid("ticket", e.Detail);
        }
        return TypedResults.Created((string?)null, new Received("received", OpenIta.Reports.Thai.ThaiTime.Today(clock)));
    }

    /// <summary>Reads <c>{"ticket"?, "answers": {code: value}}</c>; every mistake names its field.</summary>
    private static (string? Ticket, Dictionary<string, string?> Answers) ReadResponse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new SurveyException("input", Message.Of("body.not-json", "ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง", "the body is not valid JSON"));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SurveyException("input", Message.Of("input.object", "ต้องเป็นออบเจกต์ JSON", "must be a JSON object"));
            }
            string? ticket = null;
            Dictionary<string, string?>? answers = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "ticket":
                        ticket = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => property.Value.GetString(),
                            JsonValueKind.Null => null,
                            _ => throw new SurveyException("ticket", Message.Of("survey.ticket-text", "ต้องเป็นข้อความ", "must be a string")),
                        };
                        break;
                    case "answers":
                        if (property.Value.ValueKind != JsonValueKind.Object)
                        {
                            throw new SurveyException("answers", Message.Of("survey.answers-object",
                                "ต้องเป็นออบเจกต์ของรหัสข้อคำถามและค่าตัวเลือก", "must be an object of question code → option value"));
                        }
                        answers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                        foreach (var answer in property.Value.EnumerateObject())
                        {
                            var value = answer.Value.ValueKind switch
                            {
                                JsonValueKind.String => answer.Value.GetString(),
                                JsonValueKind.Number => answer.Value.GetRawText(),
                                _ => throw new SurveyException("answers." + answer.Name, Message.Of("survey.answer-text",
                                    "ค่าตัวเลือกต้องเป็นข้อความหรือตัวเลข", "an option value is a string or a number")),
                            };
                            if (!answers.TryAdd(answer.Name, value))
                            {
                                throw new SurveyException("answers." + answer.Name, ScoreErrors.GivenTwice());
                            }
                        }
                        break;
                    default:
                        throw new SurveyException(property.Name, Message.Of("input.unknown-field",
                            "ไม่รู้จักช่องข้อมูลนี้: ส่งได้เฉพาะ ticket และ answers", "unknown field: send only ticket and answers"));
                }
            }
            return answers is null
                ? throw new SurveyException("answers", Message.Of("survey.answers-required", "ต้องส่งคำตอบ", "is required"))
                : (ticket, answers);
        }
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAssessmentAsync(
        string slug, int year, OpenItaDb db, CurrentUser user, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        var permissions = await user.PermissionsAsync(cancellationToken);
        if (agency is null || !permissions.CanSeeAssessment(agency, year))
        {
            return ApiProblems.NoAgency(slug);
        }
        var round = await SurveyRounds.FindAsync(db, agency.Id, year, cancellationToken);
        if (round is null)
        {
            return NoRound(slug, year);
        }
        RoundScore? preview = null;
        if (round.Status == AssessmentStatus.Open && permissions.CanRunAssessment(agency))
        {
            preview = await SurveyRounds.PreviewAsync(db, catalog, round, cancellationToken);
        }
        return TypedResults.Text(await AssessmentJsonAsync(db, catalog, round, preview, cancellationToken), ApiBody.JsonContentType, Encoding.UTF8);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CloseAsync(
        string slug, int year, OpenItaDb db, CurrentUser user, FrameworkCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        var permissions = await user.PermissionsAsync(cancellationToken);
        if (agency is null || !permissions.CanSeeAssessment(agency, year))
        {
            return ApiProblems.NoAgency(slug);
        }
        if (!permissions.CanRunAssessment(agency))
        {
            return ApiProblems.Forbidden(Message.Of("survey.close-forbidden",
                "เฉพาะผู้ประสานงานของหน่วยงานและผู้ดูแลระบบปิดการประเมินได้", "Only the agency's coordinators and administrators close its round."));
        }
        try
        {
            var (round, _, _) = await SurveyRounds.CloseAsync(db, catalog, agency, year, null, new Actor(user.Id, user.Name), clock, cancellationToken);
            return TypedResults.Text(await AssessmentJsonAsync(db, catalog, round, null, cancellationToken), ApiBody.JsonContentType, Encoding.UTF8);
        }
        catch (SurveyException e)
        {
            return Problem(e);
        }
        catch (ScoreInputException e)
        {
            return ApiProblems.Conflict(e.Describe());
        }
    }

    /// <summary>The round as the API answers it (GET and close).</summary>
    private static async Task<string> AssessmentJsonAsync(OpenItaDb db, FrameworkCatalog catalog, AssessmentRound round, RoundScore? preview, CancellationToken cancellationToken)
    {
        var progress = await SurveyRounds.ProgressAsync(db, catalog, round, cancellationToken);
        var questionnaireNumber = round.QuestionnaireId is { } id
            ? await db.Questionnaires.AsNoTracking().Where(q => q.Id == id).Select(q => (int?)q.Number).SingleOrDefaultAsync(cancellationToken)
            : null;
        var result = await db.Results.AsNoTracking()
            .Where(r => r.AgencyId == round.AgencyId && r.FiscalYear == round.FiscalYear && r.CollectedRoundId == round.Id)
            .Select(r => r.InputJson).SingleOrDefaultAsync(cancellationToken);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("fiscalYear", round.FiscalYear);
            json.WriteString("status", round.Status.ToString().ToLowerInvariant());
            json.WriteNumber("version", round.Version);
            Number(json, "internalStakeholders", round.InternalStakeholders);
            Number(json, "externalStakeholders", round.ExternalStakeholders);
            Date(json, "opensOn", round.OpensOn);
            Date(json, "closesOn", round.ClosesOn);
            Number(json, "questionnaireVersion", questionnaireNumber);
            json.WriteStartObject("links");
            foreach (var link in progress.Links.OrderBy(l => l.Instrument))
            {
                json.WriteString(link.Instrument.Code(), link.Token);
            }
            json.WriteEndObject();
            json.WriteStartObject("minimums");
            foreach (var minimum in progress.Minimums)
            {
                Number(json, minimum.Instrument.Code(), minimum.Minimum, writeNull: true);
            }
            json.WriteEndObject();
            json.WriteStartObject("minimumsUnknown");
            foreach (var minimum in progress.Minimums.Where(m => m.Unknown is not null))
            {
                json.WriteString(minimum.Instrument.Code(), minimum.Unknown);
            }
            json.WriteEndObject();
            json.WriteStartObject("responses");
            foreach (var instrument in progress.Minimums.Select(m => m.Instrument).Union(progress.Responses.Keys))
            {
                json.WriteNumber(instrument.Code(), progress.ResponsesOf(instrument));
            }
            json.WriteEndObject();
            json.WriteStartObject("excluded");
            foreach (var (instrument, count) in progress.Excluded)
            {
                json.WriteNumber(instrument.Code(), count);
            }
            json.WriteEndObject();
            json.WritePropertyName("result");
            if (result is null)
            {
                json.WriteNullValue();
            }
            else
            {
                var (_, card, ignored) = ResultStore.Score(result, catalog);
                json.WriteRawValue(ScoreCardWriter.Write(card, ignored));
            }
            if (preview is not null)
            {
                json.WritePropertyName("preview");
                json.WriteStartObject();
                json.WriteBoolean("compiled", preview.Compiled);
                json.WritePropertyName("card");
                json.WriteRawValue(ScoreCardWriter.Write(preview.Card, []));
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Number(Utf8JsonWriter json, string name, int? value, bool writeNull = false)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else if (writeNull)
        {
            json.WriteNull(name);
        }
    }

    private static void Date(Utf8JsonWriter json, string name, DateOnly? value)
    {
        if (value is { } d)
        {
            json.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static ProblemHttpResult Problem(SurveyException e) => e.Status switch
    {
        StatusCodes.Status400BadRequest => ApiProblems.Invalid(e.Field, e.Detail),
        _ => ApiProblems.Of(e.Status, e.Detail),
    };

    private static ProblemHttpResult NoRound(string slug, int year) => ApiProblems.NotFound(Message.Of("survey.no-round",
        "หน่วยงาน \"{slug}\" ยังไม่ได้ลงทะเบียนการประเมินปีงบประมาณ พ.ศ. {year}", "Agency '{slug}' has not registered for FY{year}.",
        ("slug", slug), ("year", year)));

    private static ProblemHttpResult TooMany(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Of(StatusCodes.Status429TooManyRequests, Message.Of("survey.too-many",
            "มีคำขอจากที่อยู่นี้มากเกินไป กรุณารอ {seconds} วินาทีแล้วลองอีกครั้ง", "Too many requests from this address; retry after {seconds} s.",
            ("seconds", seconds)));
    }
}
