using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;

namespace OpenIta.Data.Publishing;

/// <summary>A published revision of a measures plan, and the newer published revision that replaced it (null while it is the current one).</summary>
public sealed record PublishedRevision(MeasurePlanRevision Revision, int? SupersededBy)
{
    public bool IsSuperseded => SupersededBy is not null;
}

/// <summary>An action plan as published (<see cref="ActionPlanRow.PublishedContentJson"/>), with its first and last years as published.</summary>
public sealed record PublishedPlan(ActionPlanRow Row, ActionPlan Plan, long PublishedAtUnixMs)
{
    public int FirstYear => Plan.FiscalYears[0].BuddhistEra;
    public int LastYear => Plan.FiscalYears[^1].BuddhistEra;
    public bool Covers(int year) => year >= FirstYear && year <= LastYear;
}

/// <summary>
/// What an agency published, and nothing else (issue 13, item 5): the one place that decides what the public may read.
/// <list type="bullet">
/// <item>Measures: revisions whose status is published. A published revision that a later published revision replaced
/// stays readable, marked as superseded by it; drafts, submitted and approved-but-unpublished revisions are not public
/// (also when a newer revision exists).</item>
/// <item>Action plans: the content the coordinator published (a snapshot), never the working copy.</item>
/// <item>Progress rounds: closed rounds the coordinator published.</item>
/// <item>OIT: the year's set once the coordinator submitted it, each item with its current links (<see cref="PublishedOit"/>).</item>
/// </list>
/// Years are the fiscal years the public reads by: the measures of year Y are those that run in Y (answering the results
/// of Y − 1, as <see cref="PlanStore.MeasuresForAsync(int, int, CancellationToken)"/> reads them); a plan belongs to
/// every year it covers; a round to its year.
/// </summary>
public sealed class Publications(OpenItaDb db, FrameworkCatalog catalog)
{
    /// <summary>Every published revision of the measures that run in <paramref name="year"/>, newest first.</summary>
    public async Task<IReadOnlyList<PublishedRevision>> MeasuresAsync(int agencyId, int year, CancellationToken cancellationToken = default)
    {
        var revisions = await db.MeasurePlans.AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.FiscalYear == year - 1 && p.Status == PlanStatus.Published)
            .OrderByDescending(p => p.Revision).ToListAsync(cancellationToken);
        return [.. revisions.Select((r, i) => new PublishedRevision(r, i == 0 ? null : revisions[i - 1].Revision))];
    }

    /// <summary>A published revision of the measures that run in <paramref name="year"/>, or null (unpublished or none).</summary>
    public async Task<PublishedRevision?> MeasureAsync(int agencyId, int year, int revision, CancellationToken cancellationToken = default) =>
        (await MeasuresAsync(agencyId, year, cancellationToken)).FirstOrDefault(r => r.Revision.Revision == revision);

    /// <summary>The published plan covering <paramref name="year"/>, or null.</summary>
    public async Task<PublishedPlan?> PlanAsync(int agencyId, int year, CancellationToken cancellationToken = default) =>
        (await PlansAsync(agencyId, cancellationToken)).FirstOrDefault(p => p.Covers(year));

    /// <summary>The agency's published plans, as published, newest years first.</summary>
    public async Task<IReadOnlyList<PublishedPlan>> PlansAsync(int agencyId, CancellationToken cancellationToken = default)
    {
        var rows = await db.ActionPlans.AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.PublishedContentJson != null && p.PublishedAtUnixMs != null)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PublishedPlan(r, r.Published()!, r.PublishedAtUnixMs!.Value)).OrderByDescending(p => p.FirstYear)];
    }

    /// <summary>The published rounds of <paramref name="year"/>, in the order of their periods.</summary>
    public async Task<IReadOnlyList<ProgressRoundRow>> RoundsAsync(int agencyId, int year, CancellationToken cancellationToken = default) =>
        [.. (await db.ProgressRounds.AsNoTracking()
                .Where(r => r.AgencyId == agencyId && r.FiscalYear == year && r.Status == RoundStatus.Closed && r.PublishedAtUnixMs != null)
                .ToListAsync(cancellationToken))
            .OrderBy(r => r.AsPeriod().LastFiscalMonth).ThenBy(r => r.Period, StringComparer.Ordinal)];

    /// <summary>The published round of a year and period, or null.</summary>
    public async Task<ProgressRoundRow?> RoundAsync(int agencyId, int year, string period, CancellationToken cancellationToken = default) =>
        await db.ProgressRounds.AsNoTracking().SingleOrDefaultAsync(r => r.AgencyId == agencyId && r.FiscalYear == year && r.Period == period
            && r.Status == RoundStatus.Closed && r.PublishedAtUnixMs != null, cancellationToken);

    /// <summary>The agency's OIT of the year as submitted, or null.</summary>
    public Task<PublishedOit?> OitAsync(int agencyId, int year, CancellationToken cancellationToken = default) =>
        PublishedOitQueries.ReadAsync(db, catalog, agencyId, year, cancellationToken);

    /// <summary>Every fiscal year in which the agency published something of these kinds, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(int agencyId, CancellationToken cancellationToken = default)
    {
        var years = new SortedSet<int>();
        years.UnionWith((await db.MeasurePlans.AsNoTracking().Where(p => p.AgencyId == agencyId && p.Status == PlanStatus.Published)
            .Select(p => p.FiscalYear).Distinct().ToListAsync(cancellationToken)).Select(y => y + 1));
        foreach (var plan in await PlansAsync(agencyId, cancellationToken))
        {
            years.UnionWith(Enumerable.Range(plan.FirstYear, plan.LastYear - plan.FirstYear + 1));
        }
        years.UnionWith(await db.ProgressRounds.AsNoTracking()
            .Where(r => r.AgencyId == agencyId && r.Status == RoundStatus.Closed && r.PublishedAtUnixMs != null)
            .Select(r => r.FiscalYear).Distinct().ToListAsync(cancellationToken));
        years.UnionWith(await PublishedOitQueries.YearsAsync(db, agencyId, cancellationToken));
        return [.. years.Reverse()];
    }
}
