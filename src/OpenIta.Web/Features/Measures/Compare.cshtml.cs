using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// Two revisions of a plan side by side (issue 10), measure by measure: added, removed, and changed measures with the
/// changed fields marked. Whoever may see both revisions may compare them (oversight: published revisions only; a
/// revision the user may not see is a 404, as on the plan page). Without <c>from</c> and <c>to</c>, the newest
/// revision against the one before it.
/// </summary>
public sealed class CompareModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, MeasurePlanStore store) : PlanPageModel
{
    public PlanContext Context { get; private set; } = null!;
    public MeasurePlanRevision? Before { get; private set; }
    public MeasurePlanRevision? After { get; private set; }
    public PlanComparisonResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, [FromQuery] int? from, [FromQuery] int? to, CancellationToken cancellationToken)
    {
        if (await PlanContext.LoadAsync(slug, year, lookup, db, catalog, store, cancellationToken) is not { } context)
        {
            return NotFound();
        }
        Context = context;
        var revisions = context.Revisions;
        if (from is null && to is null)
        {
            if (revisions.Count < 2)
            {
                return Page(); // Says there is nothing to compare yet.
            }
            (Before, After) = (revisions[1], revisions[0]);
        }
        else
        {
            Before = revisions.FirstOrDefault(r => r.Revision == from);
            After = revisions.FirstOrDefault(r => r.Revision == to);
            if (Before is null || After is null)
            {
                return NotFound();
            }
            if (Before.Revision > After.Revision)
            {
                (Before, After) = (After, Before);
            }
        }
        try
        {
            Result = PlanComparison.Compare(Before.Plan(), After.Plan());
        }
        catch (MeasurePlanException)
        {
            Result = null; // The page says the revisions cannot be read.
        }
        return Page();
    }

    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
