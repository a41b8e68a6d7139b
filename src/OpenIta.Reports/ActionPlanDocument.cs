using OpenIta.Core.Measures;
using OpenIta.Core.Plans;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>How the action plan is written.</summary>
public sealed record ActionPlanDocumentOptions(DigitStyle Digits = DigitStyle.Arabic, DateOnly? Date = null);

/// <summary>
/// The action plan itself (แผนปฏิบัติการ): the heading levels with their goals and KPIs, then per deepest heading a
/// table of its items — โครงการ/กิจกรรม, วัตถุประสงค์, ตัวชี้วัด/เป้าหมาย, the budget of each fiscal year (one column per
/// year: a four-year plan has four), ระยะเวลา when any item states it, ผู้รับผิดชอบ — and the budget per year at the end.
/// A4 landscape.
/// </summary>
public static class ActionPlanDocument
{
    public static ReportDocument Build(ActionPlan plan, AnalysisAgency agency, ActionPlanDocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(options);
        var timeline = plan.All().Any(p => p.Item.Timeline is not null);
        var years = plan.FiscalYears;

        var blocks = new List<Block>();
        foreach (var section in PlanWording.Sections(plan))
        {
            foreach (var heading in section.Headings)
            {
                blocks.Add(new Heading(Math.Min(heading.Depth + 1, 3), PlanWording.Heading(plan, heading)));
                blocks.AddRange(ProgressReportDocument.GoalAndKpis(heading.Item, null));
            }
            if (section.Rows.Count == 0)
            {
                continue;
            }
            // As the measures by item write their quarters: the budget once across the years, each year below it.
            var head = new List<Cell> { Head("โครงการ/กิจกรรม", 2), Head("วัตถุประสงค์", 2), Head("ตัวชี้วัด/เป้าหมาย", 2) };
            head.Add(new Cell("งบประมาณ (บาท)", CellAlign.Center, columnSpan: years.Count));
            if (timeline)
            {
                head.Add(Head("ระยะเวลา", 2));
            }
            head.Add(Head("ผู้รับผิดชอบ", 2));
            var yearHead = new TableRow([.. years.Select(y => Head($"พ.ศ. {y}", 1))]);
            var rows = section.Rows.Select(r =>
            {
                var cells = new List<Cell>
                {
                    new(PlanWording.RowTitle(r.Item), bold: r.Depth == plan.HeadingLevels),
                    r.Item.Objective ?? "",
                    PlanWording.Kpis(r.Item.Kpis),
                };
                cells.AddRange(years.Select(y => r.Item.BudgetOf(y) is { } b ? PlanWording.BudgetCell(b) : Cell.Empty()));
                if (timeline)
                {
                    cells.Add(new Cell(r.Item.Timeline is { } t ? MeasuresDocument.Period(t) : "", CellAlign.Center));
                }
                cells.Add(string.Join("\n", r.Item.Owners));
                return new TableRow(cells);
            }).ToList();
            List<double> widths = [3.2, 2.8, 3];
            widths.AddRange(years.Select(_ => years.Count > 2 ? 1.3 : 1.6));
            if (timeline)
            {
                widths.Add(1.5);
            }
            widths.Add(1.5);
            blocks.Add(new Table([new TableRow(head), yearHead], rows, widths, null,
                section.Owner is { } owner ? "ข้อ " + owner.Item.Number : "แผนปฏิบัติการ", Compact: years.Count > 2, RowsMayBreak: true));
        }

        foreach (var note in plan.Notes)
        {
            blocks.Add(new Paragraph([new Run("หมายเหตุ ", Bold: true), new Run(note)], TextAlign.Justify));
        }
        blocks.Add(new Heading(1, "งบประมาณรวม"));
        var totals = BudgetRollup.ByYear(plan, []);
        blocks.Add(new Table(
            [TableRow.Of(Head("ปีงบประมาณ"), Head("งบประมาณ (บาท)"), Head("ในจำนวนนี้เป็นงบของหน่วยงานอื่น (บาท)"))],
            [.. totals.Select(t => TableRow.Of(
                new Cell($"พ.ศ. {t.FiscalYear}", CellAlign.Center),
                new Cell(PlanWording.Amount(t.Planned), CellAlign.Right, number: t.Planned),
                new Cell(PlanWording.Amount(t.PlannedOtherUnits), CellAlign.Right, number: t.PlannedOtherUnits))),
             TableRow.Of(new Cell("รวม", CellAlign.Center, bold: true),
                new Cell(PlanWording.Amount(totals.Sum(t => t.Planned)), CellAlign.Right, bold: true, number: totals.Sum(t => t.Planned)),
                new Cell(PlanWording.Amount(totals.Sum(t => t.PlannedOtherUnits)), CellAlign.Right, number: totals.Sum(t => t.PlannedOtherUnits)))],
            [2, 2, 2], null, "งบประมาณ"));

        var span = years.Count == 1 ? $"ประจำปีงบประมาณ พ.ศ. {years[0]}" : $"ปีงบประมาณ พ.ศ. {years[0]} – {years[^1]}";
        return new ReportDocument(
            new DocumentOptions(plan.Title, options.Digits, new AgencyHeader(agency.NameTh, agency.Lines),
                Subtitle: plan.Title.Contains(years[0].ToString(), StringComparison.Ordinal) || plan.Title.Contains(ThaiDigits.ToThai(years[0].BuddhistEra), StringComparison.Ordinal) ? null : span,
                Date: options.Date, Landscape: true),
            blocks);
    }

    private static Cell Head(string text, int rowSpan = 1) => new(text, CellAlign.Center, rowSpan: rowSpan);
}
