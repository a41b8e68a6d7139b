using System.Globalization;
using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

using static OpenIta.Reports.MeasuresDocument;

namespace OpenIta.Reports;

/// <summary>
/// The measures document by theme (seeds 002, 003): a section per theme with its items and scores, the finding and a
/// table of measures. Part of <see cref="MeasuresDocument"/>.
/// </summary>
internal static class MeasuresByTheme
{
    /// <summary>The seven themes as seeds 002 and 003 name them, for a year whose framework does not list them.</summary>
    private static readonly string[] DefaultThemeNames =
    [
        "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "การให้บริการและระบบ E-Service",
        "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
        "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
        "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
        "กระบวนการควบคุม ตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
        "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
    ];

    public static IEnumerable<Block> Blocks(MeasurePlan plan, AnalysisReport? analysis, Framework framework, ItemLookup items)
    {
        var numbers = framework.Themes.Select(t => t.Number)
            .Concat(plan.Measures.SelectMany(m => m.Themes))
            .Concat(plan.Findings.Select(f => f.Theme))
            .Distinct()
            .Order()
            .ToList();
        foreach (var number in numbers)
        {
            var definition = framework.Themes.FirstOrDefault(t => t.Number == number);
            var themeAnalysis = analysis?.Themes.FirstOrDefault(t => t.Theme.Number == number);
            var name = definition?.NameTh ?? themeAnalysis?.Theme.NameTh
                ?? (number is >= ThemeDefinition.First and <= ThemeDefinition.Last ? DefaultThemeNames[number - 1] : "");
            yield return new Heading(1, string.Create(CultureInfo.InvariantCulture, $"{number}) {name}").TrimEnd());

            var themeItems = ThemeItems(themeAnalysis, definition, items,
                plan.Measures.Where(m => m.Themes.Contains(number)).SelectMany(m => m.Items));
            foreach (var block in ThemeItemRows.Blocks(themeItems, "ข้อคำถาม/รายการ", [1, 7, 1.2, 1.2, 1.2],
                string.Create(CultureInfo.InvariantCulture, $"ประเด็น {number}")))
            {
                yield return block;
            }

            if (themeAnalysis?.Status == ThemeStatus.KeepStandard)
            {
                yield return new Paragraph([new Run("ผลการวิเคราะห์: "), new Run("ไม่พบข้อบกพร่อง ควรรักษามาตรฐาน", Bold: true)],
                    TextAlign.Justify, FirstLineIndent: true);
            }
            foreach (var finding in plan.Findings.Where(f => f.Theme == number && !string.IsNullOrWhiteSpace(f.Text)))
            {
                yield return new Paragraph(finding.Text.Trim(), TextAlign.Justify, firstLineIndent: true);
            }

            var measures = plan.Measures.Where(m => m.Themes.Contains(number)).OrderBy(m => m.Number).ToList();
            if (measures.Count == 0)
            {
                yield return new Paragraph("ไม่มีมาตรการในประเด็นนี้", TextAlign.Left, firstLineIndent: true);
                continue;
            }
            yield return ThemeMeasureTable(measures, string.Create(CultureInfo.InvariantCulture, $"มาตรการ ประเด็น {number}"));
        }

        var unthemed = plan.Measures.Where(m => m.Themes.Count == 0).OrderBy(m => m.Number).ToList();
        if (unthemed.Count > 0)
        {
            yield return new Heading(1, "มาตรการเพิ่มเติม");
            yield return ThemeMeasureTable(unthemed, "มาตรการเพิ่มเติม");
        }
    }

    private static Table ThemeMeasureTable(IReadOnlyList<Measure> measures, string sheet)
    {
        var header = TableRow.Of(Head("มาตรการ/แนวทาง"), Head("ขั้นตอน/วิธีการปฏิบัติ"), Head("ระยะเวลา"), Head("ผู้รับผิดชอบ"));
        var rows = measures.Select(m =>
        {
            var steps = Steps(m.Steps);
            var extra = new List<string>();
            if (!string.IsNullOrWhiteSpace(m.Monitoring))
            {
                extra.Add("การกำกับติดตาม: " + m.Monitoring.Trim());
            }
            if (m.Reporting is { } reporting)
            {
                extra.Add("การรายงานผล: " + ReportingText(reporting).Replace("\n", " ", StringComparison.Ordinal));
            }
            if (extra.Count > 0)
            {
                steps = steps.Length > 0 ? steps + "\n" + string.Join("\n", extra) : string.Join("\n", extra);
            }
            return TableRow.Of(
                MeasureTitle(m),
                steps,
                new Cell(Period(m.Timeline), CellAlign.Center),
                string.Join("\n", m.ResponsibleUnits));
        }).ToList();
        return new Table([header], rows, [3, 6, 1.8, 2], null, sheet, RowsMayBreak: true);
    }

    /// <summary>The theme's items: as analysed, or as the framework lists them, or — for a year without a theme
    /// mapping — the items its measures answer, in the framework's order.</summary>
    private static List<ThemeItem> ThemeItems(ThemeAnalysis? analysed, ThemeDefinition? definition, ItemLookup items, IEnumerable<string> answered)
    {
        if (analysed is not null)
        {
            return [.. analysed.Items];
        }
        if (definition is null)
        {
            return [.. answered.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(items.Order)
                .Select(c => items.IsOitItem(c)
                    ? new ThemeItem(c, Instrument.Oit, true, items.TextOf(c), items.ScoreOf(c), null)
                    : new ThemeItem(c, items.InstrumentOf(c), false, items.TextOf(c), items.ScoreOf(c), null))];
        }
        return
        [
            .. definition.QuestionCodes.Select(c => new ThemeItem(c, items.InstrumentOf(c), false, items.TextOf(c), items.ScoreOf(c), null)),
            .. definition.OitItemCodes.Select(c => new ThemeItem(c, Instrument.Oit, true, items.TextOf(c), items.ScoreOf(c), null)),
        ];
    }
}
