using Microsoft.AspNetCore.Mvc;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Plans;
using OpenIta.Data.Publishing;

namespace OpenIta.Web.Features.Public;

/// <summary>
/// <c>/public/agencies/{slug}/{year}/progress/{period}</c>: a published round (closed, then published by the
/// coordinator): what each item of the plan reported (the accepted entries and the corrections, as the report prints
/// them), and the documents. 404 for a round that is open, unpublished or unknown.
/// </summary>
public sealed class ProgressModel(OpenItaDb db, Publications publications, PlanStore store) : PublicPageModel(db, publications)
{
    public int Year { get; private set; }
    public ProgressRoundRow Round { get; private set; } = null!;
    public ActionPlan Plan { get; private set; } = null!;
    public ProgressRound Progress { get; private set; } = null!;
    public bool HasMeasures { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int year, string period, CancellationToken cancellationToken)
    {
        if (!await LoadAgencyAsync(slug, cancellationToken)
            || await Publications.RoundAsync(Agency.Id, year, period, cancellationToken) is not { } round
            || await store.FindPlanAsync(Agency.Id, round.PlanId, cancellationToken) is not { } plan)
        {
            return NotFound();
        }
        Year = year;
        Round = round;
        Plan = plan.Plan();
        Progress = await store.ProgressRoundAsync(round.Id, RoundPart.Items, cancellationToken: cancellationToken);
        HasMeasures = await store.PublishedMeasuresForAsync(Agency.Id, year, cancellationToken) is not null;
        return Page();
    }
}
