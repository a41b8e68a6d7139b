using Microsoft.AspNetCore.Mvc;
using OpenIta.Data;
using OpenIta.Data.Publishing;

namespace OpenIta.Web.Features.Public;

/// <summary><c>/public/agencies/{slug}</c>: the fiscal years in which the agency published something; 404 when there is none.</summary>
public sealed class AgencyModel(OpenItaDb db, Publications publications) : PublicPageModel(db, publications)
{
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        Years = await Publications.YearsAsync(Agency.Id, cancellationToken);
        return Years.Count == 0 ? NotFound() : Page();
    }
}
