using Microsoft.AspNetCore.Mvc;
using OpenIta.Data;
using OpenIta.Data.Publishing;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// <c>/public/agencies/{slug}/{year}/plan</c>: the action plan covering the year as the coordinator published it (never
/// the working copy), its items as a tree, and its document. 404 when no published plan covers the year.
/// </summary>
public sealed class PlanModel(OpenItaDb db, Publications publications) : PublicPageModel(db, publications)
{
    public int Year { get; private set; }
    public PublishedPlan Published { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || await Publications.PlanAsync(Agency.Id, year, cancellationToken) is not { } published)
        {
            return NotFound();
        }
        Year = year;
        Published = published;
        return Page();
    }
}
