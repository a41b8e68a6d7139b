using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Import;

/// <summary>
/// /import: the results template of a year for download, and the upload of a filled one in two steps: the upload is
/// checked and previewed (per agency and year: new, replaced with its old total, unchanged), kept in the database as a
/// <see cref="PendingImport"/> and nothing else is written; /import/confirm imports it, for its uploader only, once,
/// before it expires — on any instance. The upload handler binds nothing (no [BindProperty], no parameters), so that
/// nothing reads the request body before <see cref="Upload.ReadAsync"/> has checked its size; the anti-forgery token
/// is checked there (and in the confirmation and cancellation handlers, which read a small form).
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

    /// <summary>What the uploaded file would do, waiting for confirmation (<see cref="PendingId"/>).</summary>
    public ResultImportPreview? Preview { get; private set; }

    public string? PendingId { get; private set; }

    public long PendingExpiresUnixMs { get; private set; }

    /// <summary>The form field of the confirmation that names the pending upload.</summary>
    public const string PendingField = "pending";
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
            Preview = await ResultImporter.PreviewAsync(db, permissions, catalog, sheet, cancellationToken);
        }
        catch (SheetException e)
        {
            Report = ResultImportReport.Failed(e.Error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (Preview.Refused is { } refused)
        {
            Report = refused;
            Preview = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var pending = await PendingImports.AddAsync(db, user.Id!, FileName ?? "", upload.Content!, clock, cancellationToken);
        PendingId = pending.Id;
        PendingExpiresUnixMs = pending.ExpiresAtUnixMs;
        return Page();
    }

    /// <summary>/import/confirm: imports the pending upload named by the form, if it is the user's, unexpired and not
    /// imported yet (claimed in the import's transaction, so a second confirmation on any instance is refused).</summary>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        await LoadAsync(null, cancellationToken);
        var permissions = await user.PermissionsAsync(cancellationToken);
        if (!ResultImporter.MayImport(permissions) || user.Id is not { } userId)
        {
            return Refuse(ResultImporter.NotAllowed, StatusCodes.Status403Forbidden);
        }
        if (await PendingFormAsync() is not { } id)
        {
            return Refuse(FormExpired, StatusCodes.Status400BadRequest);
        }
        var pending = await PendingImports.FindAsync(db, id, userId, cancellationToken);
        if (pending is null)
        {
            return Refuse(Unknown, StatusCodes.Status404NotFound);
        }
        FileName = pending.FileName;
        var status = StatusCodes.Status400BadRequest;
        try
        {
            var sheet = Sheets.Read(pending.Content, ResultColumns.Agency);
            Report = await ResultImporter.ImportAsync(db, permissions, user.Name, clock, catalog, sheet,
                async token =>
                {
                    var state = await PendingImports.ClaimAsync(db, id, userId, clock, token);
                    status = state == PendingImportState.Claimed ? status : StatusCodes.Status409Conflict;
                    return state switch
                    {
                        PendingImportState.Claimed => null,
                        PendingImportState.AlreadyConfirmed => AlreadyImported,
                        PendingImportState.Expired => Expired,
                        _ => Unknown,
                    };
                }, logger, cancellationToken);
        }
        catch (SheetException e)
        {
            Report = ResultImportReport.Failed(e.Error);
        }
        if (!Report.Succeeded)
        {
            Response.StatusCode = status;
        }
        return Page();
    }

    /// <summary>/import/cancel: forgets the user's pending upload; nothing was written.</summary>
    public async Task<IActionResult> OnPostCancelAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (user.Id is { } userId && await PendingFormAsync() is { } id)
        {
            await db.PendingImports.Where(p => p.Id == id && p.UserId == userId && p.ConfirmedAtUnixMs == null)
                .ExecuteDeleteAsync(cancellationToken);
        }
        return Redirect("/import");
    }

    private static readonly ImportError FormExpired = ImportError.File(
        "แบบฟอร์มหมดอายุ กรุณาเปิดหน้านี้ใหม่แล้วส่งไฟล์อีกครั้ง", "The form has expired: open the page again and send the file again.");

    private static readonly ImportError Unknown = ImportError.File(
        "ไม่พบไฟล์ที่รอการยืนยัน กรุณาส่งไฟล์อีกครั้ง", "There is no upload waiting for your confirmation: send the file again.");

    private static readonly ImportError AlreadyImported = ImportError.File(
        "ไฟล์นี้ยืนยันนำเข้าไปแล้ว ไม่ได้บันทึกซ้ำ", "This file was already imported: it was not saved again.");

    private static readonly ImportError Expired = ImportError.File(
        string.Create(CultureInfo.InvariantCulture, $"หมดเวลายืนยัน (เกิน {PendingImports.Lifetime.TotalMinutes:0} นาทีหลังส่งไฟล์) ไม่มีข้อมูลใดถูกบันทึก กรุณาส่งไฟล์อีกครั้ง"),
        string.Create(CultureInfo.InvariantCulture, $"Too late to confirm ({PendingImports.Lifetime.TotalMinutes:0} minutes after the upload): nothing was saved. Send the file again."));

    private PageResult Refuse(ImportError error, int status)
    {
        Report = ResultImportReport.Failed(error);
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The pending upload the form names, after the form's anti-forgery token is checked; null when either fails.</summary>
    private async Task<string?> PendingFormAsync()
    {
        if (!Request.HasFormContentType)
        {
            return null;
        }
        try
        {
            await antiforgery.ValidateRequestAsync(HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return null;
        }
        var form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        return form[PendingField].ToString() is { Length: > 0 and <= 64 } id ? id : null;
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
