using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Dashboards;

/// <summary>
/// The group pages' base (results, action plans, OIT readiness): the one home of their access rule. The group is found
/// as any agency is (<see cref="AgencyLookup"/>: 404 when the user may not read it, so slugs cannot be probed); a reader
/// who does not oversee it gets the page's "not allowed" with 403.
/// </summary>
public abstract class GroupPageModel(AgencyLookup lookup) : PageModel
{
    public Agency Group { get; private set; } = null!;
    public bool Denied { get; private set; }

    /// <summary>Whether the user oversees the group (false for one let in as its assessor of a year).</summary>
    public bool Oversees { get; private set; }

    /// <summary>The user's permissions, once the group is loaded.</summary>
    protected Permissions Permissions { get; private set; } = null!;

    /// <summary>
    /// Loads the group: null when the user oversees it, or assesses it in <paramref name="assessedYear"/> (a page of one
    /// year that an assessor works from: go on), else the answer to give (404, or the page with 403).
    /// </summary>
    protected async Task<IActionResult?> OverseeAsync(string slug, CancellationToken cancellationToken, int? assessedYear = null)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Group = found.Agency;
        Permissions = found.Permissions;
        Oversees = found.Permissions.CanOversee(Group);
        if (!Oversees && !(assessedYear is { } year && found.Permissions.CanAssess(Group, year)))
        {
            Denied = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        return null;
    }
}
