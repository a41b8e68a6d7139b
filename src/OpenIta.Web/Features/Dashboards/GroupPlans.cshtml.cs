using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Plans;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Dashboards;

/// <summary>
/// The oversight view of a group's action plans for one fiscal year (issue 11, item 4): which agencies below it have a
/// plan and a round, how far each round is (reports accepted, waiting), the KPIs achieved in the latest round (judged
/// by <see cref="Achievement"/>, as every page and document) and the budget planned and spent. Like the results
/// dashboard it is driven from the group's agencies (the Path range: <c>AgencyId IN (SELECT Id FROM agencies WHERE
/// Path …)</c>), so it costs what the group has, not what the database has; at most <see cref="ListLimit"/> agencies
/// are listed.
/// </summary>
public sealed class GroupPlansModel(OpenItaDb db, AgencyLookup lookup) : GroupPageModel(lookup)
{
    public const int ListLimit = 1000;

    /// <summary>One agency's line.</summary>
    public sealed record Line(string Slug, string NameTh, string? Abbreviation, bool HasPlan, string? Period, RoundStatus? Status, int? RoundId,
        int Accepted, int Waiting, int Drafts, int Achieved, int NotAchieved, int Unknown, decimal Planned, decimal? Spent);

    public IReadOnlyList<int> Years { get; private set; } = [];
    public int? Year { get; private set; }
    public int AgencyCount { get; private set; }
    public List<Line> Lines { get; } = [];

    public int WithPlan => Lines.Count(l => l.HasPlan);
    public int WithRound => Lines.Count(l => l.Status is not null);
    public int Closed => Lines.Count(l => l.Status == RoundStatus.Closed);
    public int Achieved => Lines.Sum(l => l.Achieved);
    public int Judged => Lines.Sum(l => l.Achieved + l.NotAchieved);
    public decimal Planned => Lines.Sum(l => l.Planned);
    public decimal? Spent => Lines.Any(l => l.Spent is not null) ? Lines.Sum(l => l.Spent ?? 0m) : null;

    public async Task<IActionResult> OnGetAsync(string slug, int? year, CancellationToken cancellationToken)
    {
        if (await OverseeAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }
        var groupId = Group.Id;
        var below = db.Agencies.AsNoTracking().Within(Group.Path).Where(a => a.Id != groupId);
        var ids = below.Select(a => a.Id);
        AgencyCount = await below.CountAsync(cancellationToken);
        var planYears = await db.ActionPlans.AsNoTracking().Where(p => ids.Contains(p.AgencyId))
            .Select(p => new { p.FirstYear, p.LastYear }).Distinct().ToListAsync(cancellationToken);
        Years = [.. planYears.SelectMany(p => Enumerable.Range(p.FirstYear, Math.Max(0, p.LastYear - p.FirstYear) + 1)).Distinct().OrderDescending()];
        Year = year is { } asked && asked is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe ? asked : Years.Count > 0 ? Years[0] : null;
        if (Year is not { } selected)
        {
            return Page();
        }

        var agencies = await below.OrderBy(a => a.NameTh).Take(ListLimit)
            .Select(a => new { a.Id, a.Slug, a.NameTh, a.Abbreviation }).ToListAsync(cancellationToken);
        var plans = await db.ActionPlans.AsNoTracking().Where(p => ids.Contains(p.AgencyId) && p.FirstYear <= selected && p.LastYear >= selected)
            .Select(p => new { p.Id, p.AgencyId, p.ContentJson }).ToListAsync(cancellationToken);
        var roundsInYear = db.ProgressRounds.AsNoTracking().Where(r => ids.Contains(r.AgencyId) && r.FiscalYear == selected);
        var rounds = await roundsInYear.Select(r => new { r.Id, r.AgencyId, r.PlanId, r.Period, r.Status, r.ClosedAtUnixMs }).ToListAsync(cancellationToken);
        var roundIds = roundsInYear.Select(r => r.Id);
        var reviews = await db.ProgressEntries.AsNoTracking().Where(e => roundIds.Contains(e.RoundId) && e.Sequence == 0)
            .GroupBy(e => new { e.RoundId, e.Review }).Select(g => new { g.Key.RoundId, g.Key.Review, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // The latest round of each agency: its accepted entries (and corrections) are what the achievement reads.
        var latest = rounds.GroupBy(r => r.AgencyId)
            .Select(g => g.OrderByDescending(r => PlanStore.ParsePeriod(r.Period).LastFiscalMonth).ThenBy(r => r.Period, StringComparer.Ordinal).First())
            .ToDictionary(r => r.AgencyId);
        var latestIds = latest.Values.Select(r => r.Id).ToList();
        var accepted = await db.ProgressEntries.AsNoTracking()
            .Where(e => roundIds.Contains(e.RoundId) && e.Review == ReviewStatus.Accepted && e.ItemNumber != null)
            .ToListAsync(cancellationToken);
        var totals = await db.Results.AsNoTracking().Where(r => ids.Contains(r.AgencyId) && r.FiscalYear == selected)
            .Select(r => new { r.AgencyId, r.TotalHundredths }).ToListAsync(cancellationToken);
        var fiscalYear = new FiscalYear(selected);

        foreach (var agency in agencies)
        {
            var planRow = plans.FirstOrDefault(p => p.AgencyId == agency.Id);
            latest.TryGetValue(agency.Id, out var round);
            int Count(ReviewStatus review) => round is null ? 0 : reviews.Where(r => r.RoundId == round.Id && r.Review == review).Sum(r => r.Count);
            var (achieved, notAchieved, unknown, planned) = (0, 0, 0, 0m);
            decimal? spent = null;
            if (planRow is not null)
            {
                ActionPlan? plan = null;
                try
                {
                    plan = PlanJson.Read(planRow.ContentJson).Plan;
                }
                catch (PlanException)
                {
                    // A plan that no longer reads is shown as having no figures; its own page says why.
                }
                if (plan is not null)
                {
                    var effective = round is null
                        ? []
                        : accepted.Where(e => e.RoundId == round.Id).GroupBy(e => e.Subject, StringComparer.Ordinal)
                            .Select(g => g.OrderByDescending(e => e.Sequence).First().Entry()).ToList();
                    var progress = round is null ? null : new ProgressRound(fiscalYear, PlanStore.ParsePeriod(round.Period), effective);
                    var total = totals.FirstOrDefault(t => t.AgencyId == agency.Id)?.TotalHundredths is { } h ? h / 100m : (decimal?)null;
                    foreach (var (item, kpi) in plan.Kpis())
                    {
                        switch (Achievement.Of(kpi, progress?.ForItem(item.Number), total).Status)
                        {
                            case AchievementStatus.Achieved: achieved++; break;
                            case AchievementStatus.NotAchieved: notAchieved++; break;
                            default: unknown++; break;
                        }
                    }
                    var budget = BudgetRollup.ByYear(plan, progress is null ? [] : [progress]).FirstOrDefault(b => b.FiscalYear == fiscalYear);
                    planned = budget?.Planned ?? 0m;
                    spent = budget?.Spent;
                }
            }
            Lines.Add(new Line(agency.Slug, agency.NameTh, agency.Abbreviation, planRow is not null, round?.Period, round?.Status, round?.Id,
                Count(ReviewStatus.Accepted), Count(ReviewStatus.Submitted), Count(ReviewStatus.Draft) + Count(ReviewStatus.Returned),
                achieved, notAchieved, unknown, planned, spent));
        }
        return Page();
    }
}
