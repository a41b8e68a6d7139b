using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Reports;
using OpenIta.Reports.Thai;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Results;

/// <summary>
/// The results exports (issue 4, item 5c), in XLSX (and DOCX or PDF):
/// <c>GET /agencies/{slug}/results/{year}/result.{format}</c> — one agency's result, every level with the framework's
/// texts, for users who may read the agency; <c>GET /groups/{slug}/results.{format}?year=Y</c> — the table of every
/// agency below a group up to year Y (default: the group's latest), for those who oversee it (403 for a reader who
/// does not, 404 for everyone else), from the stored scores.
/// </summary>
public static class ResultDownloads
{
    public static IEndpointRouteBuilder MapResultDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/agencies/{slug}/results/{year:int}/result.{format}", AgencyAsync).ExcludeFromDescription();
        app.MapGet("/groups/{slug}/results.{format}", GroupAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AgencyAsync(string slug, int year, string format, string? digits,
        AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog, PdfPrinter printer, Lang lang, CancellationToken cancellationToken)
    {
        if (!DocumentFiles.IsFormat(format) || await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }
        var agency = found.Agency;
        var stored = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.AgencyId == agency.Id && r.FiscalYear == year, cancellationToken);
        if (stored is null)
        {
            return TypedResults.NotFound();
        }
        ResultReport report;
        try
        {
            report = ResultReport.From(stored, catalog);
        }
        catch (ScoreInputException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: lang.T("คำนวณผลจากข้อมูลที่บันทึกไว้ไม่ได้", "The stored result cannot be scored"), detail: e.Message);
        }
        var lines = string.IsNullOrWhiteSpace(agency.NameEn) ? [] : new List<string> { agency.NameEn };
        var document = ResultsDocument.Build(report.Card, report.Framework, new AnalysisAgency(agency.NameTh, lines),
            new ResultsDocumentOptions(Digits(digits)), report.Input.OitItems);
        var name = string.Create(CultureInfo.InvariantCulture, $"ผล ITA {agency.Abbreviation ?? agency.Slug} {year}.{format}");
        return await DocumentFiles.RespondAsync(document, format, name, printer, lang, cancellationToken);
    }

    private static async Task<IResult> GroupAsync(string slug, string format, int? year, string? digits,
        AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog, PdfPrinter printer, Lang lang, CancellationToken cancellationToken)
    {
        if (!DocumentFiles.IsFormat(format) || await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }
        var group = found.Agency;
        if (!found.Permissions.CanOversee(group))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: lang.T("ตารางผลของกลุ่มเปิดได้เฉพาะผู้กำกับดูแลกลุ่ม", "Only those who oversee the group get its table of results."));
        }
        var upTo = year ?? await db.ResultsWithin(group.Path).AsNoTracking().MaxAsync(r => (int?)r.FiscalYear, cancellationToken);
        if (upTo is not { } y)
        {
            return TypedResults.NotFound();
        }
        var rows = (await StoredResults.WithinAsync(db, group.Path, y, catalog, cancellationToken))
            .Select(r => new GroupResultRow(r.NameTh, r.Slug, r.FiscalYear, r.Total, r.Rating, r.Instruments)).ToList();
        var document = ResultsDocument.BuildGroup(group.NameTh, rows, new ResultsDocumentOptions(Digits(digits)));
        var name = string.Create(CultureInfo.InvariantCulture, $"ผล ITA {group.Abbreviation ?? group.Slug} ถึงปี {y}.{format}");
        return await DocumentFiles.RespondAsync(document, format, name, printer, lang, cancellationToken);
    }

    private static DigitStyle Digits(string? digits) =>
        string.Equals(digits, "thai", StringComparison.OrdinalIgnoreCase) ? DigitStyle.Thai : DigitStyle.Arabic;
}
