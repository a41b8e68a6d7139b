using Microsoft.AspNetCore.Mvc;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Publishing;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// <c>/public/agencies/{slug}/{year}/measures/{revision}</c>: one published revision of the measures that run in the
/// year, with its documents. A superseded revision stays readable, marked, with a link to the current one; a revision
/// that was never published is 404. The approval shows the approver's position, date and memo number, not a name.
/// </summary>
public sealed class MeasuresModel(OpenItaDb db, Publications publications) : PublicPageModel(db, publications)
{
    public int Year { get; private set; }
    public PublishedRevision Published { get; private set; } = null!;
    public MeasurePlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int year, int revision, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken)
            || await Publications.MeasureAsync(Agency.Id, year, revision, cancellationToken) is not { } published)
        {
            return NotFound();
        }
        Year = year;
        Published = published;
        try
        {
            Plan = published.Revision.Plan();
        }
        catch (MeasurePlanException)
        {
            return NotFound();
        }
        return Page();
    }
}
