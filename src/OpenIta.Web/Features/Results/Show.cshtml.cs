using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Results;

/// <summary>One agency's result for one fiscal year, analysed the way coordinators do it by hand (seed 000).</summary>
public sealed class ShowModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog) : PageModel
{
    public Agency Agency { get; private set; } = null!;
    public AgencyResult Result { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    /// <summary>Null when the stored input no longer scores (a framework was corrected since): see <see cref="Problem"/>.</summary>
    public ResultReport? Report { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The latest earlier year with a result, to compare with.</summary>
    public ResultReport? Previous { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Agency = found.Agency;
        CanEdit = found.Permissions.CanEditResults(Agency);
        var result = await db.Results.AsNoTracking()
            .SingleOrDefaultAsync(r => r.AgencyId == Agency.Id && r.FiscalYear == year, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }
        Result = result;
        try
        {
            Report = ResultReport.From(result, catalog);
        }
        catch (ScoreInputException e)
        {
            Problem = e.Message;
            return Page();
        }
        var previous = await db.Results.AsNoTracking()
            .Where(r => r.AgencyId == Agency.Id && r.FiscalYear < year)
            .OrderByDescending(r => r.FiscalYear).FirstOrDefaultAsync(cancellationToken);
        if (previous is not null)
        {
            try
            {
                Previous = ResultReport.From(previous, catalog);
            }
            catch (ScoreInputException)
            {
                Previous = null; // that year's own page says what is wrong with it
            }
        }
        return Page();
    }
}
