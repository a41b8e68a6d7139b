using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Surveys;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Surveys.Rounds;

/// <summary>
/// Oversight's view of a group's rounds of one year (<c>/groups/{slug}/assessments/{year}</c>, issue 12, item 1): the
/// agencies whose open round is below a minimum sample, with their counts (counts only: no answers, no breakdowns). For
/// those who oversee the group (403 for a reader who does not, 404 for everyone else).
/// </summary>
public sealed class GroupModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog) : PageModel
{
    public Agency Group { get; private set; } = null!;
    public int Year { get; private set; }
    public IReadOnlyList<RoundProgress> Below { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found || catalog.Find(new FiscalYear(year)) is null)
        {
            return NotFound();
        }
        if (!found.Permissions.CanOversee(found.Agency) && !found.Permissions.CanAssess(found.Agency, year))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Group = found.Agency;
        Year = year;
        Below = [.. (await SurveyRounds.BelowMinimumAsync(db, catalog, Group.Path, year, cancellationToken)).OrderBy(p => p.Round.Agency?.NameTh, StringComparer.Ordinal)];
        return Page();
    }
}
