using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Web.Features.Api;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Import;

/// <summary>
/// <c>POST /api/v1/imports/results</c>: the import of the /import page for programs. API tokens only
/// (<see cref="ApiEndpoints.TokenOnlyPolicy"/>): a browser's cookie is not accepted here, so that no other site can
/// make a signed-in browser post a file.
/// </summary>
public static class ImportApi
{
    public sealed record ImportedResultDto(
        int Row, string Agency, int FiscalYear, decimal? Total, string? TotalDisplay, string? Rating, bool? Passed,
        IReadOnlyList<DiscrepancyDto> Discrepancies, string Status);

    public sealed record DiscrepancyDto(string Field, string Published, string Computed);

    public sealed record ImportSummary(int Imported, int Created, int Replaced, IReadOnlyList<int> SkippedRows, IReadOnlyList<ImportedResultDto> Results);

    public sealed record ImportErrorDto(int? Row, string? Column, string? ColumnLetter, string Message, string MessageTh);

    public static RouteGroupBuilder MapImportApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/imports")
            .RequireAuthorization(ApiEndpoints.TokenOnlyPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("Imports");
        group.MapPost("/results", ImportResultsAsync)
            .WithName("ImportResults")
            .WithSummary("Import results from a CSV or XLSX file (multipart field 'file', at most 10 MB)")
            .WithDescription("Every row is checked before anything is saved; the file is imported whole or not at all. "
                + "A row replaces the agency's result for its year, so importing the same file twice leaves the same data. "
                + "The template's columns: agency, fiscal_year, indicator_1 … indicator_10, the year's instruments (IIT, EIT, OIT; "
                + "IIT, EIT1, EIT2, EIT, OIT from FY2566), total, published_total, published_<instrument>, published_rating, and "
                + "optionally q:<question>, oit:<item>, sub:<sub-indicator>. A 400 answer's errors name the row and column of each mistake.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return group;
    }

    private static async Task<IResult> ImportResultsAsync(
        HttpRequest request, OpenItaDb db, CurrentUser user, TimeProvider clock, FrameworkCatalog catalog, ILoggerFactory loggers)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var permissions = await user.PermissionsAsync(cancellationToken);
        if (!ResultImporter.MayImport(permissions))
        {
            return Problem(StatusCodes.Status403Forbidden, [ResultImporter.NotAllowed], 1);
        }
        var upload = await Upload.ReadAsync(request, antiforgery: null, cancellationToken);
        if (!upload.Succeeded)
        {
            return Problem(upload.Status, [upload.Error!], 1);
        }
        ResultImportReport report;
        try
        {
            var sheet = Sheets.Read(upload.Content!, ResultColumns.Agency);
            report = await ResultImporter.ImportAsync(db, permissions, user.Name, clock, catalog, sheet,
                loggers.CreateLogger(typeof(ResultImporter).FullName!), cancellationToken);
        }
        catch (SheetException e)
        {
            report = ResultImportReport.Failed(e.Error);
        }
        if (!report.Succeeded)
        {
            return Problem(StatusCodes.Status400BadRequest, report.Errors, report.ErrorCount);
        }
        var results = report.Imported.Select(r => new ImportedResultDto(
            r.Row, r.Agency, r.FiscalYear, r.Total, Lang.Score(r.Total), r.RatingCode, r.Passed,
            r.Discrepancies.Select(d => new DiscrepancyDto(d.Field, d.PublishedText, d.ComputedText)).ToList(),
            r.Replaced ? "replaced" : "created")).ToList();
        return TypedResults.Ok(new ImportSummary(
            results.Count, results.Count(r => r.Status == "created"), results.Count(r => r.Status == "replaced"), report.Skipped, results));
    }

    private static IResult Problem(int status, IReadOnlyList<ImportError> errors, int count) => TypedResults.Problem(
        statusCode: status,
        title: status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The file is too large",
            StatusCodes.Status403Forbidden => "Forbidden",
            _ => "The file was not imported",
        },
        detail: count == 1 ? errors[0].ToString() : $"{count} errors; nothing was saved.",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = errors.Select(e => new ImportErrorDto(e.Row, e.Column, e.ColumnLetter, e.English, e.Thai)).ToList(),
        });
}
