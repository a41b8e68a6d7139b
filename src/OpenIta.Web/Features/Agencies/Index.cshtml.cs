using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Agencies;

/// <summary>The start page: every agency the user may read, with its latest result, and the group dashboards the user may see.</summary>
public sealed class IndexModel(OpenItaDb db, CurrentUser user, MeasurePlanStore plans) : PageModel
{
    public sealed record Row(Agency Agency, int? LatestYear, int? LatestTotal, string? LatestRating);

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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var permissions = await user.PermissionsAsync(cancellationToken);
        await InboxAsync(permissions, cancellationToken);
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
        Rows = agencies.Select(a => byAgency.TryGetValue(a.Id, out var l)
            ? new Row(a, l.FiscalYear, l.TotalHundredths, l.RatingCode)
            : new Row(a, null, null, null)).ToList();
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
