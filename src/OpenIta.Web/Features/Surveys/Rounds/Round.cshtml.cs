using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Sampling;
using OpenIta.Core.Scoring;
using OpenIta.Core.Surveys;
using OpenIta.Core.Surveys.Signals;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Data.Surveys;
using OpenIta.Data.Surveys.Signals;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Surveys.Rounds;

/// <summary>
/// An agency's assessment round of one year (<c>/agencies/{slug}/assessments/{year}</c>, issue 12, item 1): registration
/// (internal and external stakeholders) and the minimum samples; the responses per instrument against them, refreshed
/// live (wwwroot/js/round-live.js reads the assessment API); a preview of the score from the raw answers; the links with
/// their QR codes and the poster; opening and closing, each confirmed. The agency's users, oversight, assessors and
/// administrators read it; the coordinator (and administrators) change it. Assessors and oversight also see the signals
/// per instrument (<see cref="SurveySignals"/>); nothing of an instrument's answers is shown below
/// <see cref="SurveyPrivacy.MinimumResponses"/> responses but its count.
/// </summary>
public sealed class RoundModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, TimeProvider clock, CurrentUser user,
    IConfiguration configuration, Lang lang) : PageModel
{
    /// <summary>One instrument's line: its minimum (or why unknown), the responses that count, excluded ones.</summary>
    public sealed record Line(Instrument Instrument, int? Minimum, string? Unknown, int Responses, int Excluded, InstrumentScore? Score)
    {
        public bool Reached => Minimum is { } m && Responses >= m;

        public bool ShowsBreakdown => SurveyPrivacy.ShowsBreakdown(Responses);
    }

    /// <summary>A public link as the coordinator hands it out.</summary>
    public sealed record LinkView(Instrument Instrument, string Url);

    /// <summary>The signals of one instrument.</summary>
    public sealed record SignalsView(Instrument Instrument, IReadOnlyList<Signal> Signals);

    public Agency Agency { get; private set; } = null!;
    public int Year { get; private set; }
    public AssessmentRound? Round { get; private set; }
    public bool CanManage { get; private set; }
    public bool SeesSignals { get; private set; }
    public bool CanEnterEit2 { get; private set; }
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public IReadOnlyList<LinkView> Links { get; private set; } = [];
    public ScoreCard? Preview { get; private set; }
    public Message? PreviewError { get; private set; }
    public IReadOnlyList<SignalsView> Signals { get; private set; } = [];
    public int? CollectedResultYear { get; private set; }

    /// <summary>What went wrong with the last form (the service's message, in the reader's language), and its field.</summary>
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    /// <summary>Set when closing is asked without the browser's confirmation: the page asks itself.</summary>
    public bool AskClose { get; private set; }

    public string? Done { get; private set; }

    /// <summary>How often the page reads the counts again (<c>Surveys:LiveSeconds</c>, 15 by default).</summary>
    public int LiveSeconds => configuration.GetValue<int?>("Surveys:LiveSeconds") is > 0 and var s ? s : 15;

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        Done = Request.Query["done"].FirstOrDefault();
        await DescribeAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRegisterAsync(string slug, int year, string? internalStakeholders, string? externalStakeholders,
        int? version, CancellationToken cancellationToken) =>
        ChangeAsync(slug, year, "registered", async actor =>
        {
            var inside = People(internalStakeholders, "internalStakeholders");
            var outside = People(externalStakeholders, "externalStakeholders");
            await SurveyRounds.RegisterAsync(db, catalog, Agency, Year, inside, outside, null, null, version, actor, clock, cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostOpenAsync(string slug, int year, int? version, CancellationToken cancellationToken) =>
        ChangeAsync(slug, year, "opened", actor => SurveyRounds.OpenAsync(db, catalog, Agency, Year, version, actor, clock, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostCloseAsync(string slug, int year, int? version, string? confirmed, CancellationToken cancellationToken)
    {
        if (!string.Equals(confirmed, "yes", StringComparison.Ordinal))
        {
            // Without the script's confirm(), the page asks on its own (the same question, a second POST).
            if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
            {
                return outcome;
            }
            if (!CanManage)
            {
                return Forbid403();
            }
            AskClose = true;
            await DescribeAsync(cancellationToken);
            return Page();
        }
        return await ChangeAsync(slug, year, "closed", actor => SurveyRounds.CloseAsync(db, catalog, Agency, Year, version, actor, clock, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(string slug, int year, string done, Func<Actor, Task> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        if (!CanManage)
        {
            return Forbid403();
        }
        try
        {
            await change(new Actor(user.Id, user.Name));
        }
        catch (SurveyException e)
        {
            db.ChangeTracker.Clear();
            Error = lang.Of(e.Detail);
            ErrorField = e.Field;
            Response.StatusCode = e.Status;
            await DescribeAsync(cancellationToken);
            return Page();
        }
        return Redirect($"/agencies/{Agency.Slug}/assessments/{Year}?done={done}");
    }

    /// <summary>A reader who may not change the round: 403 (the error pages say it in Thai).</summary>
    private StatusCodeResult Forbid403() => StatusCode(StatusCodes.Status403Forbidden);

    /// <summary>A number of people as typed (digits, commas allowed); empty is "not given".</summary>
    private int? People(string? text, string field)
    {
        var trimmed = (text ?? "").Replace(",", "", StringComparison.Ordinal).Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        throw new SurveyException(field, Message.Of("survey.people-number", "\"{value}\" ไม่ใช่จำนวนคน (จำนวนเต็มไม่ติดลบ)",
            "\"{value}\" is not a number of people (a whole number, not negative)", ("value", trimmed)));
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found || catalog.Find(new FiscalYear(year)) is null)
        {
            return NotFound();
        }
        Agency = found.Agency;
        Year = year;
        var permissions = found.Permissions;
        CanManage = permissions.CanEditResults(Agency);
        CanEnterEit2 = permissions.IsAssessorOf(Agency, year);
        SeesSignals = CanEnterEit2 || permissions.CanOversee(Agency) || permissions.IsAdministrator;
        return null;
    }

    private async Task DescribeAsync(CancellationToken cancellationToken)
    {
        Round = await SurveyRounds.FindAsync(db, Agency.Id, Year, cancellationToken);
        var framework = catalog.Get(new FiscalYear(Year));
        if (Round is null)
        {
            Lines = [.. MinimumSamples.Compute(framework, null, null).Select(m => new Line(m.Instrument, null, m.Unknown, 0, 0, null))];
            return;
        }
        var progress = await SurveyRounds.ProgressAsync(db, catalog, Round, cancellationToken);
        if (Round.QuestionnaireId is not null)
        {
            try
            {
                Preview = (await SurveyRounds.PreviewAsync(db, catalog, Round, cancellationToken)).Card;
            }
            catch (SurveyException e)
            {
                PreviewError = e.Detail;
            }
            catch (ScoreInputException e)
            {
                PreviewError = e.Describe();
            }
        }
        Lines = [.. progress.Minimums.Select(m => new Line(m.Instrument, m.Minimum, m.Unknown, progress.ResponsesOf(m.Instrument),
            progress.Excluded.GetValueOrDefault(m.Instrument), Preview?.Instruments.FirstOrDefault(i => i.Instrument == m.Instrument)))];
        Links = [.. progress.Links.OrderBy(l => l.Instrument).Select(l => new LinkView(l.Instrument, SurveyUrls.Public(Request, configuration, l.Token)))];
        if (Round.Status == AssessmentStatus.Closed)
        {
            CollectedResultYear = await db.Results.AsNoTracking().AnyAsync(r => r.CollectedRoundId == Round.Id, cancellationToken) ? Year : null;
        }
        if (SeesSignals && Round.QuestionnaireId is { } questionnaireId)
        {
            Signals = await SignalsAsync(questionnaireId, cancellationToken);
        }
    }

    /// <summary>The signals of each instrument with enough responses to show anything (exclusions left out).</summary>
    private async Task<IReadOnlyList<SignalsView>> SignalsAsync(int questionnaireId, CancellationToken cancellationToken)
    {
        var questionnaire = await Questionnaires.LoadAsync(db, catalog, questionnaireId, null, cancellationToken);
        var views = new List<SignalsView>();
        foreach (var line in Lines.Where(l => l.ShowsBreakdown && questionnaire.Asks(l.Instrument)))
        {
            var answers = await db.SurveyResponses.AsNoTracking()
                .Where(r => r.RoundId == Round!.Id && r.Instrument == line.Instrument && r.QuestionnaireId == questionnaireId
                    && !db.SurveyExclusions.Any(e => e.ResponseKey == r.Key))
                .Select(r => r.Answers).ToListAsync(cancellationToken);
            var matrix = questionnaire.Matrix(line.Instrument, answers);
            var hours = SurveyRounds.IsPublic(line.Instrument) ? await SurveyHourCounts.ReadAsync(db, Round!.Id, line.Instrument, cancellationToken) : null;
            var peers = line.Score?.Score is not null ? await PeerScoresAsync(line.Instrument, cancellationToken) : null;
            views.Add(new SignalsView(line.Instrument, SurveySignals.All(matrix, hours, line.Score?.Score, peers)));
        }
        return views;
    }

    /// <summary>The same instrument's scores of the agency's siblings (the agencies under its parent) in the year.</summary>
    private async Task<IReadOnlyList<decimal>> PeerScoresAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        if (Agency.ParentId is not { } parent)
        {
            return [];
        }
        var code = instrument.Code();
        var exact = await db.ResultScores.AsNoTracking()
            .Where(s => s.Level == ScoreLevel.Instrument && s.Code == code)
            .Join(db.Results.Where(r => r.FiscalYear == Year && r.AgencyId != Agency.Id && r.Agency!.ParentId == parent),
                s => s.ResultId, r => r.Id, (s, _) => s.Exact)
            .ToListAsync(cancellationToken);
        return [.. exact.Select(e => decimal.Parse(e, System.Globalization.CultureInfo.InvariantCulture))];
    }

    public string InstrumentName(Instrument instrument) => instrument switch
    {
        Instrument.Iit => lang.T("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "Internal Integrity and Transparency Assessment (IIT)"),
        Instrument.Eit => lang.T("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", "External Integrity and Transparency Assessment (EIT)"),
        Instrument.Eit1 => lang.T("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก ส่วนที่ 1 (EIT)", "External assessment, part 1 (EIT1)"),
        Instrument.Eit2 => lang.T("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก ส่วนที่ 2 (EIT)", "External assessment, part 2 (EIT2)"),
        _ => lang.T("แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)", "Open Integrity and Transparency Assessment (OIT)"),
    };

    public string StatusName => Round?.Status switch
    {
        null => lang.T("ยังไม่ลงทะเบียน", "Not registered"),
        AssessmentStatus.Registration => lang.T("ลงทะเบียนแล้ว ยังไม่เปิดรับคำตอบ", "Registered, not open yet"),
        AssessmentStatus.Open => lang.T("เปิดรับคำตอบ", "Open for answers"),
        _ => lang.T("ปิดการประเมินแล้ว", "Closed"),
    };
}
