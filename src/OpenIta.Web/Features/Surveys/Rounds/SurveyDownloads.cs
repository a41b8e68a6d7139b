using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Surveys.Rounds;

/// <summary>
/// The QR code of a round's survey link and the printable poster (issue 12, item 3), for those who read the agency (its
/// own users, oversight, assessors, administrators; 404 for everyone else):
/// <c>GET /agencies/{slug}/assessments/{year}/qr/{instrument}.png</c> — the link's QR code as PNG;
/// <c>GET /agencies/{slug}/assessments/{year}/poster.pdf</c> — A4 with the IIT and EIT part 1 links and their codes,
/// printed through the reports' pipeline (<see cref="AgencyDocuments.SurveyPosterAsync"/>).
/// </summary>
public static class SurveyDownloads
{
    public static IEndpointRouteBuilder MapSurveyDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/agencies/{slug}/assessments/{year:int}/qr/{instrument}.png", QrAsync).ExcludeFromDescription();
        app.MapGet("/agencies/{slug}/assessments/{year:int}/poster.pdf", PosterAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> QrAsync(string slug, int year, string instrument, HttpRequest request,
        AgencyLookup lookup, OpenItaDb db, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!InstrumentCodes.TryParse(instrument, out var code) || await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }
        var token = await db.SurveyLinks.AsNoTracking()
            .Where(l => l.Round!.AgencyId == found.Agency.Id && l.Round.FiscalYear == year && l.Instrument == code && l.RevokedAtUnixMs == null)
            .Select(l => l.Token)
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(QrCodes.Png(SurveyUrls.Public(request, configuration, token)), "image/png");
    }

    private static async Task<IResult> PosterAsync(string slug, int year, HttpRequest request, AgencyLookup lookup,
        OpenItaDb db, FrameworkCatalog catalog, TimeProvider clock, IConfiguration configuration, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }
        var agency = found.Agency;
        var poster = await new AgencyDocuments(db, catalog, clock)
            .SurveyPosterAsync(agency, year, token => SurveyUrls.Public(request, configuration, token), cancellationToken);
        if (poster is null)
        {
            return TypedResults.NotFound();
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"โปสเตอร์แบบสำรวจ ITA {agency.Abbreviation ?? agency.Slug} {year}.pdf");
        return await DocumentFiles.RespondAsync(poster, "pdf", name, printer, lang, cancellationToken);
    }
}
