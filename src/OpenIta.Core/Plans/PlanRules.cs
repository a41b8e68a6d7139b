using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Plans;

/// <summary>A rule a plan breaks, at the JSON path of the contract (items[0].items[1].kpis[0].id), and why, in Thai and
/// English (<see cref="PlanFields.Of"/> names the path in words).</summary>
public sealed record PlanError(string Path, Message Reason);

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
                errors.Add(Error($"{path}.number", "number-twice", "เลขที่รายการ {number} ซ้ำ (ซ้ำกับ{also})", "item number {number} is used twice (also {also})",
                    ("number", item.Number), ("also", PlanFields.Of(numbers[item.Number]))));
            }
            for (var k = 0; k < item.Kpis.Count; k++)
            {
                if (!kpis.TryAdd(item.Kpis[k].Id, $"{path}.kpis[{k}]"))
                {
                    errors.Add(Error($"{path}.kpis[{k}].id", "kpi-id-twice", "รหัสตัวชี้วัด {id} ซ้ำ (ซ้ำกับ{also})", "KPI id {id} is used twice (also {also})",
                        ("id", item.Kpis[k].Id), ("also", PlanFields.Of(kpis[item.Kpis[k].Id]))));
                }
            }
            for (var b = 0; b < item.Budgets.Count; b++)
            {
                var budget = item.Budgets[b];
                var at = $"{path}.budgets[{b}]";
                if (!plan.Covers(budget.FiscalYear))
                {
                    errors.Add(YearOutside($"{at}.fiscalYear", budget.FiscalYear, plan));
                }
                if (item.Budgets.Take(b).Any(o => o.FiscalYear == budget.FiscalYear))
                {
                    errors.Add(Error($"{at}.fiscalYear", "budget-year-twice", "รายการนี้มีงบประมาณของปี {year} สองรายการ", "the item has two budgets for {year}",
                        ("year", budget.FiscalYear)));
                }
                if (budget.Planned is not null
                    && ancestors.FirstOrDefault(a => a.BudgetOf(budget.FiscalYear)?.Planned is not null) is { } above)
                {
                    errors.Add(Error($"{at}.planned", "budget-twice-in-branch",
                        "รายการ {number} ซึ่งอยู่ระดับบนระบุวงเงินของปี {year} ไว้แล้ว: ระบุวงเงินไว้ระดับเดียวในสายเดียวกัน มิฉะนั้นยอดรวมจะนับซ้ำ",
                        "item {number} above already states an amount for {year}: state it at one level of a branch, or the totals count it twice",
                        ("number", above.Number), ("year", budget.FiscalYear)));
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
                errors.Add(Error($"{at}.item", "unknown-item", "ไม่มีรายการเลขที่ {item} ในแผน", "no item numbered {item} in the plan", ("item", entry.Item)));
                return;
            }
            Actuals(entry, at, item.Kpis, SubjectOf(entry), errors);
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
                errors.Add(Error($"{at}.measure", "unknown-measure",
                    "มาตรการของปีงบประมาณ พ.ศ. {year} ไม่มีมาตรการที่ {measure} (มีมาตรการที่ 1–{count})",
                    "the measures of FY{year} have no measure {measure} (they are 1–{count})",
                    ("year", round.FiscalYear), ("measure", entry.Measure), ("count", measurePlan.Measures.Count)));
                return;
            }
            Actuals(entry, at, measure.Kpis ?? [], SubjectOf(entry), errors);
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
                errors.Add(YearOutside($"{at}.fiscalYear", round.FiscalYear, plan));
                continue;
            }
            if (rounds.Take(r).Any(o => o.FiscalYear == round.FiscalYear && o.Period == round.Period))
            {
                errors.Add(Error($"{at}.round", "round-twice", "รอบรายงาน {period} ของปีงบประมาณ พ.ศ. {year} มีซ้ำ", "round {period} of {year} is given twice",
                    ("period", round.Period), ("year", round.FiscalYear)));
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

    private static void Actuals(ProgressEntry entry, string at, IReadOnlyList<Kpi> kpis, Message owner, List<PlanError> errors)
    {
        for (var a = 0; a < entry.Actuals.Count; a++)
        {
            var actual = entry.Actuals[a];
            var path = $"{at}.actuals[{a}]";
            var kpi = kpis.FirstOrDefault(k => string.Equals(k.Id, actual.Kpi, StringComparison.Ordinal));
            if (kpi is null)
            {
                var ids = string.Join(", ", kpis.Select(k => k.Id));
                errors.Add(kpis.Count == 0
                    ? Error($"{path}.kpi", "unknown-kpi", "{owner}ไม่มีตัวชี้วัด จึงไม่มีตัวชี้วัดรหัส {kpi}", "unknown KPI id {kpi} for {owner} (it has none)",
                        ("kpi", actual.Kpi), ("owner", owner))
                    : Error($"{path}.kpi", "unknown-kpi", "{owner}ไม่มีตัวชี้วัดรหัส {kpi} (ตัวชี้วัดคือ {ids})", "unknown KPI id {kpi} for {owner} (its KPIs are {ids})",
                        ("kpi", actual.Kpi), ("owner", owner), ("ids", ids)));
                continue;
            }
            if (entry.Actuals.Take(a).Any(o => o.Kpi == actual.Kpi))
            {
                errors.Add(Error($"{path}.kpi", "actual-twice", "ตัวชี้วัด {kpi} มีผลสองค่าในรายงานเดียวกัน", "KPI {kpi} has two actuals in this entry", ("kpi", actual.Kpi)));
            }
            if (kpi.Source == KpiSource.ItaTotal)
            {
                errors.Add(Error(path, "actual-ita-total", "ตัวชี้วัด {kpi} อ่านจากผลการประเมิน ITA ของหน่วยงาน ไม่ต้องรายงานผล",
                    "KPI {kpi} is read from the agency's ITA result; it is not reported", ("kpi", kpi.Id)));
                continue;
            }
            if (Achievement.ValueOf(kpi, actual) is null)
            {
                errors.Add(kpi.Kind switch
                {
                    KpiKind.YesNo => Error(path, "actual-yesno", "ตัวชี้วัด {kpi} เป็นแบบใช่/ไม่ใช่: ให้ \"done\": true หรือ false",
                        "KPI {kpi} is yes/no: give \"done\": true or false", ("kpi", kpi.Id)),
                    KpiKind.Percent => Error(path, "actual-percent", "ตัวชี้วัด {kpi} เป็นร้อยละ: ให้ \"value\" (ค่าที่ได้) หรือ \"count\" กับ \"of\" (จำนวนที่ได้จากทั้งหมด)",
                        "KPI {kpi} is a percentage: give \"value\" or \"count\" with \"of\"", ("kpi", kpi.Id)),
                    _ => Error(path, "actual-number", "ตัวชี้วัด {kpi} เป็นตัวเลข: ให้ \"value\" (ค่าที่ได้)", "KPI {kpi} is a number: give \"value\"", ("kpi", kpi.Id)),
                });
                continue;
            }
            if (kpi.Kind == KpiKind.Percent && actual.Value is < 0 or > 100)
            {
                errors.Add(new($"{path}.value", PlanJson.PercentRange()));
            }
            if (actual.IsFraction && kpi.Kind != KpiKind.Percent)
            {
                errors.Add(Error(path, "fraction-not-percent", "จำนวนที่ได้จากทั้งหมดเป็นร้อยละ แต่ตัวชี้วัด {kpi} ไม่ใช่ชนิด percent (ร้อยละ)",
                    "a count of a total is a percentage, but KPI {kpi} is not of kind percent", ("kpi", kpi.Id)));
            }
        }
    }

    /// <summary>What an entry reports on, as a reader says it: "รายการ 1.1", "มาตรการที่ 2".</summary>
    internal static Message SubjectOf(ProgressEntry entry) => entry.Item is { } item
        ? Message.Of("plan.subject-item", "รายการ {item}", "item {item}", ("item", item))
        : Message.Of("plan.subject-measure", "มาตรการที่ {measure}", "measure {measure}", ("measure", entry.Measure));

    private static PlanError Error(string path, string code, string thai, string english, params (string Name, object? Value)[] arguments) =>
        new(path, Message.Of("plan." + code, thai, english, arguments));

    private static PlanError YearOutside(string path, FiscalYear year, ActionPlan plan) =>
        Error(path, "year-outside", "ปี {year} ไม่ใช่ปีของแผน (แผนนี้เป็นของปี {years})", "{year} is not a year of the plan ({years})",
            ("year", year), ("years", string.Join(", ", plan.FiscalYears)));

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
