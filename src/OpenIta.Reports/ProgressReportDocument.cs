using System.Globalization;
using OpenIta.Core.Plans;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>How a progress report is written.</summary>
/// <param name="Digits">Thai (๐–๙) or Arabic digits.</param>
/// <param name="Date">The document's date (given by the caller, never "today"); none when null.</param>
/// <param name="ItaTotal">The agency's ITA total of the round's year from its results, for KPIs that read it; unknown
/// when null.</param>
public sealed record ProgressReportOptions(DigitStyle Digits = DigitStyle.Arabic, DateOnly? Date = null, decimal? ItaTotal = null);

/// <summary>
/// The progress report of one round of an action plan, in seed 004's layout: each strategy and tactic as a heading
/// with its goal and KPIs, "แผนปฏิบัติการ ประกอบด้วย N โครงการ ดังนี้", then a table of its projects and activities —
/// โครงการ/กิจกรรม, วัตถุประสงค์, เป้าหมาย/ตัวชี้วัด, ผลการดำเนินงาน, งบประมาณ (บาท) — and the round's notes. Every KPI's
/// result is <see cref="Achievement"/>'s, written under its target; the report ends with the budget planned and spent
/// per heading item and the count of KPIs achieved. A4 landscape.
/// </summary>
public static class ProgressReportDocument
{
    /// <summary>"รายงานผลการดำเนินการตามแผนปฏิบัติการ…".</summary>
    public static string Title(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return "รายงานผลการดำเนินการตาม" + plan.Title;
    }

    public static ReportDocument Build(ActionPlan plan, ProgressRound round, AnalysisAgency agency, ProgressReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(options);
        if (!plan.Covers(round.FiscalYear))
        {
            throw new ArgumentException($"The round is of FY{round.FiscalYear}, which the plan does not cover.", nameof(round));
        }

        var results = new List<KpiAchievement>();
        KpiAchievement Result(PlanItem item, Kpi kpi)
        {
            var result = Achievement.Of(kpi, round.ForItem(item.Number), options.ItaTotal);
            results.Add(result);
            return result;
        }

        var blocks = new List<Block>();
        foreach (var section in PlanWording.Sections(plan))
        {
            foreach (var heading in section.Headings)
            {
                blocks.Add(new Heading(Math.Min(heading.Depth + 1, 3), PlanWording.Heading(plan, heading)));
                blocks.AddRange(GoalAndKpis(heading.Item, k => Result(heading.Item, k)));
            }
            if (section.Rows.Count == 0)
            {
                continue;
            }
            var level = plan.HeadingLevels;
            var count = section.Rows.Count(r => r.Depth == level);
            blocks.Add(new Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"แผนปฏิบัติการ ประกอบด้วย {count} {plan.Levels[level]} ดังนี้"), TextAlign.Left, firstLineIndent: true));
            var header = TableRow.Of(Head("โครงการ/กิจกรรม"), Head("วัตถุประสงค์"), Head("เป้าหมาย/ตัวชี้วัด"), Head("ผลการดำเนินงาน"), Head("งบประมาณ (บาท)"));
            var rows = section.Rows.Select(r =>
            {
                var entry = round.ForItem(r.Item.Number);
                return TableRow.Of(
                    new Cell(PlanWording.RowTitle(r.Item), bold: r.Depth == level),
                    r.Item.Objective ?? "",
                    PlanWording.Kpis(r.Item.Kpis, k => Result(r.Item, k)),
                    // A project that only groups its activities and reports nothing itself leaves the cell empty.
                    entry is null && r.Item.Kpis.Count == 0 && r.Item.Items.Count > 0 ? "" : PlanWording.EntryText(entry),
                    r.Item.BudgetOf(round.FiscalYear) is null && entry?.Spent is null && r.Item.Items.Count > 0
                        ? Cell.Empty()
                        : PlanWording.BudgetCell(r.Item.BudgetOf(round.FiscalYear), entry?.Spent));
            }).ToList();
            blocks.Add(new Table([header], rows, [3.2, 2.6, 3, 4.4, 1.8], null, SheetName(section), RowsMayBreak: true));
        }

        foreach (var note in round.Notes)
        {
            blocks.Add(new Paragraph([new Run("หมายเหตุ ", Bold: true), new Run(note)], TextAlign.Justify));
        }
        blocks.Add(new Heading(1, "สรุปผลการดำเนินงาน"));
        blocks.Add(new Paragraph(PlanWording.Summary(results), TextAlign.Left, firstLineIndent: true));
        blocks.Add(BudgetTable(plan, round));
        var year = BudgetRollup.ByYear(plan, [round]).Single(t => t.FiscalYear == round.FiscalYear);
        if (year.PlannedOtherUnits > 0)
        {
            blocks.Add(new Paragraph($"ในจำนวนนี้เป็นงบประมาณของหน่วยงานอื่น {PlanWording.Amount(year.PlannedOtherUnits)} บาท", TextAlign.Left, firstLineIndent: true));
        }

        return new ReportDocument(
            new DocumentOptions(Title(plan), options.Digits, new AgencyHeader(agency.NameTh, agency.Lines),
                Subtitle: $"{PlanWording.RoundName(round)} ({PlanWording.RoundDates(round)})", Date: options.Date, Landscape: true),
            blocks);
    }

    /// <summary>The goal and KPIs of a heading item, as seed 004 writes a tactic's: เป้าหมาย …, ตัวชี้วัด … with the result.</summary>
    internal static IEnumerable<Block> GoalAndKpis(PlanItem item, Func<Kpi, KpiAchievement>? result)
    {
        if (item.Goal is { } goal)
        {
            foreach (var line in goal.Split('\n'))
            {
                yield return line.StartsWith("เป้าหมาย", StringComparison.Ordinal)
                    ? new Paragraph(line, TextAlign.Justify, firstLineIndent: true)
                    : new Paragraph([new Run("เป้าหมาย ", Bold: true), new Run(line)], TextAlign.Justify, FirstLineIndent: true);
            }
        }
        foreach (var kpi in item.Kpis)
        {
            var runs = new List<Run> { new("ตัวชี้วัด ", Bold: true), new($"{kpi.Name} {PlanWording.TargetText(kpi)}") };
            if (result is not null)
            {
                runs.Add(new Run(" — " + PlanWording.ResultText(result(kpi)).Replace("ผล : ", "ผล: ", StringComparison.Ordinal)));
            }
            yield return new Paragraph(runs, TextAlign.Justify, FirstLineIndent: true);
        }
    }

    private static Table BudgetTable(ActionPlan plan, ProgressRound round)
    {
        var header = TableRow.Of(Head(string.Join("/", plan.Levels.Take(Math.Max(plan.HeadingLevels, 1)))), Head("งบประมาณที่วางแผน (บาท)"),
            Head("ใช้จ่ายจริง (บาท)"), Head("ร้อยละการใช้จ่าย"));
        var rows = new List<TableRow>();
        foreach (var placed in plan.All().Where(p => p.Depth < Math.Max(plan.HeadingLevels, 1)))
        {
            var total = BudgetRollup.OfItem(placed.Item, round.FiscalYear, round);
            rows.Add(Row(new Cell(PlanWording.Heading(plan, placed), bold: placed.Depth == 0), total));
        }
        var year = BudgetRollup.ByYear(plan, [round]).Single(t => t.FiscalYear == round.FiscalYear);
        rows.Add(Row(new Cell("รวมทั้งสิ้น", bold: true), year));
        return new Table([header], rows, [6, 2, 2, 1.6], "งบประมาณที่วางแผนและใช้จ่ายจริง", "งบประมาณ");

        static TableRow Row(Cell name, BudgetTotal total) => TableRow.Of(
            name,
            new Cell(PlanWording.Amount(total.Planned), CellAlign.Right, number: total.Planned),
            total.Spent is { } spent ? new Cell(PlanWording.Amount(spent), CellAlign.Right, number: spent) : new Cell("–", CellAlign.Center),
            total.SpentPercent is { } percent ? Cell.Num(percent) : new Cell("–", CellAlign.Center));
    }

    private static string SheetName(PlanSection section) =>
        section.Owner is { } owner ? "ข้อ " + owner.Item.Number : "แผนปฏิบัติการ";

    internal static Cell Head(string text) => new(text, CellAlign.Center);
}
