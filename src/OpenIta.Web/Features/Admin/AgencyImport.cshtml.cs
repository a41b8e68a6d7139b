using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Admin;

/// <summary>
/// /admin/agencies/import: administrators import agencies from CSV or XLSX and download the current list as the
/// template. Others get 403. Like /import, the upload binds nothing so that its size is checked before it is read.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class AgencyImportModel(OpenItaDb db, CurrentUser user, IAntiforgery antiforgery) : PageModel
{
    public bool Forbidden { get; private set; }
    public int AgencyCount { get; private set; }
    public string? FileName { get; private set; }
    public AgencyImportReport? Report { get; private set; }

    public async Task OnGetAsync()
    {
        if (await ForbiddenAsync())
        {
            return;
        }
        AgencyCount = await db.Agencies.CountAsync(HttpContext.RequestAborted);
    }

    /// <summary>/admin/agencies/import/template?format=xlsx: every agency, ready to edit and import back.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string? format)
    {
        if (await ForbiddenAsync())
        {
            return Page();
        }
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Path).ThenBy(a => a.Slug).ToListAsync(HttpContext.RequestAborted);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(AgencyTemplate.Csv(agencies), Sheets.CsvContentType, "openita-agencies.csv")
            : File(AgencyTemplate.Xlsx(agencies), Sheets.XlsxContentType, "openita-agencies.xlsx");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ForbiddenAsync())
        {
            return Page();
        }
        var cancellationToken = HttpContext.RequestAborted;
        var upload = await Upload.ReadAsync(Request, antiforgery, cancellationToken);
        FileName = upload.FileName;
        if (!upload.Succeeded)
        {
            Report = AgencyImportReport.Failed(upload.Error!);
            Response.StatusCode = upload.Status;
        }
        else
        {
            try
            {
                Report = await AgencyImporter.ImportAsync(db, Sheets.Read(upload.Content!, AgencyRows.Slug), cancellationToken);
            }
            catch (SheetException e)
            {
                Report = AgencyImportReport.Failed(e.Error);
            }
            if (!Report.Succeeded)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }
        AgencyCount = await db.Agencies.CountAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> ForbiddenAsync()
    {
        var permissions = await user.PermissionsAsync(HttpContext.RequestAborted);
        if (permissions.IsAdministrator)
        {
            return false;
        }
        Forbidden = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return true;
    }
}
