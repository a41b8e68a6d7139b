using OpenIta.Core.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Results;

/// <summary>
/// Enters or corrects an agency's result for a year: indicators, instruments, total and the figures as published.
/// The page shows the computed total and rating as one types (wwwroot/js/result-form.js asks POST /api/v1/score);
/// saving builds the same JSON on the server, scores it and stores it. Only the agency's coordinators and administrators.
/// </summary>
public sealed class EditModel(OpenItaDb db, AgencyLookup lookup, CurrentUser user, FrameworkCatalog catalog, TimeProvider clock) : PageModel
{
    public Agency Agency { get; private set; } = null!;
    public Framework Framework { get; private set; } = null!;
    public bool Exists { get; private set; }

    /// <summary>Set when the user may read the agency but not change its results: the page answers 403.</summary>
    public bool Denied { get; private set; }

    public IReadOnlyList<FormField> Fields { get; private set; } = [];
    public Dictionary<string, string> Values { get; private set; } = [];

    /// <summary>The stored input (or a new one), for the live preview to start from.</summary>
    public string BaseJson { get; private set; } = "{}";

    /// <summary>What the stored input holds beyond the form's fields, kept when saving.</summary>
    public List<string> KeptLevels { get; } = [];

    public ScoreInputException? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        var (outcome, stored) = await LoadAsync(slug, year, cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }
        Values = ResultForm.ValuesOf(stored, Fields);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, int year, CancellationToken cancellationToken)
    {
        var (outcome, stored) = await LoadAsync(slug, year, cancellationToken);
        if (outcome is not null)
        {
            return outcome;
        }
        var form = await Request.ReadFormAsync(cancellationToken);
        var sent = Fields.Where(f => form.ContainsKey(f.Path)).ToDictionary(f => f.Path, f => form[f.Path].ToString().Trim(), StringComparer.Ordinal);
        if (sent.Count == 0)
        {
            // A post without the form's fields (only the anti-forgery token, say) is a broken request, not "clear everything".
            Values = ResultForm.ValuesOf(stored, Fields);
            return Invalid(new ScoreInputException("input", Message.Of("form.fields-missing", "ไม่พบช่องกรอกของแบบฟอร์ม: โปรดเปิดแบบฟอร์มใหม่แล้วบันทึกอีกครั้ง", "the form's fields are missing: open the form again and save")));
        }
        var input = ResultForm.Apply(stored, year, Fields, path => sent.GetValueOrDefault(path));
        Values = ResultForm.ValuesOf(input, Fields);
        foreach (var (path, text) in sent)
        {
            Values[path] = text; // as typed, so that a refused value is shown for correction
        }
        if (!ResultForm.HasScores(input))
        {
            return Invalid(new ScoreInputException("input", Message.Of("form.no-scores",
                "กรอกคะแนนอย่างน้อยหนึ่งค่า: ตัวชี้วัด เครื่องมือ หรือคะแนนรวม (ตัวเลขที่เผยแพร่ใช้เพื่อเปรียบเทียบเท่านั้น)",
                "enter at least one score: indicators, instruments or the total (published figures are only compared)")));
        }
        try
        {
            await ResultStore.StageAsync(db, Agency, ResultForm.Write(input), user.Name, clock, catalog, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ScoreInputException e)
        {
            return Invalid(e);
        }
        catch (DbUpdateException)
        {
            // Two first saves of the same year at once: the unique (agency, year) index refuses the second.
            Error = new ScoreInputException("input", Message.Of("form.saved-at-once", "มีผู้อื่นบันทึกผลของปีนี้ในเวลาเดียวกัน: โปรดเปิดแบบฟอร์มใหม่แล้วตรวจสอบ", "someone saved this year's result at the same moment; open the form again and check"));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return Redirect($"/agencies/{Agency.Slug}/results/{Framework.Year}");
    }

    private PageResult Invalid(ScoreInputException error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<(IActionResult? Outcome, JsonObject Stored)> LoadAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found
            || year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe
            || catalog.Find(new FiscalYear(year)) is not { } framework)
        {
            return (NotFound(), []);
        }
        Agency = found.Agency;
        Framework = framework;
        if (!found.Permissions.CanEditResults(Agency))
        {
            Denied = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return (Page(), []);
        }
        Fields = ResultForm.Fields(framework);
        var inputJson = await db.Results.AsNoTracking()
            .Where(r => r.AgencyId == Agency.Id && r.FiscalYear == year)
            .Select(r => r.InputJson).SingleOrDefaultAsync(cancellationToken);
        Exists = inputJson is not null;
        JsonObject stored;
        try
        {
            stored = ResultForm.Parse(inputJson, year);
        }
        catch (JsonException)
        {
            stored = new JsonObject { ["fiscalYear"] = year }; // unreadable: the form starts again; the result page says so
        }
        BaseJson = stored.ToJsonString();
        string[] formLevels = ["fiscalYear", "indicators", "instruments", "total", "published"];
        KeptLevels.AddRange(stored.Select(p => p.Key).Where(k => !formLevels.Contains(k, StringComparer.Ordinal)));
        return (null, stored);
    }
}
