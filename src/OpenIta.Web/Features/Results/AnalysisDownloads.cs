using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Documents;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Results;

/// <summary>
/// <c>GET /agencies/{slug}/results/{year}/analysis.{docx|pdf|xlsx}[?digits=thai]</c>: the analysis document of one
/// agency's result (document (a) of issue 4), as <c>openita docs analysis</c> writes it, for users who may read the
/// agency (404 otherwise, and for a year without a result). PDF needs Chromium on the server: 503 when it is missing.
/// The file is named in Thai (Content-Disposition filename*, with an ASCII fallback).
/// </summary>
public static class AnalysisDownloads
{
    public static IEndpointRouteBuilder MapAnalysisDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A document for people (a link on the pages), not part of the REST API: left out of the OpenAPI document.
        app.MapGet("/agencies/{slug}/results/{year:int}/analysis.{format}", DownloadAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(string slug, int year, string format, string? digits, string? target,
        AgencyLookup lookup, OpenItaDb db, FrameworkCatalog catalog, TimeProvider clock, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
    {
        if (!DocumentFiles.IsFormat(format)
            || year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe
            || await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }
        var agency = found.Agency;
        decimal? ownTarget = null;
        if (!string.IsNullOrWhiteSpace(target))
        {
            if (!decimal.TryParse(target, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t) || !Score.IsValid(t))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: lang.T("เป้าหมายต้องเป็นคะแนน 0 ถึง 100", "The target must be a score from 0 to 100."));
            }
            ownTarget = t;
        }
        BuiltDocument? built;
        try
        {
            built = await new AgencyDocuments(db, catalog, clock).AnalysisAsync(agency, year, DocumentFiles.Digits(digits), ownTarget,
                cancellationToken);
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

        var name = string.Create(CultureInfo.InvariantCulture,
            $"วิเคราะห์ผล ITA {agency.Abbreviation ?? agency.Slug} {year}.{format}");
        return await DocumentFiles.RespondAsync(built.Document, format, name, printer, lang, cancellationToken);
    }
}
