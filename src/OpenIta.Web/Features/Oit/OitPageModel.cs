using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Data.Oit;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Oit;

/// <summary>
/// The OIT pages' base (a year's items, one item): the one home of their loading rule. The agency is found as any agency
/// is (<see cref="AgencyLookup"/>: 404 when the user may not read it), and a year without OIT items is 404 too.
/// </summary>
public abstract class OitPageModel(AgencyLookup lookup, OitStore store) : PageModel
{
    public OitYearView View { get; private set; } = null!;
    public Permissions Permissions { get; private set; } = Permissions.None;

    /// <summary>The OIT rules the page's forms call.</summary>
    protected OitStore Store => store;

    public bool IsAssessor => Permissions.IsAssessorOf(View.Agency, View.FiscalYear);

    /// <summary>Loads the agency's year: null to go on, else the answer to give (404).</summary>
    protected async Task<IActionResult?> LoadYearAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Permissions = found.Permissions;
        try
        {
            View = await store.ReadAsync(found.Agency, year, cancellationToken);
        }
        catch (OitException)
        {
            return NotFound();
        }
        return null;
    }
}
