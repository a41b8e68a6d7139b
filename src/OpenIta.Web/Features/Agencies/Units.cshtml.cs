using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Agencies;

/// <summary>
/// /agencies/{slug}/units: the agency's units (หน่วยงานย่อย: add, rename, remove) and the units each unit owner owns.
/// For those who manage the agency's units (<see cref="Permissions.CanManageUnits"/>: its coordinator, administrators);
/// others who may read the agency get the Thai 403 page, the rest a 404. The rules of the data are <see cref="UnitStore"/>'s.
/// </summary>
public sealed class UnitsModel(OpenItaDb db, AgencyLookup lookup) : PageModel
{
    /// <summary>A user with the unit-owner role in the agency, and the ids of the units they own.</summary>
    public sealed record OwnerRow(string UserId, string UserName, string DisplayName, IReadOnlySet<int> Units);

    public Agency Agency { get; private set; } = null!;
    public bool Denied { get; private set; }
    public IReadOnlyList<UnitView> Units { get; private set; } = [];
    public List<OwnerRow> Owners { get; private set; } = [];

    /// <summary>A refusal (Thai, English) and the unit it concerns (null: the add form).</summary>
    public (string Th, string En, int? Unit)? Error { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        await LoadAsync(slug, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostAddAsync(string slug, string? name, string? fullName, CancellationToken cancellationToken) =>
        ChangeAsync(slug, null, "added", store => store.AddAsync(Agency, name ?? "", fullName, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRenameAsync(string slug, int unit, string? name, string? fullName, CancellationToken cancellationToken) =>
        ChangeAsync(slug, unit, "renamed", store => store.RenameAsync(unit, name ?? "", fullName, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string slug, int unit, CancellationToken cancellationToken) =>
        ChangeAsync(slug, unit, "removed", store => store.RemoveAsync(unit, cancellationToken), cancellationToken);

    /// <summary>The units one unit owner owns: the ticked boxes.</summary>
    public Task<IActionResult> OnPostOwnerAsync(string slug, string? user, int[]? units, CancellationToken cancellationToken) =>
        ChangeAsync(slug, null, "owners", store => store.SetOwnedUnitsAsync(user ?? "", Agency.Id, units ?? [], cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(string slug, int? unit, string done, Func<UnitStore, Task> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(slug, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        // A unit of another agency is not found here (UnitStore itself takes any id).
        var agencyId = Agency.Id;
        if (unit is { } id && !await db.AgencyUnits.AnyAsync(u => u.Id == id && u.AgencyId == agencyId, cancellationToken))
        {
            return NotFound();
        }
        try
        {
            await change(new UnitStore(db));
            return Redirect($"/agencies/{Uri.EscapeDataString(slug)}/units?done={done}");
        }
        catch (UnitException e)
        {
            db.ChangeTracker.Clear();
            Error = (e.Th, e.En, unit);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(slug, cancellationToken);
            return Page();
        }
    }

    /// <summary>Null when the page may be shown; else its answer (404, or the 403 page).</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Agency = found.Agency;
        if (!found.Permissions.CanManageUnits(Agency))
        {
            Denied = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Units = await new UnitStore(db).UnitsAsync(Agency.Id, cancellationToken);
        var agencyId = Agency.Id;
        var owners = await db.Memberships.AsNoTracking().Where(m => m.AgencyId == agencyId && m.Role == Role.UnitOwner)
            .Select(m => new { m.UserId, m.User!.UserName, m.User.DisplayName }).ToListAsync(cancellationToken);
        Owners = owners.OrderBy(o => o.DisplayName, StringComparer.Ordinal)
            .Select(o => new OwnerRow(o.UserId, o.UserName ?? "", o.DisplayName,
                Units.Where(u => u.Owners.Any(w => w.UserId == o.UserId)).Select(u => u.Id).ToHashSet()))
            .ToList();
        return null;
    }
}
