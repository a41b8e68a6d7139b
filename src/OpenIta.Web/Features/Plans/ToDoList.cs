using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Plans;
using OpenIta.Data.Users;
using OpenIta.Reports.Thai;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>One thing the user still owes: the agency, the open round, the item or measure, and whether it is overdue.</summary>
public sealed record ToDoRow(Agency Agency, ProgressRoundRow Round, RoundSubject Subject, bool Overdue);

/// <summary>
/// The user's own to-do list across their agencies (the to-do page and the start page): for a unit owner the items and
/// measures their units own, for a coordinator everything of the agency, in open rounds, not yet sent or sent back
/// (<see cref="PlanStore.ToDoAsync"/>); headings without KPIs or budget are not reported on and are left out
/// (<see cref="RoundView.IsReportable"/>). Overdue: the round's due date has passed (Thailand's today).
/// </summary>
public sealed class ToDoList(OpenItaDb db, PlanStore store, CurrentUser user, TimeProvider clock)
{
    public async Task<IReadOnlyList<ToDoRow>> ForAsync(CancellationToken cancellationToken)
    {
        var permissions = await user.PermissionsAsync(cancellationToken);
        return await ForAsync(permissions, cancellationToken);
    }

    /// <summary>The list of a user with these permissions (also for the e-mail reminders).</summary>
    public async Task<IReadOnlyList<ToDoRow>> ForAsync(Permissions permissions, CancellationToken cancellationToken, int? onlyRound = null)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var ids = permissions.Grants.Where(g => g.Role is Role.Coordinator or Role.UnitOwner).Select(g => g.AgencyId).Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var agencies = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.Path).ToListAsync(cancellationToken);
        var today = ThaiTime.Today(clock);
        var rows = new List<ToDoRow>();
        var plans = new Dictionary<int, Core.Plans.ActionPlan?>();
        foreach (var agency in agencies)
        {
            foreach (var todo in await store.ToDoAsync(agency, permissions, cancellationToken))
            {
                if (onlyRound is { } only && todo.Round.Id != only)
                {
                    continue;
                }
                if (!plans.TryGetValue(todo.Round.PlanId, out var plan))
                {
                    plan = plans[todo.Round.PlanId] = (await store.FindPlanAsync(agency.Id, todo.Round.PlanId, cancellationToken))?.Plan();
                }
                if (plan is null || !RoundView.IsReportable(plan, todo.Subject, todo.Round.Year()))
                {
                    continue;
                }
                rows.Add(new ToDoRow(agency, todo.Round, todo.Subject, todo.Round.DueOn is { } due && today > due));
            }
        }
        return rows;
    }
}
