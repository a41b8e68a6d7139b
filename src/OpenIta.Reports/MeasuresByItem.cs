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
/// The measures document by item (seeds 000, 001): a row per weak item under its indicator, with the measure, steps,
/// owners, the quarters, monitoring and reporting. Part of <see cref="MeasuresDocument"/>.
/// </summary>
internal static class MeasuresByItem
{
    /// <summary>
    /// The optional columns of the by-item table. A column no measure fills is left out, so that the texts have the
    /// width (seed 000 has no quarters and no reporting); a monitoring text every measure shares is said once under the
    /// table, as seed 000's note (หมายเหตุ) does.
    /// </summary>
    private sealed record ItemColumns(bool Quarters, bool Monitoring, bool Reporting, string? SharedMonitoring)
    {
        public static ItemColumns Of(IReadOnlyList<Measure> measures)
        {
            var monitoring = measures.Select(m => m.Monitoring?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
            var shared = measures.Count > 1 && monitoring.Count == 1 && monitoring[0].Length > 0 ? monitoring[0] : null;
            return new ItemColumns(
                measures.Any(m => m.Timeline.ByQuarter || m.Timeline.ByDates),
                shared is null && monitoring.Any(m => m.Length > 0),
                measures.Any(m => m.Reporting is not null),
                shared);
        }

        public int Count => 6 + (Quarters ? 4 : 0) + (Monitoring ? 1 : 0) + (Reporting ? 1 : 0);

        public IReadOnlyList<double> Widths
        {
            get
            {
                // The texts share what the optional columns leave.
                var spare = (Quarters ? 0 : 4.2) + (Monitoring ? 0 : 1.8) + (Reporting ? 0 : 1.8);
                List<double> widths = [2.4 + spare * 0.15, 1.9, 2.6 + spare * 0.2, 2.6 + spare * 0.25, 3.8 + spare * 0.3, 1.8 + spare * 0.1];
                if (Quarters)
                {
                    widths.AddRange([1.05, 1.05, 1.05, 1.05]);
                }
                if (Monitoring)
                {
                    widths.Add(1.8);
                }
                if (Reporting)
                {
                    widths.Add(1.8);
                }
                return widths;
            }
        }
    }

    public static IEnumerable<Block> Blocks(MeasurePlan plan, Framework framework, ItemLookup items)
    {
        var planYear = plan.PlanYear.BuddhistEra;
        var columns = ItemColumns.Of(plan.Measures);
        var span = columns.Quarters ? 2 : 1;
        var top = new List<Cell>
        {
            Head("ข้อ/ประเด็นที่มีคะแนนต่ำ", span), Head("คะแนน", span), Head("ข้อบกพร่อง/จุดอ่อน", span),
            Head("มาตรการ/แนวทาง", span), Head("ขั้นตอน/วิธีการปฏิบัติ", span), Head("ผู้รับผิดชอบ", span),
        };
        if (columns.Quarters)
        {
            top.Add(new Cell(string.Create(CultureInfo.InvariantCulture, $"ไตรมาส (ปีงบประมาณ พ.ศ. {planYear})"), CellAlign.Center, columnSpan: 4));
        }
        if (columns.Monitoring)
        {
            top.Add(Head("การกำกับติดตาม", span));
        }
        if (columns.Reporting)
        {
            top.Add(Head("การรายงานผล", span));
        }
        var header = new List<TableRow> { new(top) };
        if (columns.Quarters)
        {
            // The quarter's number only: "ไตรมาส" is wider than a quarter's column and is said once above them.
            header.Add(new([.. Enumerable.Range(1, 4).Select(q => Head(q.ToString(CultureInfo.InvariantCulture)))]));
        }

        var byItem = new Dictionary<string, List<Measure>>(StringComparer.OrdinalIgnoreCase);
        var codes = new List<string>();
        foreach (var measure in plan.Measures.OrderBy(m => m.Number))
        {
            foreach (var code in measure.Items.Select(c => c.Trim()).Where(c => c.Length > 0))
            {
                if (!byItem.TryGetValue(code, out var list))
                {
                    byItem[code] = list = [];
                    codes.Add(code);
                }
                if (!list.Contains(measure))
                {
                    list.Add(measure);
                }
            }
        }

        var rows = new List<TableRow>();
        var shown = new HashSet<int>();
        int? group = int.MinValue;
        foreach (var code in codes.OrderBy(items.Order).ThenBy(codes.IndexOf))
        {
            var indicator = items.IndicatorOf(code);
            if (indicator != group)
            {
                group = indicator;
                var name = indicator is { } n
                    ? string.Create(CultureInfo.InvariantCulture, $"ตัวชี้วัดที่ {n} {framework.FindIndicator(n)?.NameTh}").TrimEnd()
                    : "ประเด็นอื่น ๆ";
                rows.Add(TableRow.Of(new Cell(name, columnSpan: columns.Count, bold: true)));
            }
            var measures = byItem[code];
            var text = items.TextOf(code);
            // As seed 000: the question's text is the weakness unless the agency words it; then it goes with the code.
            var ownWords = measures.Any(m => !string.IsNullOrWhiteSpace(m.Weakness));
            var first = true;
            // As seed 000 (ข้อ l2): the measures this item brings first, then the earlier ones it also applies (ตามข้อ N).
            foreach (var measure in measures.OrderBy(m => shown.Contains(m.Number) ? 1 : 0).ThenBy(m => m.Number).ToList())
            {
                var cells = new List<Cell>();
                // An item answered by several measures takes a row per measure; the item and its score are written on
                // the first (no row span: Chromium keeps spanned rows on one page, and these rows are long).
                if (first)
                {
                    cells.Add(text is null || !ownWords ? code : $"{code} {text}");
                    // The score with its tier under it, as seed 001 groups its items (the number stays a number in XLSX).
                    cells.Add(items.ScoreOf(code) is not { } score ? new Cell("–", CellAlign.Center)
                        : items.TierOf(code) is { } tier ? Cell.Num(score) with { Text = Cell.Num(score).Text + "\n" + AnalysisDocument.TierName(tier) }
                        : Cell.Num(score));
                    first = false;
                }
                else
                {
                    cells.Add(Cell.Empty());
                    cells.Add(Cell.Empty());
                }
                var continued = cells[0].Text.Length == 0;
                cells.Add(measure.Weakness ?? (ownWords || continued ? "" : text) ?? "");
                cells.AddRange(MeasureCells(measure, columns, reference: !shown.Add(measure.Number)));
                rows.Add(new TableRow(cells));
            }
        }

        var unlinked = plan.Measures.Where(m => !m.Items.Any(c => c.Trim().Length > 0)).OrderBy(m => m.Number).ToList();
        if (unlinked.Count > 0)
        {
            rows.Add(TableRow.Of(new Cell("มาตรการเพิ่มเติม", columnSpan: columns.Count, bold: true)));
            foreach (var measure in unlinked)
            {
                rows.Add(new TableRow([new Cell("–", CellAlign.Center), new Cell("–", CellAlign.Center), measure.Weakness ?? "",
                    .. MeasureCells(measure, columns, reference: false)]));
            }
        }

        if (rows.Count == 0)
        {
            yield return new Paragraph("ยังไม่มีมาตรการ", TextAlign.Left, firstLineIndent: true);
            yield break;
        }
        yield return new Table(header, rows, Balance(rows, columns.Widths, columns.Quarters), null, "มาตรการ", Compact: columns.Count > 8,
            RowsMayBreak: true);
        if (columns.SharedMonitoring is { } note)
        {
            yield return new Paragraph([new Run("หมายเหตุ (การกำกับติดตาม): ", Bold: true), new Run(note)], TextAlign.Justify);
        }
    }

    /// <summary>
    /// Widths for the texts this plan has: a row is as tall as its fullest cell, so a column gets width with the square
    /// root of its texts' mean length (steps of a few lines next to a one-line owner), between bounds.
    /// </summary>
    private static IReadOnlyList<double> Balance(IReadOnlyList<TableRow> rows, IReadOnlyList<double> widths, bool quarters)
    {
        var lengths = new List<int>[widths.Count];
        for (var c = 0; c < widths.Count; c++)
        {
            lengths[c] = [];
        }
        foreach (var placed in Rendering.CellGrid.Place(rows, widths.Count).SelectMany(r => r))
        {
            if (!placed.Continuation && placed.Cell.ColumnSpan == 1 && placed.Cell.Text.Length > 0)
            {
                lengths[placed.Column].Add(placed.Cell.Text.Length);
            }
        }
        // The score and the quarters keep theirs; a text column is at least as wide as its header needs: the codes and
        // the owners are short, the weakness, the measure and the steps are sentences.
        double Least(int c) => c switch { 0 => 2.4, 5 => 2.0, 2 or 3 or 4 => 2.8, _ => 2.4 };
        return [.. widths.Select((w, c) => c == 1 || (quarters && c is >= 6 and <= 9)
            ? w
            : Math.Clamp(0.3 * Math.Sqrt(lengths[c].Count == 0 ? 0 : lengths[c].Average()), Least(c), 5.5))];
    }

    /// <summary>Measure, steps, owners, then the optional columns: the quarters, monitoring and reporting.</summary>
    private static IEnumerable<Cell> MeasureCells(Measure measure, ItemColumns columns, bool reference)
    {
        var owners = string.Join("\n", measure.ResponsibleUnits);
        // As seed 000 writes a measure an earlier row shows: the reference and the owners; the rest is on that row.
        yield return reference ? ApplyMeasure(measure.Number) : MeasureTitle(measure);
        yield return reference ? "" : Steps(measure.Steps);
        yield return owners;
        if (columns.Quarters)
        {
            foreach (var cell in reference ? [new Cell("", columnSpan: 4)] : Quarters(measure.Timeline))
            {
                yield return cell;
            }
        }
        if (columns.Monitoring)
        {
            yield return reference ? "" : measure.Monitoring ?? "";
        }
        if (columns.Reporting)
        {
            yield return !reference && measure.Reporting is { } reporting ? ReportingText(reporting) : "";
        }
    }

    private static IEnumerable<Cell> Quarters(Timeline timeline)
    {
        if (timeline.ByQuarter)
        {
            for (var q = 1; q <= 4; q++)
            {
                yield return timeline.Quarters.Contains(q) ? Cell.Mark() : Cell.Empty();
            }
        }
        else if (timeline.ByDates)
        {
            yield return new Cell(DateRange(timeline), CellAlign.Center, columnSpan: 4);
        }
        else
        {
            yield return new Cell("", columnSpan: 4);
        }
    }
}
