using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Documents;
using OpenIta.Data.Plans;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// The plans' files: <c>GET /agencies/{slug}/plan/evidence/{id}</c> — an evidence file, only to those who may read
/// the agency (404 to everyone else, and for another agency's evidence), always as an attachment that the browser
/// does not open in the page (an uploaded HTML file cannot run as the site); and the documents (issue 11, item 5) as
/// DOCX, PDF or XLSX (<c>?digits=thai</c> for Thai digits), gathered by <see cref="AgencyDocuments"/> as the CLI's
/// <c>openita docs plan|progress|measures-report</c> are: <c>/agencies/{slug}/plan/{planId}/plan.{format}</c>,
/// <c>/agencies/{slug}/plan/rounds/{roundId}/progress.{format}</c> and <c>…/measures-report.{format}</c>. The reports
/// print the accepted entries (and a closed round's corrections). <c>/agencies/{slug}/plan/template.xlsx</c> is the
/// spreadsheet template of a plan (<see cref="PlanSheet"/>).
/// </summary>
public static class PlanDownloads
{
    public static IEndpointRouteBuilder MapPlanDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/agencies/{slug}/plan/evidence/{id:int}", EvidenceAsync).ExcludeFromDescription();
        app.MapGet("/agencies/{slug}/plan/{planId:int}/plan.{format}", PlanAsync).ExcludeFromDescription();
        app.MapGet("/agencies/{slug}/plan/template.xlsx", TemplateAsync).ExcludeFromDescription();
        app.MapGet("/agencies/{slug}/plan/rounds/{roundId:int}/progress.{format}",
            (string slug, int roundId, string format, string? digits, AgencyLookup lookup, PlanStore store, OpenItaDb db, FrameworkCatalog catalog,
                TimeProvider clock, PdfPrinter printer, Lang lang, CancellationToken cancellationToken) =>
                RoundAsync(slug, roundId, format, digits, "progress", lookup, store, db, catalog, clock, printer, lang, cancellationToken))
            .ExcludeFromDescription();
        app.MapGet("/agencies/{slug}/plan/rounds/{roundId:int}/measures-report.{format}",
            (string slug, int roundId, string format, string? digits, AgencyLookup lookup, PlanStore store, OpenItaDb db, FrameworkCatalog catalog,
                TimeProvider clock, PdfPrinter printer, Lang lang, CancellationToken cancellationToken) =>
                RoundAsync(slug, roundId, format, digits, "measures-report", lookup, store, db, catalog, clock, printer, lang, cancellationToken))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The spreadsheet template of a plan of four fiscal years from the current one, to those who may read the agency.</summary>
    private static async Task<IResult> TemplateAsync(string slug, AgencyLookup lookup, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        var year = Reports.Thai.FiscalQuarter.Of(Reports.Thai.ThaiTime.Today(clock)).FiscalYear;
        return TypedResults.File(PlanSheet.Template(year), Sheets.XlsxContentType, PlanSheet.TemplateFileName);
    }

    private static async Task<IResult> EvidenceAsync(string slug, int id, AgencyLookup lookup, PlanStore store, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found
            || await store.EvidenceFileAsync(found.Agency.Id, id, cancellationToken) is not { Content: { } content } evidence)
        {
            return TypedResults.NotFound();
        }
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(content, "application/octet-stream", DocumentFiles.FileName(evidence.FileName ?? "evidence"));
    }

    private static async Task<IResult> PlanAsync(string slug, int planId, string format, string? digits, AgencyLookup lookup, PlanStore store,
        OpenItaDb db, FrameworkCatalog catalog, TimeProvider clock, PdfPrinter printer, Lang lang, CancellationToken cancellationToken)
    {
        if (!DocumentFiles.IsFormat(format)
            || await lookup.ReadableAsync(slug, cancellationToken) is not { } found
            || await store.FindPlanAsync(found.Agency.Id, planId, cancellationToken) is not { } row)
        {
            return TypedResults.NotFound();
        }
        return await BuildAsync(() => new AgencyDocuments(db, catalog, clock).ActionPlanAsync(found.Agency, row.FirstYear, DocumentFiles.Digits(digits), cancellationToken),
            format, string.Create(CultureInfo.InvariantCulture, $"แผนปฏิบัติการป้องกันการทุจริต {found.Agency.Abbreviation ?? found.Agency.Slug} {row.FirstYear}.{format}"),
            printer, lang, cancellationToken);
    }

    private static async Task<IResult> RoundAsync(string slug, int roundId, string format, string? digits, string document, AgencyLookup lookup,
        PlanStore store, OpenItaDb db, FrameworkCatalog catalog, TimeProvider clock, PdfPrinter printer, Lang lang, CancellationToken cancellationToken)
    {
        if (!DocumentFiles.IsFormat(format)
            || await lookup.ReadableAsync(slug, cancellationToken) is not { } found
            || await store.FindRoundAsync(found.Agency.Id, roundId, cancellationToken) is not { } round)
        {
            return TypedResults.NotFound();
        }
        var documents = new AgencyDocuments(db, catalog, clock);
        var agency = found.Agency;
        var name = document == "progress" ? "รายงานผลการดำเนินการตามแผนปฏิบัติการ" : "รายงานผลการดำเนินการตามมาตรการ";
        return await BuildAsync(() => document == "progress"
                ? documents.ProgressReportAsync(agency, round.FiscalYear, round.Period, DocumentFiles.Digits(digits), cancellationToken)
                : documents.MeasuresReportAsync(agency, round.FiscalYear, round.Period, DocumentFiles.Digits(digits), cancellationToken),
            format, string.Create(CultureInfo.InvariantCulture, $"{name} {agency.Abbreviation ?? agency.Slug} {round.FiscalYear} รอบ {round.Period}.{format}"),
            printer, lang, cancellationToken);
    }

    private static async Task<IResult> BuildAsync(Func<Task<BuiltDocument?>> build, string format, string fileName, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
    {
        BuiltDocument? built;
        try
        {
            built = await build();
        }
        catch (PlanException e)
        {
            // The stored plan breaks the contract: the place in words with its code, and the JSON path as the field.
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = lang.T("อ่านแผนนี้ไม่ได้", "This plan cannot be read"),
                Extensions = { ["field"] = e.Path },
            };
            ApiProblemMessages.Attach(problem, e.Describe());
            return TypedResults.Problem(problem);
        }
        return built is null
            ? TypedResults.NotFound()
            : await DocumentFiles.RespondAsync(built.Document, format, fileName, printer, lang, cancellationToken);
    }
}
