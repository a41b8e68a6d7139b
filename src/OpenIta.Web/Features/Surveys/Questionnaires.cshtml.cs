using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Surveys;

/// <summary>
/// /admin/questionnaires: administrators see each fiscal year's questionnaire versions, download one (YAML or XLSX; the
/// year's framework file when it has none yet), edit it and upload it again: checked, and kept as a new version (a
/// version is never changed; rounds keep the version they opened with). Others get 403.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class QuestionnairesModel(OpenItaDb db, CurrentUser user, IAntiforgery antiforgery, FrameworkCatalog catalog, TimeProvider clock) : PageModel
{
    public bool Forbidden { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public int Year { get; private set; }
    public IReadOnlyList<QuestionnaireVersion> Versions { get; private set; } = [];
    public IReadOnlyDictionary<int, int> RoundsByVersion { get; private set; } = new Dictionary<int, int>();
    public IReadOnlyList<QuestionnaireProblem> Problems { get; private set; } = [];
    public QuestionnaireVersion? Added { get; private set; }

    /// <summary>The upload was the newest version's questionnaire: <see cref="Added"/> is that version, nothing was saved.</summary>
    public bool Unchanged { get; private set; }
    public string? FileName { get; private set; }

    public async Task OnGetAsync(int? year) => await LoadAsync(year);

    /// <summary>/admin/questionnaires/download?year=2564&amp;format=xlsx[&amp;version=2]: a version, or the year's framework file's.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(int year, string? format, int? version)
    {
        if (await ForbiddenAsync())
        {
            return Page();
        }
        if (catalog.Find(new FiscalYear(Math.Clamp(year, FiscalYear.MinimumBe, FiscalYear.MaximumBe))) is null)
        {
            return NotFound();
        }
        if (await Questionnaires.ForDownloadAsync(db, catalog, year, version, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }
        var (definition, number) = found;
        return string.Equals(format, "yaml", StringComparison.OrdinalIgnoreCase)
            ? File(QuestionnaireFiles.Yaml(definition), QuestionnaireFiles.YamlContentType, QuestionnaireFiles.FileName(year, number, "yaml"))
            : File(QuestionnaireFiles.Xlsx(definition), Sheets.XlsxContentType, QuestionnaireFiles.FileName(year, number, "xlsx"));
    }

    /// <summary>The upload: binds nothing (a bound parameter would read the form first), the year comes from the query.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var year = int.TryParse(Request.Query["year"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : 0;
        if (await ForbiddenAsync())
        {
            return Page();
        }
        if (year < FiscalYear.MinimumBe || year > FiscalYear.MaximumBe || catalog.Find(new FiscalYear(year)) is null)
        {
            Problems = [new QuestionnaireProblem(null, null, null, Message.Of("questionnaire.year",
                "ไม่มีปีงบประมาณนี้ในระบบ: เลือกปีจากรายการ", "There is no such fiscal year: choose a year from the list."))];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(null);
            return Page();
        }
        var cancellationToken = HttpContext.RequestAborted;
        var upload = await Upload.ReadAsync(Request, antiforgery, cancellationToken);
        FileName = upload.FileName;
        if (!upload.Succeeded)
        {
            Problems = [new QuestionnaireProblem(null, null, null, Message.Of("questionnaire.upload", upload.Error!.Thai, upload.Error.English))];
            Response.StatusCode = upload.Status;
        }
        else if (QuestionnaireFiles.Read(upload.Content!, year, catalog, out var problems) is { } definition)
        {
            var newest = await Questionnaires.NewestAsync(db, year, cancellationToken);
            Added = await Questionnaires.AddAsync(db, catalog, year, definition, upload.FileName, user.Name, clock, cancellationToken);
            Unchanged = Added.Number == newest?.Number;
        }
        else
        {
            Problems = problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(year);
        return Page();
    }

    private async Task LoadAsync(int? year)
    {
        if (await ForbiddenAsync())
        {
            return;
        }
        Years = catalog.All.Select(f => f.Year.BuddhistEra).ToList();
        Year = year is { } y && Years.Contains(y) ? y : Years[^1];
        Versions = await Questionnaires.VersionsAsync(db, Year, HttpContext.RequestAborted);
        RoundsByVersion = await db.AssessmentRounds.AsNoTracking().Where(r => r.FiscalYear == Year && r.QuestionnaireId != null)
            .GroupBy(r => r.QuestionnaireId!.Value).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
    }

    private async Task<bool> ForbiddenAsync()
    {
        if ((await user.PermissionsAsync(HttpContext.RequestAborted)).IsAdministrator)
        {
            return false;
        }
        Forbidden = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return true;
    }
}
