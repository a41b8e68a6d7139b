using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Data.Oit;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Oit;

/// <summary>
/// /agencies/{slug}/oit/{year}: an agency's OIT items of a year (issue 13): owner, due date, links, score and where the
/// clarification round stands; the coordinator submits the set here. Each item's own page holds the forms of owners,
/// the coordinator and assessors. Readable by anyone who reads the agency; the rules are <see cref="OitStore"/>'s.
/// </summary>
public sealed class IndexModel(AgencyLookup lookup, OitStore store, CurrentUser user) : OitPageModel(lookup, store)
{
    public OitException? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public bool CanSubmit => Permissions.CanManageOit(View.Agency) && View.Set.Status == OitSetStatus.Draft;

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken) =>
        await LoadYearAsync(slug, year, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostSubmitAsync(string slug, int year, int? version, CancellationToken cancellationToken)
    {
        if (await LoadYearAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        try
        {
            await Store.SubmitAsync(View.Agency, year, version, Permissions, OitApi.Actor(user), cancellationToken);
            return Redirect($"/agencies/{Uri.EscapeDataString(slug)}/oit/{year}?done=submitted");
        }
        catch (OitException e)
        {
            Error = e;
            Response.StatusCode = OitText.Status(e);
            await LoadYearAsync(slug, year, cancellationToken);
            return Page();
        }
    }

}
