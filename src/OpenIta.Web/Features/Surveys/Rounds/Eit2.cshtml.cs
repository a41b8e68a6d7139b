using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Surveys;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Surveys.Rounds;

/// <summary>
/// EIT part 2 entry (<c>/agencies/{slug}/assessments/{year}/eit2</c>, issue 12, item 5): an assessor of the agency's group
/// and year (<see cref="Data.Users.Permissions.IsAssessorOf"/>) enters the answers collected from key stakeholders, a batch
/// of responses per form. The whole batch is checked before any is kept (<see cref="SurveyResponses.EnterAsync"/>); each
/// response records the assessor who entered it, never the respondent. An empty row is skipped. The same batch may come
/// as a workbook (<see cref="Eit2Sheet"/>): <c>?handler=template</c> downloads the questionnaire's, <c>?handler=file</c>
/// takes a filled one (read with the imports' limits by <see cref="Upload"/>, which checks the anti-forgery token after
/// the size: hence no automatic check on this page, and the form's handler checks its token itself).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed partial class Eit2Model(
    OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, TimeProvider clock, CurrentUser user, Lang lang, IAntiforgery antiforgery) : PageModel
{
    private Questionnaire _questionnaire = null!;
    private AssessmentRound _round = null!;

    public const int DefaultRows = 5;
    public const int MaxRows = 50;

    public Agency Agency { get; private set; } = null!;
    public int Year { get; private set; }
    public IReadOnlyList<ScoredItem> Items { get; private set; } = [];
    public int Rows { get; private set; } = DefaultRows;
    public int EnteredByMe { get; private set; }
    public int Saved { get; private set; }
    public string? Error { get; private set; }

    /// <summary>What is wrong with an uploaded workbook: each mistake with its sheet, row and column.</summary>
    public IReadOnlyList<Message> FileErrors { get; private set; } = [];

    /// <summary>The name of the uploaded workbook, shown with its mistakes.</summary>
    public string? FileName { get; private set; }

    /// <summary>The row (0-based) and item code of the error, to mark the field.</summary>
    public (int Row, string Code)? ErrorAt { get; private set; }

    /// <summary>What was typed, kept when the batch is refused.</summary>
    public IReadOnlyDictionary<string, string> Typed { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string slug, int year, int? rows, int? saved, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        Rows = Math.Clamp(rows ?? DefaultRows, 1, MaxRows);
        Saved = saved ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int year, int? rows, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        Rows = Math.Clamp(rows ?? DefaultRows, 1, MaxRows);
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Refused(lang.Of(FormExpired), null);
        }
        var typed = Request.Form.Where(f => CellName().IsMatch(f.Key)).ToDictionary(f => f.Key, f => f.Value.ToString().Trim(), StringComparer.Ordinal);
        Typed = typed;
        var batch = new List<IReadOnlyDictionary<string, string?>>();
        var rowOfBatch = new List<int>();
        for (var r = 0; r < Rows; r++)
        {
            var answers = Items.Select(i => (i.Code, Value: typed.GetValueOrDefault(Cell(r, i.Code), "")))
                .Where(a => a.Value.Length > 0).ToDictionary(a => a.Code, a => (string?)a.Value, StringComparer.OrdinalIgnoreCase);
            if (answers.Count > 0)
            {
                batch.Add(answers);
                rowOfBatch.Add(r);
            }
        }
        if (batch.Count == 0)
        {
            return Refused(lang.T("ยังไม่ได้กรอกคำตอบ", "No answers were entered."), null);
        }
        try
        {
            await SurveyResponses.EnterAsync(db, catalog, _round, batch, user.Id!, clock, cancellationToken);
        }
        catch (SurveyAnswerException e)
        {
            // "responses[2].answers.E1" → the third response that has answers, item E1.
            var match = FieldOf().Match(e.Field);
            (int, string)? at = match.Success
                ? (rowOfBatch[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)], match.Groups[2].Value)
                : null;
            var where = at is { } a ? lang.T($"ชุดที่ {a.Item1 + 1} ข้อ {a.Item2}: ", $"Response {a.Item1 + 1}, {a.Item2}: ") : "";
            return Refused(where + lang.Of(e.Reason), at);
        }
        catch (SurveyException e)
        {
            return Refused(lang.Of(e.Detail), null, e.Status);
        }
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/agencies/{Agency.Slug}/assessments/{Year}/eit2?saved={batch.Count}&rows={Rows}"));
    }

    /// <summary>The workbook of the round's questionnaire to fill offline.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        return File(Eit2Sheet.Template(_questionnaire), Sheets.XlsxContentType, Eit2Sheet.FileName(Agency.Slug, Year));
    }

    /// <summary>
    /// A filled workbook: binds nothing (a bound parameter would read the form before its size is checked); every row is
    /// checked, then all are stored at once, or none.
    /// </summary>
    public async Task<IActionResult> OnPostFileAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var slug = RouteData.Values["slug"] as string ?? "";
        var year = int.TryParse(RouteData.Values["year"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        var upload = await Upload.ReadAsync(Request, antiforgery, cancellationToken);
        FileName = upload.FileName;
        if (!upload.Succeeded)
        {
            return FileRefused([Message.Of("eit2.upload", upload.Error!.Thai, upload.Error.English)], upload.Status);
        }
        IReadOnlyList<IReadOnlyDictionary<string, string?>> batch;
        try
        {
            batch = Eit2Sheet.Read(upload.Content!, _questionnaire);
        }
        catch (SheetException e)
        {
            return FileRefused([Message.Of("eit2.file", Located(e.Error, english: false), Located(e.Error, english: true))]);
        }
        catch (Eit2SheetException e)
        {
            return FileRefused(e.Errors.Select(x => x.Message).ToList());
        }
        try
        {
            await SurveyResponses.EnterAsync(db, catalog, _round, batch, user.Id!, clock, cancellationToken);
        }
        catch (SurveyAnswerException e)
        {
            // Eit2Sheet.Read has checked every row with the same rule: this is only the rule's own message.
            return FileRefused([e.Reason]);
        }
        catch (SurveyException e)
        {
            return FileRefused([e.Detail], e.Status);
        }
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/agencies/{Agency.Slug}/assessments/{Year}/eit2?saved={batch.Count}"));
    }

    private static Message FormExpired { get; } = Message.Of("eit2.form-expired",
        "แบบฟอร์มหมดอายุ กรุณาเปิดหน้านี้ใหม่แล้วส่งอีกครั้ง", "The form has expired: open the page again and send it again.");

    private static string Located(ImportError error, bool english) =>
        (error.Where(english), english ? error.English : error.Thai) is var (where, text) && where.Length > 0 ? where + ": " + text : text;

    private IActionResult FileRefused(IReadOnlyList<Message> errors, int status = StatusCodes.Status400BadRequest)
    {
        FileErrors = errors;
        Response.StatusCode = status;
        return Page();
    }

    private IActionResult Refused(string message, (int, string)? at, int status = StatusCodes.Status400BadRequest)
    {
        Error = message;
        ErrorAt = at;
        Response.StatusCode = status;
        return Page();
    }

    public static string Cell(int row, string code) => string.Create(CultureInfo.InvariantCulture, $"r{row}.{code}");

    public string Value(int row, string code) => Typed.GetValueOrDefault(Cell(row, code), "");

    private async Task<IActionResult?> LoadAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Agency = found.Agency;
        Year = year;
        if (!found.Permissions.IsAssessorOf(Agency, year))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var round = await SurveyRounds.FindAsync(db, Agency.Id, year, cancellationToken);
        if (round?.QuestionnaireId is not { } questionnaireId)
        {
            return NotFound();
        }
        _round = round;
        _questionnaire = await Questionnaires.LoadAsync(db, catalog, questionnaireId, null, cancellationToken);
        Items = _questionnaire.Columns(Instrument.Eit2);
        if (Items.Count == 0)
        {
            return NotFound();
        }
        var me = user.Id;
        EnteredByMe = await db.SurveyResponses.AsNoTracking().CountAsync(r => r.RoundId == round.Id && r.Instrument == Instrument.Eit2 && r.EnteredBy == me, cancellationToken);
        return null;
    }

    [GeneratedRegex(@"^r\d{1,2}\.[A-Za-z0-9_.\-]{1,40}$")]
    private static partial Regex CellName();

    [GeneratedRegex(@"^responses\[(\d+)\]\.answers\.(.+)$")]
    private static partial Regex FieldOf();
}
