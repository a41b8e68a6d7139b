using OpenIta.Core.Methodology;

namespace OpenIta.Core.Plans;

/// <summary>Money planned and spent for an item (with everything under it), a level or a year.</summary>
/// <param name="Planned">Every amount planned, own and other units'.</param>
/// <param name="PlannedOtherUnits">The part of <paramref name="Planned"/> from other units' budgets.</param>
/// <param name="Spent">Money spent as the round reports it; null when no entry reports any.</param>
public sealed record BudgetTotal(string Name, FiscalYear FiscalYear, decimal Planned, decimal PlannedOtherUnits, decimal? Spent)
{
    /// <summary>Spent as a percentage of planned (exact); null when nothing is planned or nothing reported.</summary>
    public decimal? SpentPercent => Spent is { } s && Planned > 0 ? s * 100m / Planned : null;
}

/// <summary>
/// Budget roll-ups. An amount belongs to the item that states it; an item's total adds its own and everything under
/// it (<see cref="PlanRules"/> refuses an amount stated at two levels of one branch for the same year, so nothing is
/// counted twice). Spent comes from the round's effective entries, by the same rule.
/// </summary>
public static class BudgetRollup
{
    /// <summary>An item and everything under it, for a year.</summary>
    public static BudgetTotal OfItem(PlanItem item, FiscalYear year, ProgressRound? round = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var items = Subtree(item).ToList();
        return Total(item.Number, year, items, round);
    }

    /// <summary>Each level's items together, for a year: where the money is planned.</summary>
    public static IReadOnlyList<BudgetTotal> ByLevel(ActionPlan plan, FiscalYear year, ProgressRound? round = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var all = plan.All().ToList();
        return [.. plan.Levels.Select((name, level) =>
            Total(name, year, [.. all.Where(p => p.Depth == level).Select(p => p.Item)], round))];
    }

    /// <summary>The whole plan per fiscal year; spent from the latest round of each year among <paramref name="rounds"/>.</summary>
    public static IReadOnlyList<BudgetTotal> ByYear(ActionPlan plan, IReadOnlyList<ProgressRound> rounds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rounds);
        var items = plan.All().Select(p => p.Item).ToList();
        return [.. plan.FiscalYears.Select(year => Total(year.ToString(), year, items,
            rounds.Where(r => r.FiscalYear == year).OrderBy(r => r.To).ThenBy(r => r.Period.Kind).LastOrDefault()))];
    }

    private static BudgetTotal Total(string name, FiscalYear year, IReadOnlyList<PlanItem> items, ProgressRound? round)
    {
        var budgets = items.Select(i => i.BudgetOf(year)).OfType<Budget>().ToList();
        var spent = round is null || round.FiscalYear != year
            ? null
            : items.Select(i => round.ForItem(i.Number)?.Spent).OfType<decimal>().ToList();
        return new BudgetTotal(name, year,
            budgets.Sum(b => b.Planned ?? 0m),
            budgets.Where(b => b.Source == BudgetSource.OtherUnit).Sum(b => b.Planned ?? 0m),
            spent is { Count: > 0 } ? spent.Sum() : null);
    }

    private static IEnumerable<PlanItem> Subtree(PlanItem item) => [item, .. item.Items.SelectMany(Subtree)];
}
