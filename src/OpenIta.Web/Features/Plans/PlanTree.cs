using OpenIta.Core.Plans;

namespace OpenIta.Web.Features.Plans;

/// <summary>Changes to a plan's tree made on the plan page: an item moved among its siblings, an item's text replaced.
/// Each gives a new plan; the store checks it (<see cref="PlanRules"/>) before it is saved.</summary>
public static class PlanTree
{
    /// <summary>The plan with the item moved up (-1) or down (+1) among its siblings; null when it cannot move so.</summary>
    public static ActionPlan? Move(ActionPlan plan, string number, int delta)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var moved = false;
        IReadOnlyList<PlanItem> Walk(IReadOnlyList<PlanItem> items)
        {
            var list = items.ToList();
            var at = list.FindIndex(i => i.Number == number);
            if (at >= 0)
            {
                var to = at + delta;
                if (to < 0 || to >= list.Count)
                {
                    return items;
                }
                (list[at], list[to]) = (list[to], list[at]);
                moved = true;
                return list;
            }
            return [.. list.Select(i => i.Items.Count == 0 ? i : With(i, Walk(i.Items)))];
        }
        var items = Walk(plan.Items);
        return moved ? Rebuilt(plan, items) : null;
    }

    /// <summary>The plan with one item replaced; null when no item has the number.</summary>
    public static ActionPlan? Replace(ActionPlan plan, string number, Func<PlanItem, PlanItem> change)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(change);
        var found = false;
        IReadOnlyList<PlanItem> Walk(IReadOnlyList<PlanItem> items) => [.. items.Select(i =>
        {
            if (i.Number == number)
            {
                found = true;
                return change(i);
            }
            return i.Items.Count == 0 ? i : With(i, Walk(i.Items));
        })];
        var items = Walk(plan.Items);
        return found ? Rebuilt(plan, items) : null;
    }

    /// <summary>An item with other children.</summary>
    public static PlanItem With(PlanItem item, IReadOnlyList<PlanItem> items)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new PlanItem(item.Number, item.Title, item.Label, item.Goal, item.Objective, item.Owners, item.Kpis, item.Budgets,
            item.Timeline, item.Notes, items);
    }

    /// <summary>An item with its words changed: title, goal, objective, owners.</summary>
    public static PlanItem Edited(PlanItem item, string title, string? goal, string? objective, IReadOnlyList<string> owners)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new PlanItem(item.Number, title, item.Label, string.IsNullOrWhiteSpace(goal) ? null : goal.Trim(),
            string.IsNullOrWhiteSpace(objective) ? null : objective.Trim(), owners, item.Kpis, item.Budgets, item.Timeline, item.Notes, item.Items);
    }

    private static ActionPlan Rebuilt(ActionPlan plan, IReadOnlyList<PlanItem> items) =>
        new(plan.Title, plan.FiscalYears, plan.Levels, items, plan.HeadingLevels, plan.Notes);
}
