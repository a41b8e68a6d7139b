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
public sealed class IndexModel(AgencyLookup lookup, OitStore store, CurrentUser user) : PageModel
{
    public OitYearView View { get; private set; } = null!;
    public Permissions Permissions { get; private set; } = Permissions.None;
    public OitException? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public bool CanSubmit => Permissions.CanManageOit(View.Agency) && View.Set.Status == OitSetStatus.Draft;

    public bool IsAssessor => Permissions.IsAssessorOf(View.Agency, View.FiscalYear);

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken) =>
        await LoadAsync(slug, year, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostSubmitAsync(string slug, int year, int? version, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, year, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        try
        {
            await store.SubmitAsync(View.Agency, year, version, Permissions, OitApi.Actor(user), cancellationToken);
            return Redirect($"/agencies/{Uri.EscapeDataString(slug)}/oit/{year}?done=submitted");
        }
        catch (OitException e)
        {
            Error = e;
            Response.StatusCode = OitText.Status(e);
            await LoadAsync(slug, year, cancellationToken);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(string slug, int year, CancellationToken cancellationToken)
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
