using Microsoft.AspNetCore.Mvc;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Plans;
using OpenIta.Data.Publishing;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// <c>/public/agencies/{slug}/{year}</c>: what the agency published for a fiscal year — the measures that run that year
/// (the current revision, and earlier published ones marked as superseded), the action plan covering it, the published
/// progress rounds, the OIT as submitted. 404 when it published nothing that year.
/// </summary>
public sealed class YearModel(OpenItaDb db, Publications publications) : PublicPageModel(db, publications)
{
    public int Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<PublishedRevision> Measures { get; private set; } = [];
    public PublishedPlan? Plan { get; private set; }
    public IReadOnlyList<ProgressRoundRow> Rounds { get; private set; } = [];
    public PublishedOit? Oit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, CancellationToken cancellationToken)
    {
        if (year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe || !await LoadAgencyAsync(slug, cancellationToken))
        {
            return NotFound();
        }
        Year = year;
        Years = await Publications.YearsAsync(Agency.Id, cancellationToken);
        if (!Years.Contains(year))
        {
            return NotFound();
        }
        Measures = await Publications.MeasuresAsync(Agency.Id, year, cancellationToken);
        Plan = await Publications.PlanAsync(Agency.Id, year, cancellationToken);
        Rounds = await Publications.RoundsAsync(Agency.Id, year, cancellationToken);
        Oit = await Publications.OitAsync(Agency.Id, year, cancellationToken);
        return Page();
    }
}
