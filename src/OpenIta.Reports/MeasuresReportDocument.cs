using System.Globalization;
using OpenIta.Core.Measures;
using OpenIta.Core.Plans;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>
/// The measures implementation report of a round (seed 004's second table: รายงานผลการดำเนินการตามมาตรการเพื่อขับเคลื่อน
/// การส่งเสริมคุณธรรมและความโปร่งใส): per measure its steps, KPI and target with <see cref="Achievement"/>'s result, what
/// was done and the outcome. The round is of the year the measures run in (<see cref="MeasurePlan.PlanYear"/>). A4
/// landscape.
/// </summary>
public static class MeasuresReportDocument
{
    /// <summary>"รายงานผลการดำเนินการตามมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายใน… ประจำปีงบประมาณ พ.ศ. 2568".</summary>
    public static string Title(string agencyName, ProgressRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return string.Create(CultureInfo.InvariantCulture,
            $"รายงานผลการดำเนินการตามมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายใน{agencyName} ประจำปีงบประมาณ พ.ศ. {round.FiscalYear}");
    }

    public static ReportDocument Build(MeasurePlan measures, ProgressRound round, AnalysisAgency agency, ProgressReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(options);
        if (round.FiscalYear != measures.PlanYear)
        {
            throw new ArgumentException($"The round is of FY{round.FiscalYear} but the measures run in FY{measures.PlanYear}.", nameof(round));
        }

        var results = new List<KpiAchievement>();
        var header = TableRow.Of(Head("มาตรการ"), Head("ขั้นตอน/วิธีการดำเนินงาน"), Head("เป้าหมาย/ตัวชี้วัด"),
            Head("ผลการดำเนินงานมาตรการ"), Head("ผลลัพธ์หรือผลสำเร็จในการดำเนินการ"));
        var rows = measures.Measures.OrderBy(m => m.Number).Select(m =>
        {
            var entry = round.ForMeasure(m.Number);
            var kpis = m.Kpis ?? [];
            var kpiText = PlanWording.Kpis(kpis, k =>
            {
                var result = Achievement.Of(k, entry, options.ItaTotal);
                results.Add(result);
                return result;
            });
            return TableRow.Of(
                new Cell(string.Create(CultureInfo.InvariantCulture, $"มาตรการที่ {m.Number} {m.Title}"), bold: true),
                string.Join("\n", m.Steps.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}) {s.Text}"))),
                kpiText.Length > 0 ? kpiText : "–",
                PlanWording.EntryText(entry),
                entry?.Outcome ?? "");
        }).ToList();

        List<Block> blocks =
        [
            rows.Count == 0
                ? new Paragraph("ยังไม่มีมาตรการ", TextAlign.Left, firstLineIndent: true)
                : new Table([header], rows, [2.2, 3.2, 3.6, 4.2, 2], null, "มาตรการ", RowsMayBreak: true),
        ];
        foreach (var note in round.Notes)
        {
            blocks.Add(new Paragraph([new Run("หมายเหตุ ", Bold: true), new Run(note)], TextAlign.Justify));
        }
        blocks.Add(new Paragraph(PlanWording.Summary(results), TextAlign.Left, firstLineIndent: true));

        return new ReportDocument(
            new DocumentOptions(Title(agency.NameTh, round), options.Digits, new AgencyHeader(agency.NameTh, agency.Lines),
                Subtitle: $"{PlanWording.RoundName(round)} ({PlanWording.RoundDates(round)})", Date: options.Date, Landscape: true),
            blocks);
    }

    private static Cell Head(string text) => ProgressReportDocument.Head(text);
}
