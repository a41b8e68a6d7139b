using System.Globalization;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Plans;

/// <summary>A rule a plan breaks, at the JSON path of the contract (items[0].items[1].kpis[0].id).</summary>
public sealed record PlanError(string Path, string Message);

/// <summary>
/// The rules across an action plan and its rounds, each fault named by its JSON path: item numbers unique; KPI ids
/// unique in the plan; one budget per item and year, inside the plan's years, stated at one level of a branch (so
/// roll-ups count nothing twice); reports of the plan's years, one round of a kind per year, naming known items and
/// their own KPIs with actuals that fit the KPI (none for a KPI read from the ITA total); measures reports naming the
/// measures of the year's measures plan and their KPIs when that plan is given.
/// </summary>
public static class PlanRules
{
    /// <summary>Every fault, in document order; empty when the plan is valid.</summary>
    /// <param name="measures">The agency's measures plan whose measures run in a fiscal year, when known.</param>
    public static IReadOnlyList<PlanError> Validate(PlanImport import, Func<FiscalYear, MeasurePlan?>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(import);
        var errors = new List<PlanError>();
        var plan = import.Plan;
        var items = Walk(plan.Items, "items", []).ToList();

        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        var kpis = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path, ancestors) in items)
        {
            if (!numbers.TryAdd(item.Number, path))
            {
                errors.Add(new($"{path}.number", $"item number {item.Number} is used twice (also {numbers[item.Number]})"));
            }
            for (var k = 0; k < item.Kpis.Count; k++)
            {
                if (!kpis.TryAdd(item.Kpis[k].Id, $"{path}.kpis[{k}]"))
                {
                    errors.Add(new($"{path}.kpis[{k}].id", $"KPI id {item.Kpis[k].Id} is used twice (also {kpis[item.Kpis[k].Id]})"));
                }
            }
            for (var b = 0; b < item.Budgets.Count; b++)
            {
                var budget = item.Budgets[b];
                var at = $"{path}.budgets[{b}]";
                if (!plan.Covers(budget.FiscalYear))
                {
                    errors.Add(new($"{at}.fiscalYear", $"{budget.FiscalYear} is not a year of the plan ({Years(plan)})"));
                }
                if (item.Budgets.Take(b).Any(o => o.FiscalYear == budget.FiscalYear))
                {
                    errors.Add(new($"{at}.fiscalYear", $"the item has two budgets for {budget.FiscalYear}"));
                }
                if (budget.Planned is not null
                    && ancestors.FirstOrDefault(a => a.BudgetOf(budget.FiscalYear)?.Planned is not null) is { } above)
                {
                    errors.Add(new($"{at}.planned",
                        $"item {above.Number} above already states an amount for {budget.FiscalYear}: state it at one level of a branch, or the totals count it twice"));
                }
            }
        }

        var byNumber = new Dictionary<string, PlanItem>(StringComparer.Ordinal);
        foreach (var (item, _, _) in items)
        {
            byNumber.TryAdd(item.Number, item);
        }
        Rounds(import.Reports, "reports", plan, errors, (_, entry, at) =>
        {
            if (!byNumber.TryGetValue(entry.Item!, out var item))
            {
                errors.Add(new($"{at}.item", $"no item numbered {entry.Item} in the plan"));
                return;
            }
            Actuals(entry, at, item.Kpis, $"item {item.Number}", errors);
        });
        Rounds(import.MeasureReports, "measureReports", plan, errors, (round, entry, at) =>
        {
            // The measures plan whose measures run in this round's year (its results year is the year before).
            if (measures?.Invoke(round.FiscalYear) is not { } measurePlan)
            {
                return;
            }
            var measure = measurePlan.Measures.FirstOrDefault(m => m.Number == entry.Measure);
            if (measure is null)
            {
                errors.Add(new($"{at}.measure", string.Create(CultureInfo.InvariantCulture,
                    $"the measures of FY{round.FiscalYear} have no measure {entry.Measure} (they are 1–{measurePlan.Measures.Count})")));
                return;
            }
            Actuals(entry, at, measure.Kpis ?? [], $"measure {measure.Number}", errors);
        });
        return errors;
    }

    private static void Rounds(IReadOnlyList<ProgressRound> rounds, string name, ActionPlan plan, List<PlanError> errors,
        Action<ProgressRound, ProgressEntry, string> entry)
    {
        for (var r = 0; r < rounds.Count; r++)
        {
            var round = rounds[r];
            var at = $"{name}[{r}]";
            if (!plan.Covers(round.FiscalYear))
            {
                errors.Add(new($"{at}.fiscalYear", $"{round.FiscalYear} is not a year of the plan ({Years(plan)})"));
                continue;
            }
            if (rounds.Take(r).Any(o => o.FiscalYear == round.FiscalYear && o.Period == round.Period))
            {
                errors.Add(new($"{at}.round", $"round {round.Period} of {round.FiscalYear} is given twice"));
            }
            for (var e = 0; e < round.Entries.Count; e++)
            {
                entry(round, round.Entries[e], $"{at}.entries[{e}]");
            }
            for (var c = 0; c < round.Corrections.Count; c++)
            {
                entry(round, round.Corrections[c].Entry, $"{at}.corrections[{c}].entry");
            }
        }
    }

    private static void Actuals(ProgressEntry entry, string at, IReadOnlyList<Kpi> kpis, string owner, List<PlanError> errors)
    {
        for (var a = 0; a < entry.Actuals.Count; a++)
        {
            var actual = entry.Actuals[a];
            var path = $"{at}.actuals[{a}]";
            var kpi = kpis.FirstOrDefault(k => string.Equals(k.Id, actual.Kpi, StringComparison.Ordinal));
            if (kpi is null)
            {
                var known = kpis.Count == 0 ? "it has none" : "its KPIs are " + string.Join(", ", kpis.Select(k => k.Id));
                errors.Add(new($"{path}.kpi", $"unknown KPI id {actual.Kpi} for {owner} ({known})"));
                continue;
            }
            if (entry.Actuals.Take(a).Any(o => o.Kpi == actual.Kpi))
            {
                errors.Add(new($"{path}.kpi", $"KPI {actual.Kpi} has two actuals in this entry"));
            }
            if (kpi.Source == KpiSource.ItaTotal)
            {
                errors.Add(new(path, $"KPI {kpi.Id} is read from the agency's ITA result; it is not reported"));
                continue;
            }
            if (Achievement.ValueOf(kpi, actual) is null)
            {
                errors.Add(new(path, kpi.Kind switch
                {
                    KpiKind.YesNo => $"KPI {kpi.Id} is yes/no: give \"done\": true or false",
                    KpiKind.Percent => $"KPI {kpi.Id} is a percentage: give \"value\" or \"count\" with \"of\"",
                    _ => $"KPI {kpi.Id} is a number: give \"value\"",
                }));
                continue;
            }
            if (kpi.Kind == KpiKind.Percent && actual.Value is < 0 or > 100)
            {
                errors.Add(new($"{path}.value", "a percentage is from 0 to 100"));
            }
            if (actual.IsFraction && kpi.Kind != KpiKind.Percent)
            {
                errors.Add(new(path, $"a count of a total is a percentage, but KPI {kpi.Id} is not of kind percent"));
            }
        }
    }

    private static string Years(ActionPlan plan) => string.Join(", ", plan.FiscalYears);

    private static IEnumerable<(PlanItem Item, string Path, IReadOnlyList<PlanItem> Ancestors)> Walk(
        IReadOnlyList<PlanItem> items, string path, IReadOnlyList<PlanItem> ancestors)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            yield return (items[i], at, ancestors);
            foreach (var below in Walk(items[i].Items, $"{at}.items", [.. ancestors, items[i]]))
            {
                yield return below;
            }
        }
    }
}
