using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Import;

/// <summary>
/// /import: the results template of a year for download, and the upload that imports a filled one.
/// The upload handler binds nothing (no [BindProperty], no parameters), so that nothing reads the request body before
/// <see cref="Upload.ReadAsync"/> has checked its size; the anti-forgery token is checked there.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(
    OpenItaDb db, CurrentUser user, FrameworkCatalog catalog, TimeProvider clock, IAntiforgery antiforgery, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<int> Years { get; private set; } = [];
    public int SelectedYear { get; private set; }
    public int EditableCount { get; private set; }
    public string? FileName { get; private set; }
    public ResultImportReport? Report { get; private set; }
    public FrameworkCatalog Catalog => catalog;

    public async Task OnGetAsync(int? year)
    {
        await LoadAsync(year, HttpContext.RequestAborted);
    }

    /// <summary>/import/template?year=2567&amp;format=xlsx&amp;detail=true</summary>
    public async Task<IActionResult> OnGetTemplateAsync(int? year, string? format, bool detail)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var framework = year is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe ? catalog.Find(new FiscalYear(year.Value)) : null;
        framework ??= catalog.All.Last();
        var permissions = await user.PermissionsAsync(cancellationToken);
        var agencies = await Editable(permissions).OrderBy(a => a.Slug).ToListAsync(cancellationToken);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(ResultTemplate.Csv(framework, agencies, detail), Sheets.CsvContentType, ResultTemplate.FileName(framework, "csv"))
            : File(ResultTemplate.Xlsx(framework, agencies, detail), Sheets.XlsxContentType, ResultTemplate.FileName(framework, "xlsx"));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        await LoadAsync(null, cancellationToken);
        var permissions = await user.PermissionsAsync(cancellationToken);
        if (!ResultImporter.MayImport(permissions))
        {
            Report = ResultImportReport.Failed(ResultImporter.NotAllowed);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        var upload = await Upload.ReadAsync(Request, antiforgery, cancellationToken);
        FileName = upload.FileName;
        if (!upload.Succeeded)
        {
            Report = ResultImportReport.Failed(upload.Error!);
            Response.StatusCode = upload.Status;
            return Page();
        }
        try
        {
            var sheet = Sheets.Read(upload.Content!, ResultColumns.Agency);
            Report = await ResultImporter.ImportAsync(db, permissions, user.Name, clock, catalog, sheet, logger, cancellationToken);
        }
        catch (SheetException e)
        {
            Report = ResultImportReport.Failed(e.Error);
        }
        if (!Report.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        Years = catalog.All.Select(f => f.Year.BuddhistEra).OrderDescending().ToList();
        SelectedYear = year is { } y && Years.Contains(y) ? y : Years[0];
        var permissions = await user.PermissionsAsync(cancellationToken);
        EditableCount = await Editable(permissions).CountAsync(cancellationToken);
    }

    /// <summary>The agencies whose results the user may import: a coordinator's agencies, or every one for an administrator.</summary>
    private IQueryable<Agency> Editable(Permissions permissions)
    {
        if (permissions.IsAdministrator)
        {
            return db.Agencies.AsNoTracking();
        }
        var ids = permissions.Grants.Where(g => g.Role == Role.Coordinator).Select(g => g.AgencyId).Distinct().ToList();
        return db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id));
    }
}
