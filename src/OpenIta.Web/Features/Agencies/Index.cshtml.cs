using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Agencies;

/// <summary>The start page: every agency the user may read, with its latest result, and the group dashboards the user may see.</summary>
public sealed class IndexModel(OpenItaDb db, CurrentUser user, MeasurePlanStore plans, Plans.ToDoList toDo) : PageModel
{
    public sealed record Row(Agency Agency, int? LatestYear, int? LatestTotal, string? LatestRating);

    /// <summary>A measure naming a unit the user owns, in the newest revision of the agency's newest plan.</summary>
    public sealed record OwnedMeasure(Agency Agency, int FiscalYear, PlanStatus Status, int Number, string Title, IReadOnlyList<string> Units);

    /// <summary>Whether the user owns units somewhere (holds the unit-owner role): the page shows their measures.</summary>
    public bool IsUnitOwner { get; private set; }

    public List<OwnedMeasure> MyMeasures { get; private set; } = [];

    public List<Row> Rows { get; private set; } = [];

    /// <summary>Groups with a dashboard for this user: those they oversee (for an administrator, every group).</summary>
    public List<Agency> Dashboards { get; private set; } = [];

    /// <summary>The executive's inbox: the newest revisions submitted for their approval, across their agencies.</summary>
    public IReadOnlyList<MeasurePlanRevision> ToApprove { get; private set; } = [];

    /// <summary>
    /// The coordinator's inbox, across their agencies: plans returned for changes (drafts once submitted), submitted
    /// ones waiting for the executive, approved ones waiting to be published.
    /// </summary>
    public IReadOnlyList<MeasurePlanRevision> ForCoordinator { get; private set; } = [];

    /// <summary>The agencies (among <see cref="ForCoordinator"/>'s) that have no executive to approve.</summary>
    public IReadOnlySet<int> WithoutApprover { get; private set; } = new HashSet<int>();

    /// <summary>The administrator's: submitted plans no one can approve, the agency having no executive.</summary>
    public IReadOnlyList<MeasurePlanRevision> Unapprovable { get; private set; } = [];
    /// <summary>An assessor's work: the groups (or agencies) they assess, with the year, newest year first.</summary>
    public IReadOnlyList<(Agency Group, int FiscalYear)> Assessments { get; private set; } = [];

    /// <summary>The progress reports the user owes (a unit owner's or coordinator's to-do list).</summary>
    public IReadOnlyList<Plans.ToDoRow> ToDo { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var permissions = await user.PermissionsAsync(cancellationToken);
        await InboxAsync(permissions, cancellationToken);
        ToDo = await toDo.ForAsync(permissions, cancellationToken);
        var agencies = await permissions.Readable(db.Agencies.AsNoTracking())
            .OrderBy(a => a.Path).Take(1000).ToListAsync(cancellationToken);
        var ids = agencies.Select(a => a.Id).ToList();
        var latest = await db.Results.AsNoTracking().Where(r => ids.Contains(r.AgencyId))
            .GroupBy(r => r.AgencyId)
            .Select(g => g.OrderByDescending(r => r.FiscalYear).Select(r => new { r.AgencyId, r.FiscalYear, r.TotalHundredths, r.RatingCode }).First())
            .ToListAsync(cancellationToken);
        var byAgency = latest.ToDictionary(l => l.AgencyId);
        var overseen = permissions.Grants.Where(g => g.Role == Role.Oversight).Select(g => g.AgencyId).ToList();
        Dashboards = await db.Agencies.AsNoTracking()
            .Where(a => (permissions.IsAdministrator || overseen.Contains(a.Id)) && db.Agencies.Any(c => c.ParentId == a.Id))
            .OrderBy(a => a.Path).Take(100).ToListAsync(cancellationToken);
        var assessed = permissions.Assessing.Select(a => a.AgencyId).Distinct().ToList();
        var groups = await db.Agencies.AsNoTracking().Where(a => assessed.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        Assessments = permissions.Assessing.Where(a => groups.ContainsKey(a.AgencyId))
            .Select(a => (groups[a.AgencyId], a.FiscalYear)).Distinct()
            .OrderByDescending(a => a.FiscalYear).ThenBy(a => a.Item1.Path, StringComparer.Ordinal).ToList();
        await LoadMyMeasuresAsync(permissions, agencies, cancellationToken);
        Rows = agencies.Select(a => byAgency.TryGetValue(a.Id, out var l)
            ? new Row(a, l.FiscalYear, l.TotalHundredths, l.RatingCode)
            : new Row(a, null, null, null)).ToList();
    }

    /// <summary>
    /// A unit owner's measures: in each agency where they own units, the measures of the newest revision of the newest
    /// plan (the agency's own users see drafts too) whose responsible units or steps' owners name one of their units.
    /// </summary>
    private async Task LoadMyMeasuresAsync(Permissions permissions, List<Agency> agencies, CancellationToken cancellationToken)
    {
        var owned = permissions.Grants.Where(g => g.Role == Role.UnitOwner).Select(g => g.AgencyId).Distinct().ToList();
        IsUnitOwner = owned.Count > 0;
        if (!IsUnitOwner)
        {
            return;
        }
        var plans = await db.MeasurePlans.AsNoTracking().Where(p => owned.Contains(p.AgencyId))
            .GroupBy(p => p.AgencyId)
            .Select(g => g.OrderByDescending(p => p.FiscalYear).ThenByDescending(p => p.Revision)
                .Select(p => new { p.AgencyId, p.FiscalYear, p.Status, p.ContentJson }).First())
            .ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            var agency = agencies.FirstOrDefault(a => a.Id == plan.AgencyId);
            if (agency is null)
            {
                continue;
            }
            var mine = permissions.UnitsOwnedIn(agency);
            foreach (var measure in MeasurePlanJson.Read(plan.ContentJson).Measures)
            {
                var units = Permissions.MeasureOwners(measure).Select(o => o.Trim()).Where(mine.Contains).Distinct(StringComparer.Ordinal).ToList();
                if (units.Count > 0)
                {
                    MyMeasures.Add(new OwnedMeasure(agency, plan.FiscalYear, plan.Status, measure.Number, measure.Title, units));
                }
            }
        }
    }

    private async Task InboxAsync(Permissions permissions, CancellationToken cancellationToken)
    {
        var executiveOf = permissions.Grants.Where(g => g.Role == Role.Executive).Select(g => g.AgencyId).ToList();
        ToApprove = await plans.WaitingAsync(executiveOf, [Core.Measures.PlanStatus.Submitted], cancellationToken: cancellationToken);
        var coordinatorOf = permissions.Grants.Where(g => g.Role == Role.Coordinator).Select(g => g.AgencyId).ToList();
        var waiting = await plans.WaitingAsync(coordinatorOf,
            [Core.Measures.PlanStatus.Draft, Core.Measures.PlanStatus.Submitted, Core.Measures.PlanStatus.Approved], cancellationToken: cancellationToken);
        // A draft is waiting for the coordinator only when it came back from the executive (it was submitted before).
        ForCoordinator = waiting.Where(p => p.Status != Core.Measures.PlanStatus.Draft || p.SubmittedAtUnixMs is not null).ToList();
        var submitted = ForCoordinator.Where(p => p.Status == Core.Measures.PlanStatus.Submitted).Select(p => p.AgencyId).Distinct().ToList();
        var approvers = await db.Memberships.AsNoTracking().Where(m => submitted.Contains(m.AgencyId) && m.Role == Role.Executive)
            .Select(m => m.AgencyId).Distinct().ToListAsync(cancellationToken);
        WithoutApprover = submitted.Except(approvers).ToHashSet();
        if (permissions.IsAdministrator)
        {
            Unapprovable = await plans.WithoutApproverAsync(cancellationToken: cancellationToken);
        }
    }
}
