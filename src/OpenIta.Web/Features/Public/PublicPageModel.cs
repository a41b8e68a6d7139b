using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Publishing;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// The public pages' base (issue 13, item 5): no sign-in, the same page for everyone (the layout names no user and
/// carries no form, so <see cref="Infrastructure.PublicResponses"/> can tag it), and only what the agency published
/// (<see cref="Publications"/>). An agency or a year with nothing published is "not found", as an unknown one is.
/// </summary>
[AllowAnonymous]
public abstract class PublicPageModel(OpenItaDb db, Publications publications) : PageModel
{
    public Agency Agency { get; private set; } = null!;

    protected Publications Publications => publications;

    protected OpenItaDb Db => db;

    /// <summary>Loads the agency; false when there is none.</summary>
    protected async Task<bool> LoadAgencyAsync(string slug, CancellationToken cancellationToken)
    {
        if (await PublicEndpoints.AgencyAsync(db, slug, cancellationToken) is not { } agency)
        {
            return false;
        }
        Agency = agency;
        return true;
    }
}
