using Microsoft.AspNetCore.Mvc;
using OpenIta.Data;
using OpenIta.Data.Publishing;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// <c>/public/agencies/{slug}/oit/{year}</c>: the agency's OIT items of the year with their links, once the coordinator
/// submitted the set (404 before), grouped by sub-indicator; with the addresses of the JSON feed and of the fragment
/// agency websites embed instead of keeping the list by hand.
/// </summary>
public sealed class OitModel(OpenItaDb db, Publications publications) : PublicPageModel(db, publications)
{
    public PublishedOit Oit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken) || await Publications.OitAsync(Agency.Id, year, cancellationToken) is not { } oit)
        {
            return NotFound();
        }
        Oit = oit;
        return Page();
    }
}
