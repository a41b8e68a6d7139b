using System.Globalization;
using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Reports.Documents;

namespace OpenIta.Reports;

/// <summary>
/// A theme's items as the analysis and the measures documents print them: a row for each item whose score is known,
/// and one line naming the items the result gives no score for (a FY2567 result entered from NACC's indicator scores
/// has none for the IIT and EIT questions). A theme whose items are all unknown prints that line alone, never a table
/// of empty rows ("–").
/// </summary>
internal static class ThemeItemRows
{
    public static IEnumerable<Block> Blocks(IReadOnlyList<ThemeItem> items, string textHeader, IReadOnlyList<double> widths, string sheetName)
    {
        var known = items.Where(i => i.Score is not null).ToList();
        if (known.Count > 0)
        {
            var header = TableRow.Of(
                new Cell("ข้อ", CellAlign.Center), new Cell(textHeader, CellAlign.Center),
                new Cell("แบบวัด", CellAlign.Center), new Cell("คะแนน", CellAlign.Center), new Cell("ผล", CellAlign.Center));
            var rows = known.Select(i => TableRow.Of(
                new Cell(i.Code, CellAlign.Center),
                i.TextTh ?? "",
                new Cell(i.Instrument.Code(), CellAlign.Center),
                Cell.Num(i.Score!.Value),
                new Cell(i.Weak switch { true => "จุดอ่อน", false => "ผ่าน", null => "" }, CellAlign.Center))).ToList();
            yield return new Table([header], rows, widths, null, sheetName);
        }
        var unknown = items.Where(i => i.Score is null).ToList();
        if (unknown.Count > 0)
        {
            var byInstrument = unknown.GroupBy(i => i.Instrument)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.Code()} {string.Join(", ", g.Select(i => i.Code))}"));
            var lead = known.Count > 0 ? "ข้ออื่นในประเด็นนี้ไม่มีคะแนนรายข้อในผลการประเมิน: " : "ผลการประเมินไม่มีคะแนนรายข้อของประเด็นนี้: ";
            yield return new Paragraph(lead + string.Join("; ", byInstrument), TextAlign.Left, firstLineIndent: true);
        }
    }
}
