using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Documents;
using OpenIta.Data.Publishing;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// The public endpoints that are not pages (no sign-in; everything under <c>/public</c> passes through
/// <see cref="PublicResponses"/>: rate limit, ETag): the documents of what an agency published, as PDF or DOCX
/// (<c>?digits=thai</c> for Thai digits), built by <see cref="AgencyDocuments"/> from published data only, and the
/// language link of the public pages. Anything unpublished is 404, as an unknown address is.
/// </summary>
public static class PublicEndpoints
{
    public static IServiceCollection AddPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<PublicOptions>(configuration.GetSection(PublicOptions.Section));
        services.AddScoped<Publications>();
        return services;
    }

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/public").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/language", Language);
        group.MapGet("/agencies/{slug}/{year:int}/measures/{revision:int}/measures.{format}", MeasuresAsync);
        group.MapGet("/agencies/{slug}/{year:int}/plan/plan.{format}", PlanAsync);
        group.MapGet("/agencies/{slug}/{year:int}/progress/{period}/{document}.{format}", RoundAsync);
        group.MapPublicOit();
        return app;
    }

    /// <summary>
    /// The public pages' language switch: a link (the pages carry no form, so they stay cacheable). It changes only the
    /// reader's language, and goes back only to a public page.
    /// </summary>
    private static IResult Language(string? lang, string? returnUrl, HttpContext context, TimeProvider clock)
    {
        Lang.Remember(context.Response, lang, clock);
        var back = returnUrl is not null && returnUrl.StartsWith(PublicResponses.Prefix + "/", StringComparison.Ordinal)
            && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return TypedResults.LocalRedirect(back);
    }

    private static async Task<IResult> MeasuresAsync(string slug, int year, int revision, string format, string? digits, OpenItaDb db,
        Publications publications, FrameworkCatalog catalog, TimeProvider clock, PdfPrinter printer, Lang lang, CancellationToken cancellationToken)
    {
        if (!IsFormat(format) || await AgencyAsync(db, slug, cancellationToken) is not { } agency
            || await publications.MeasureAsync(agency.Id, year, revision, cancellationToken) is not { } published)
        {
            return TypedResults.NotFound();
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"มาตรการ ITA {agency.Abbreviation ?? agency.Slug} {year} ฉบับที่ {revision}.{format}");
        return await BuildAsync(() => new AgencyDocuments(db, catalog, clock).PublishedMeasuresAsync(agency, published, DocumentFiles.Digits(digits), cancellationToken),
            format, name, printer, lang, cancellationToken);
    }

    private static async Task<IResult> PlanAsync(string slug, int year, string format, string? digits, OpenItaDb db, FrameworkCatalog catalog,
        TimeProvider clock, PdfPrinter printer, Lang lang, CancellationToken cancellationToken)
    {
        if (!IsFormat(format) || await AgencyAsync(db, slug, cancellationToken) is not { } agency)
        {
            return TypedResults.NotFound();
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"แผนปฏิบัติการป้องกันการทุจริต {agency.Abbreviation ?? agency.Slug} {year}.{format}");
        return await BuildAsync(() => new AgencyDocuments(db, catalog, clock).PublishedActionPlanAsync(agency, year, DocumentFiles.Digits(digits), cancellationToken),
            format, name, printer, lang, cancellationToken);
    }

    private static async Task<IResult> RoundAsync(string slug, int year, string period, string document, string format, string? digits, OpenItaDb db,
        FrameworkCatalog catalog, TimeProvider clock, PdfPrinter printer, Lang lang, CancellationToken cancellationToken)
    {
        if (!IsFormat(format) || document is not ("progress" or "measures-report") || await AgencyAsync(db, slug, cancellationToken) is not { } agency)
        {
            return TypedResults.NotFound();
        }
        var documents = new AgencyDocuments(db, catalog, clock);
        var title = document == "progress" ? "รายงานผลการดำเนินการตามแผนปฏิบัติการ" : "รายงานผลการดำเนินการตามมาตรการ";
        var name = string.Create(CultureInfo.InvariantCulture, $"{title} {agency.Abbreviation ?? agency.Slug} {year} รอบ {period}.{format}");
        return await BuildAsync(() => document == "progress"
                ? documents.PublishedProgressReportAsync(agency, year, period, DocumentFiles.Digits(digits), cancellationToken)
                : documents.PublishedMeasuresReportAsync(agency, year, period, DocumentFiles.Digits(digits), cancellationToken),
            format, name, printer, lang, cancellationToken);
    }

    /// <summary>The agency of a public address (any agency: what it published decides what is public), or null.</summary>
    internal static Task<Agency?> AgencyAsync(OpenItaDb db, string slug, CancellationToken cancellationToken) =>
        db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug, cancellationToken);

    private static bool IsFormat(string format) => PublicPaths.Formats.Contains(format, StringComparer.Ordinal);

    private static async Task<IResult> BuildAsync(Func<Task<BuiltDocument?>> build, string format, string fileName, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
    {
        BuiltDocument? built;
        try
        {
            built = await build();
        }
        catch (Exception e) when (e is PlanException or MeasurePlanException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: lang.T("อ่านเอกสารนี้ไม่ได้", "This document cannot be read"));
        }
        return built is null
            ? TypedResults.NotFound()
            : await DocumentFiles.RespondAsync(built.Document, format, fileName, printer, lang, cancellationToken);
    }
}
