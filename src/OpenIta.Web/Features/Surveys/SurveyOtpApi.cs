using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Web.Features.Api;
using OpenIta.Web.Infrastructure.Sms;

namespace OpenIta.Web.Features.Surveys;

/// <summary>
/// EIT part 1's phone verification on the public survey API (no sign-in; issue 12, items 4 and 9):
/// <c>POST /api/v1/public/surveys/{link}/otp</c> <c>{"phone"}</c> → 202, a code is on its way;
/// <c>POST /api/v1/public/surveys/{link}/verify</c> <c>{"phone", "code"}</c> → <c>{"ticket"}</c>, which the response
/// (<c>POST …/responses</c>) carries once. Only an open EIT part 1 link (EIT up to FY2565) takes them; any other link is
/// 404, as an unknown one. No answer, problem or log line repeats the phone number.
/// </summary>
public static class SurveyOtpApi
{
    private const long BodyLimit = 4 * 1024;

    public sealed record OtpRequest(string? Phone);

    public sealed record VerifyRequest(string? Phone, string? Code);

    public sealed record TicketAnswer(string Ticket);

    /// <summary>The SMS gateway, the OTP limits and keys, and the tickets' redemption.</summary>
    public static IServiceCollection AddSurveyOtp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOpenItaSms(configuration);
        services.Configure<SurveyOtpOptions>(configuration.GetSection(SurveyOtpOptions.Section));
        services.AddSingleton<SurveyOtpKeys>();
        services.AddScoped<SurveyOtp>();
        return services;
    }

    public static void MapSurveyOtp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var link = app.MapGroup("/api/v1/public/surveys/{link}").AllowAnonymous().WithTags("Public surveys");
        link.MapPost("/otp", SendAsync)
            .WithName("SurveyOtp")
            .WithSummary("Send a one-time code to a phone (EIT part 1)")
            .WithDescription("No sign-in. `{\"phone\": \"0812345678\"}` (a Thai mobile number: 0XXXXXXXXX or +66…) → 202: a " +
                "6-digit code is sent by SMS, valid 5 minutes, at most 5 tries. Only an open EIT part 1 link takes it (404 " +
                "otherwise). 400 naming `phone`; 429 with `Retry-After` when the phone or the client asked too often; 503 " +
                "with `Retry-After` when the SMS budget of the hour is spent, or no SMS gateway is configured.")
            .Accepts<OtpRequest>(ApiBody.JsonContentType)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        link.MapPost("/verify", VerifyAsync)
            .WithName("SurveyOtpVerify")
            .WithSummary("Verify the code and get a ticket (EIT part 1)")
            .WithDescription("No sign-in. `{\"phone\", \"code\"}` → `{\"ticket\"}`: single use, valid for an hour, for one " +
                "response through this link (`POST …/responses` with `\"ticket\"`). A wrong, expired or used-up code is a 400 " +
                "naming `code`; after 5 tries the code is dead (ask for a new one). 409 when the phone has already answered " +
                "this agency's survey this year.")
            .Accepts<VerifyRequest>(ApiBody.JsonContentType)
            .Produces<TicketAnswer>(StatusCodes.Status200OK, ApiBody.JsonContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> SendAsync(string link, HttpContext http, OpenItaDb db, TimeProvider clock, SurveyOtp otp,
        CancellationToken cancellationToken)
    {
        var target = await OtpLinkAsync(db, link, clock, cancellationToken);
        if (target is null)
        {
            return NoLink();
        }
        var body = await ApiBody.ReadAsync<OtpRequest>(http.Request, BodyLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        if (!ThaiMobileNumber.TryParse(body.Value!.Phone, out var phone))
        {
            return NotAPhone();
        }
        switch (await otp.SendAsync(target, phone, http.Connection.RemoteIpAddress, cancellationToken))
        {
            case OtpSend.Sent:
                return TypedResults.Accepted((string?)null);
            case OtpSend.Limited limited:
                return WithRetryAfter(http, limited.RetryAfter, ApiProblems.Of(StatusCodes.Status429TooManyRequests, limited.Limit == "address"
                    ? Message.Of("otp.limit-address", "มีการขอรหัส OTP จากเครือข่ายนี้มากเกินไป กรุณารอแล้วลองใหม่",
                        "Too many codes were asked for from this network: wait and try again.")
                    : Message.Of("otp.limit-phone", "ขอรหัส OTP ให้หมายเลขนี้บ่อยเกินไป กรุณารอแล้วลองใหม่",
                        "Codes were asked for this number too often: wait and try again.")));
            case OtpSend.BreakerOpen breaker:
                return WithRetryAfter(http, breaker.RetryAfter, ApiProblems.Of(StatusCodes.Status503ServiceUnavailable,
                    Message.Of("otp.sms-budget", "ระบบส่ง SMS ถึงจำนวนสูงสุดของชั่วโมงนี้แล้ว กรุณาลองใหม่ภายหลัง",
                        "The SMS budget of this hour is spent: try again later.")));
            default:
                return ApiProblems.Of(StatusCodes.Status503ServiceUnavailable,
                    Message.Of("otp.unavailable", "ส่งรหัส OTP ไม่ได้ในขณะนี้ กรุณาลองใหม่ภายหลัง", "The code cannot be sent now: try again later."));
        }
    }

    private static async Task<IResult> VerifyAsync(string link, HttpContext http, OpenItaDb db, TimeProvider clock, SurveyOtp otp,
        CancellationToken cancellationToken)
    {
        var target = await OtpLinkAsync(db, link, clock, cancellationToken);
        if (target is null)
        {
            return NoLink();
        }
        var body = await ApiBody.ReadAsync<VerifyRequest>(http.Request, BodyLimit, cancellationToken);
        if (body.Problem is not null)
        {
            return body.Problem;
        }
        if (!ThaiMobileNumber.TryParse(body.Value!.Phone, out var phone))
        {
            return NotAPhone();
        }
        var code = body.Value.Code?.Trim() ?? "";
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return ApiProblems.Invalid("code", CodeLabel, Message.Of("otp.code-form", "ต้องเป็นตัวเลข 6 หลัก", "must be 6 digits"));
        }
        return await otp.VerifyAsync(target, phone, code, http.Connection.RemoteIpAddress, cancellationToken) switch
        {
            OtpVerify.Verified verified => TypedResults.Ok(new TicketAnswer(verified.Ticket)),
            OtpVerify.AlreadyAnswered => ApiProblems.Conflict(OtpTickets.PhoneAnswered),
            OtpVerify.Refused { Why: OtpTry.Wrong, TriesLeft: > 0 } wrong => ApiProblems.Invalid("code", CodeLabel, Message.Of("otp.code-wrong",
                "รหัสไม่ถูกต้อง (ลองได้อีก {left} ครั้ง)", "wrong code ({left} tries left)", ("left", wrong.TriesLeft))),
            OtpVerify.Refused { Why: OtpTry.Wrong or OtpTry.Dead } => ApiProblems.Invalid("code", CodeLabel, Message.Of("otp.code-dead",
                "ใส่รหัสผิดครบ 5 ครั้งแล้ว รหัสนี้ใช้ไม่ได้อีก กรุณาขอรหัสใหม่", "wrong 5 times: this code is dead; ask for a new one")),
            OtpVerify.Refused => ApiProblems.Invalid("code", CodeLabel, Message.Of("otp.code-expired",
                "รหัสหมดอายุหรือยังไม่ได้ขอรหัส กรุณาขอรหัสใหม่", "the code has expired or was not asked for: ask for a new one")),
            _ => ApiProblems.Of(StatusCodes.Status503ServiceUnavailable,
                Message.Of("otp.unavailable", "ส่งรหัส OTP ไม่ได้ในขณะนี้ กรุณาลองใหม่ภายหลัง", "The code cannot be sent now: try again later.")),
        };
    }

    /// <summary>An open EIT part 1 link (EIT up to FY2565, answered by service users themselves), or null.</summary>
    private static async Task<OtpLink?> OtpLinkAsync(OpenItaDb db, string link, TimeProvider clock, CancellationToken cancellationToken)
    {
        var target = await SurveyLinks.ResolveAsync(db, link, clock, cancellationToken);
        return target is { IsOpen: true, NeedsTicket: true }
            ? new OtpLink(target.Token, target.AgencyId, target.FiscalYear)
            : null;
    }

    private static readonly Message CodeLabel = Message.Of("field.otp-code", "รหัส OTP", "OTP code");

    private static ProblemHttpResult NoLink() => ApiProblems.NotFound(Message.Of("survey.otp-link-not-found",
        "ไม่พบแบบสอบถามที่ยืนยันด้วยหมายเลขโทรศัพท์ตามลิงก์นี้ หรือแบบสอบถามปิดแล้ว",
        "No survey with phone verification at this link, or it is closed."));

    private static ProblemHttpResult NotAPhone() => ApiProblems.Invalid("phone",
        Message.Of("field.phone", "หมายเลขโทรศัพท์", "Phone number"),
        Message.Of("otp.phone", "ต้องเป็นหมายเลขโทรศัพท์มือถือของไทย เช่น 0812345678 หรือ +66812345678",
            "must be a Thai mobile number, such as 0812345678 or +66812345678"));

    private static IResult WithRetryAfter(HttpContext http, TimeSpan retryAfter, ProblemHttpResult problem)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return problem;
    }
}
