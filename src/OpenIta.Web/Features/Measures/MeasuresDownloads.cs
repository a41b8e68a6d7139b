using System.Globalization;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Documents;
using OpenIta.Data.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// <c>GET /agencies/{slug}/results/{year}/measures.{docx|pdf|xlsx}[?revision=N][&amp;digits=thai]</c>: the measures
/// document (document (b) of issue 4) of a revision the user may see — the newest one by default. The agency's own users
/// see every revision; everyone else who may read the agency only published ones (404 for the others, so drafts cannot
/// be probed). A revision before approval is marked as a draft; an approved one carries the signature block.
/// </summary>
public static class MeasuresDownloads
{
    public static IEndpointRouteBuilder MapMeasuresDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/agencies/{slug}/results/{year:int}/measures.{format}", DownloadAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(string slug, int year, string format, int? revision, string? digits,
        AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog, MeasurePlanStore store, TimeProvider clock, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
    {
        if (!DocumentFiles.IsFormat(format)
            || await PlanContext.LoadAsync(slug, year, lookup, db, catalog, store, cancellationToken) is not { } c
            || c.Framework is null)
        {
            return TypedResults.NotFound();
        }
        var shown = revision is { } n ? c.Revisions.FirstOrDefault(r => r.Revision == n) : c.Revisions.Count > 0 ? c.Revisions[0] : null;
        if (shown is null)
        {
            return TypedResults.NotFound();
        }
        var agency = c.Agency;
        BuiltDocument? built;
        try
        {
            built = await new AgencyDocuments(db, catalog, clock).MeasuresAsync(agency, shown, DocumentFiles.Digits(digits), cancellationToken);
        }
        catch (MeasurePlanException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: lang.T("อ่านมาตรการฉบับนี้ไม่ได้", "This revision cannot be read"), detail: lang.Of(e.Describe()));
        }
        if (built is null)
        {
            return TypedResults.NotFound();
        }
        var name = string.Create(CultureInfo.InvariantCulture,
            $"มาตรการ ITA {agency.Abbreviation ?? agency.Slug} {shown.Plan().PlanYear.BuddhistEra} ฉบับที่ {shown.Revision}.{format}");
        return await DocumentFiles.RespondAsync(built.Document, format, name, printer, lang, cancellationToken);
    }
}
