using OpenIta.Data.Plans;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>
/// The plans' files: <c>GET /agencies/{slug}/plan/evidence/{id}</c> — an evidence file, only to those who may read
/// the agency (404 to everyone else, and for another agency's evidence), always as an attachment that the browser
/// does not open in the page (an uploaded HTML file cannot run as the site).
/// </summary>
public static class PlanDownloads
{
    public static IEndpointRouteBuilder MapPlanDownloads(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/agencies/{slug}/plan/evidence/{id:int}", EvidenceAsync).ExcludeFromDescription();
        return app;
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
}
