using System.Globalization;
using OpenIta.Core.Plans;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>How an action plan's parts are written, the same in the plan, its progress reports and the measures
/// report (seed 004's wording). Text uses Arabic digits; the renderers apply the document's digits.</summary>
public static class PlanWording
{
    /// <summary>"ยุทธศาสตร์ที่ 1 : ขับเคลื่อน…": a heading item with its level's name and its number.</summary>
    public static string Heading(ActionPlan plan, PlacedItem placed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(placed);
        return $"{plan.Levels[placed.Depth]}ที่ {placed.Item.ShownNumber} : {placed.Item.Title}";
    }

    /// <summary>A row's first cell: "1. โครงการ…" for a number, "กิจกรรมย่อยที่ 1 …" or "2.1 กิจกรรม…" as labelled.</summary>
    public static string RowTitle(PlanItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var label = item.ShownNumber;
        return label.All(char.IsDigit) ? $"{label}. {item.Title}" : $"{label} {item.Title}";
    }

    /// <summary>"ตัวชี้วัด : … / เป้าหมาย : …", each KPI of an item numbered when it has several.</summary>
    public static string Kpis(IReadOnlyList<Kpi> kpis, Func<Kpi, KpiAchievement?>? results = null)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return string.Join("\n", kpis.Select((k, i) =>
        {
            var number = kpis.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. ") : "";
            var text = $"ตัวชี้วัด : {number}{k.Name}\nเป้าหมาย : {TargetText(k)}";
            return results?.Invoke(k) is { } result ? text + "\n" + ResultText(result) : text;
        }));
    }

    /// <summary>The target as the agency worded it, else in words: "ไม่น้อยกว่าร้อยละ 80", "อย่างน้อย 150 คน".</summary>
    public static string TargetText(Kpi kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (kpi.TargetText is { } text)
        {
            return text;
        }
        var target = kpi.Target;
        if (target.Kind == TargetKind.Done)
        {
            return "ดำเนินการแล้วเสร็จ";
        }
        var value = Value(kpi, target.Value!.Value, asTarget: true);
        return target.Kind switch
        {
            TargetKind.AtLeast => kpi.Kind switch
            {
                KpiKind.Count => "อย่างน้อย " + value,
                KpiKind.Percent => "ไม่น้อยกว่า" + value,
                _ => "ไม่น้อยกว่า " + value,
            },
            TargetKind.AtMost => "ไม่เกิน " + value,
            _ => value,
        };
    }

    /// <summary>The result of a KPI as the core computed it: "ผล : ร้อยละ 98.79 (บรรลุเป้าหมาย)".</summary>
    public static string ResultText(KpiAchievement result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var verdict = result.Status switch
        {
            AchievementStatus.Achieved => "บรรลุเป้าหมาย",
            AchievementStatus.NotAchieved => "ไม่บรรลุเป้าหมาย",
            _ => null,
        };
        if (verdict is null)
        {
            return result.Kpi.Source == KpiSource.ItaTotal ? "ผล : รอผลการประเมิน ITA" : "ผล : ยังไม่มีข้อมูล";
        }
        var value = result.Done is { } done
            ? (done ? "ดำเนินการแล้ว" : "ยังไม่ได้ดำเนินการ")
            : Value(result.Kpi, result.Value!.Value);
        return $"ผล : {value} ({verdict})";
    }

    /// <summary>A KPI's value in words: "ร้อยละ 98.79", "260 คน", "93.52 คะแนน", "27,325 บาท"; a target is written as
    /// the agency states it, without added decimals ("ร้อยละ 80").</summary>
    public static string Value(Kpi kpi, decimal value, bool asTarget = false)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var score = asTarget ? value.ToString("#,##0.##", CultureInfo.InvariantCulture) : ThaiNumbers.Score(value);
        return kpi.Kind switch
        {
            KpiKind.Percent => "ร้อยละ " + score,
            KpiKind.Score => score + " คะแนน",
            KpiKind.Baht => Amount(value) + " บาท",
            _ => (value == decimal.Truncate(value) ? ThaiNumbers.Integer((long)value) : ThaiNumbers.Score(value))
                + (kpi.Unit is { } unit ? " " + unit : ""),
        };
    }

    /// <summary>Baht as the seed writes them: whole amounts without decimals (27,325), others with two.</summary>
    public static string Amount(decimal baht) =>
        baht == decimal.Truncate(baht) ? ThaiNumbers.Integer((long)baht) : ThaiNumbers.Amount(baht);

    /// <summary>The budget cell of a row: "ไม่ใช้งบประมาณ", "ไม่ได้รับการจัดสรรงบประมาณ", "27,325",
    /// "4,080 (งบค่ารับรองและพิธีการ)", "2,670 (งบ กทบ.)", "งบประมาณของ กพบ."; the amount is the one spent when the
    /// round reports it, else the one planned. A plain amount is a number in XLSX.</summary>
    public static Cell BudgetCell(Budget? budget, decimal? spent = null)
    {
        if (budget is null)
        {
            return spent is { } s ? new Cell(Amount(s), CellAlign.Right, number: s) : new Cell("–", CellAlign.Center);
        }
        var amount = spent ?? budget.Planned;
        switch (budget.Source)
        {
            case BudgetSource.None:
                return new Cell("ไม่ใช้งบประมาณ", CellAlign.Center);
            case BudgetSource.NotAllocated:
                return new Cell("ไม่ได้รับการจัดสรรงบประมาณ", CellAlign.Center);
            case BudgetSource.OtherUnit:
                var unit = budget.Unit is { } u ? "งบ " + u : "งบของหน่วยงานอื่น";
                return amount is { } a
                    ? new Cell($"{Amount(a)} ({unit})", CellAlign.Right)
                    : new Cell(budget.Unit is { } only ? "งบประมาณของ " + only : unit, CellAlign.Center);
            default:
                return budget.Text is { } text
                    ? new Cell($"{Amount(amount!.Value)} ({text})", CellAlign.Right)
                    : new Cell(Amount(amount!.Value), CellAlign.Right, number: amount);
        }
    }

    /// <summary>The round's name: "รอบ 12 เดือน", "รอบ 6 เดือน", "ไตรมาสที่ 2", "เดือนมกราคม 2568".</summary>
    public static string RoundName(ProgressRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.Period.Kind switch
        {
            PeriodKind.SixMonths => "รอบ 6 เดือน",
            PeriodKind.TwelveMonths => "รอบ 12 เดือน",
            PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"ไตรมาสที่ {round.Period.Index}"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"เดือน{ThaiDates.MonthName(round.From.Month)} {ThaiDates.BuddhistYear(round.From)}"),
        };
    }

    /// <summary>"1 ตุลาคม 2567 – 30 กันยายน 2568".</summary>
    public static string RoundDates(ProgressRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return $"{ThaiDates.Full(round.From)} – {ThaiDates.Full(round.To)}";
    }

    /// <summary>What a round says about an entry beyond its text: not done and why, at risk and why.</summary>
    public static string EntryText(ProgressEntry? entry)
    {
        if (entry is null)
        {
            return "ยังไม่ได้รายงาน";
        }
        var lines = new List<string>();
        if (entry.Text is { } text)
        {
            lines.Add(text);
        }
        if (entry.Status is EntryStatus.NotDone or EntryStatus.AtRisk && entry.Reason is { } reason
            && (entry.Text is null || !entry.Text.Contains(reason, StringComparison.Ordinal)))
        {
            lines.Add((entry.Status == EntryStatus.NotDone ? "ไม่ได้ดำเนินการ เนื่องจาก" : "มีความเสี่ยง: ") + reason);
        }
        if (entry.Evidence.Count > 0)
        {
            lines.Add("หลักฐาน: " + string.Join(", ", entry.Evidence.Select(e => e.Url is null ? e.Name : $"{e.Name} ({e.Url})")));
        }
        return string.Join("\n", lines);
    }

    /// <summary>A count of the results: "ตัวชี้วัดทั้งหมด 29 ตัว บรรลุเป้าหมาย 22 ไม่บรรลุ 0 ยังไม่มีข้อมูล 7".</summary>
    public static string Summary(IReadOnlyList<KpiAchievement> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return string.Create(CultureInfo.InvariantCulture,
            $"ตัวชี้วัดทั้งหมด {results.Count} ตัว บรรลุเป้าหมาย {results.Count(r => r.Status == AchievementStatus.Achieved)} ตัว ไม่บรรลุเป้าหมาย {results.Count(r => r.Status == AchievementStatus.NotAchieved)} ตัว ยังไม่มีข้อมูล {results.Count(r => r.Status == AchievementStatus.Unknown)} ตัว");
    }

    /// <summary>
    /// The plan cut as the documents print it: the heading items (levels above <see cref="ActionPlan.HeadingLevels"/>)
    /// as they come, and under the deepest of them a table of every item below it, in document order.
    /// </summary>
    internal static IEnumerable<PlanSection> Sections(ActionPlan plan)
    {
        if (plan.HeadingLevels == 0)
        {
            yield return new PlanSection([], null, [.. plan.All()]);
            yield break;
        }
        var headings = new List<PlacedItem>();
        foreach (var placed in plan.All().Where(p => p.Depth < plan.HeadingLevels))
        {
            headings.Add(placed);
            if (placed.Depth == plan.HeadingLevels - 1)
            {
                yield return new PlanSection([.. headings], placed, [.. Below(placed.Item, placed.Depth + 1)]);
                headings.Clear();
            }
        }
        if (headings.Count > 0)
        {
            yield return new PlanSection(headings, null, []);
        }
    }

    private static IEnumerable<PlacedItem> Below(PlanItem item, int depth)
    {
        foreach (var child in item.Items)
        {
            yield return new PlacedItem(child, depth, item);
            foreach (var below in Below(child, depth + 1))
            {
                yield return below;
            }
        }
    }
}

/// <summary>Headings, then the rows of the table under the last of them.</summary>
internal sealed record PlanSection(IReadOnlyList<PlacedItem> Headings, PlacedItem? Owner, IReadOnlyList<PlacedItem> Rows);
