using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Documents;
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
        AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog, TimeProvider clock, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
    {
        if (!DocumentFiles.IsFormat(format) || await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }
        var agency = found.Agency;
        BuiltDocument? built;
        try
        {
            built = await new AgencyDocuments(db, catalog, clock).ResultAsync(agency, year, DocumentFiles.Digits(digits), cancellationToken);
        }
        catch (ScoreInputException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: lang.T("คำนวณผลจากข้อมูลที่บันทึกไว้ไม่ได้", "The stored result cannot be scored"), detail: lang.Of(e.Describe()));
        }
        if (built is null)
        {
            return TypedResults.NotFound();
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"ผล ITA {agency.Abbreviation ?? agency.Slug} {year}.{format}");
        return await DocumentFiles.RespondAsync(built.Document, format, name, printer, lang, cancellationToken);
    }

    private static async Task<IResult> GroupAsync(string slug, string format, int? year, string? digits,
        AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog, TimeProvider clock, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
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
        var document = await new AgencyDocuments(db, catalog, clock).GroupTableAsync(group, y, DocumentFiles.Digits(digits), cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"ผล ITA {group.Abbreviation ?? group.Slug} ถึงปี {y}.{format}");
        return await DocumentFiles.RespondAsync(document, format, name, printer, lang, cancellationToken);
    }
}
