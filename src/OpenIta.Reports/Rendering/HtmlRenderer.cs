using System.Globalization;
using System.Net;
using System.Text;
using OpenIta.Reports.Documents;

namespace OpenIta.Reports.Rendering;

/// <summary>Renders a <see cref="ReportDocument"/> as one self-contained HTML page (CSS embedded, no external files)
/// laid out for A4 printing: the page <see cref="PdfRenderer"/> prints, and a preview for the browser.</summary>
public sealed class HtmlRenderer
{
    /// <summary>The fonts the documents ask for, in order: TH Sarabun New where installed, else its Linux stand-in.</summary>
    internal const string FontFamilies = "\"TH Sarabun New\", \"Laksaman\", \"Sarabun\", sans-serif";

    internal const string Css = $$"""
        @page { size: A4 portrait; margin: 2cm 2cm 2cm 2.5cm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: {{FontFamilies}}; font-size: 16pt; line-height: 1.45;
               color: #000; margin: 0; }
        @media screen { body { max-width: 16.5cm; margin: 2cm auto; } }
        /* Every block starts with room for the tone marks of its first line: Chromium prints a page as a window on the
           whole document, so the marks of a line starting a page, drawn above its line box, also showed (and were read
           as text) at the foot of the page before. A paragraph split over two pages repeats that room at the top of its
           second part (box-decoration-break: clone), so it may split: kept whole, a long finding left the page before
           it almost empty. Two lines at least on each side of a break. */
        p { margin: 0; padding-top: 0.25em; box-decoration-break: clone; orphans: 2; widows: 2; }
        .agency { text-align: center; }
        .agency .name { font-weight: bold; }
        h1.title { font-size: 20pt; text-align: center; margin: 0.2em 0 0; }
        .subtitle, .fiscal-year { text-align: center; font-weight: bold; }
        .date { text-align: center; }
        .front { margin-bottom: 0.6em; }
        /* Part of the space above a heading is padding, not margin: a heading that starts a page keeps it (a margin is
           dropped at a break), so the tone marks over its first line stay on its page (see th, td). */
        h2 { font-size: 18pt; margin: 0.35em 0 0.15em; padding-top: 0.25em; break-after: avoid; }
        h3, h4 { font-size: 16pt; margin: 0.15em 0 0.1em; padding-top: 0.25em; break-after: avoid; }
        .indent { text-indent: 2.5cm; }
        .center { text-align: center; } .right { text-align: right; } .justify { text-align: justify; }
        ul.list { list-style: none; margin: 0; padding: 0; }
        ul.list li { display: flex; padding-left: 1.5cm; padding-top: 0.25em; box-decoration-break: clone; }
        ul.list .marker { flex: 0 0 0.75cm; margin-left: -0.75cm; }
        th.caption { border: none; background: none; text-align: left; font-size: 16pt; padding: 0.3em 0 0; }
        /* Automatic layout: the columns keep their given shares, but none is narrower than its longest word (with a
           fixed layout a Thai word longer than its column, such as ประชาสัมพันธ์, ran over the next column). */
        table { border-collapse: collapse; width: calc(100% - 2px); table-layout: auto; margin-bottom: 0.6em; }
        thead { display: table-header-group; }
        tbody tr { break-inside: avoid; }
        /* Room in the cell for Thai marks: at this line height a tone mark over an upper vowel (ชี้) rises 0.13 em
           above the line and a lower vowel under ฎ/ฏ (ฎุ) falls below it. Without the padding their ink lay outside the
           cell, and a row (or the repeated header) starting a page left its tone marks at the foot of the page before.
           A row split over two pages (the measures tables) keeps the padding on both parts (clone): without it the lower
           vowel of its last line on the first page (ผู้) was printed in the top margin of the next. */
        th, td { border: 1px solid #000; padding: 0.2em 0.15cm 0.12em; vertical-align: top; font-size: 14pt; line-height: 1.35;
                 box-decoration-break: clone; }
        th { background: #d9d9d9; font-weight: bold; text-align: center; vertical-align: middle; }
        td.l { text-align: left; } td.c { text-align: center; } td.r { text-align: right; }
        td.marked { background: #7f7f7f; }
        td.bold { font-weight: bold; }
        td.nw { white-space: nowrap; }
        table.compact th, table.compact td { font-size: 12pt; line-height: 1.3; }
        /* The measures tables have rows taller than a page: let them run on, as Word does. */
        table.breakable tbody tr { break-inside: auto; }
        tr.group { break-after: avoid; }
        .page-break { break-after: page; }
        .signature { margin: 1.2em 0 0 8cm; text-align: center; break-inside: avoid; }
        .graphic { margin: 0.4em auto; break-inside: avoid; }
        .graphic svg { display: block; width: 100%; height: auto; }
        """;

    public string Render(ReportDocument document) => Render(document, printCss: null);

    /// <param name="printCss">Rules added after the document's own, for printing (<see cref="PrintFont"/>).</param>
    internal string Render(ReportDocument document, string? printCss)
    {
        ArgumentNullException.ThrowIfNull(document);
        var o = document.Options;
        var text = new DocumentText(o);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(E(text.Digits(o.Title))).Append("</title>\n<style>\n").Append(Css);
        if (o.Landscape)
        {
            sb.Append("\n@page { size: A4 landscape; }\n@media screen { body { max-width: 25.2cm; } }");
        }
        if (printCss is not null)
        {
            sb.Append('\n').Append(printCss);
        }
        sb.Append("\n</style>\n</head>\n<body>\n");

        sb.Append("<header class=\"front\">\n");
        if (o.Agency is { } agency)
        {
            sb.Append("<div class=\"agency\"><p class=\"name\">").Append(E(text.Digits(agency.Name))).Append("</p>");
            foreach (var line in agency.Lines)
            {
                sb.Append("<p>").Append(E(text.Digits(line))).Append("</p>");
            }
            sb.Append("</div>\n");
        }
        sb.Append("<h1 class=\"title\">").Append(E(text.Digits(o.Title))).Append("</h1>\n");
        if (o.Subtitle is { } subtitle)
        {
            sb.Append("<p class=\"subtitle\">").Append(E(text.Digits(subtitle))).Append("</p>\n");
        }
        if (text.FiscalYearLine is { } fy)
        {
            sb.Append("<p class=\"fiscal-year\">").Append(E(fy)).Append("</p>\n");
        }
        if (text.DateLine is { } date)
        {
            sb.Append("<p class=\"date\">").Append(E(date)).Append("</p>\n");
        }
        sb.Append("</header>\n");

        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    var tag = "h" + (h.Level + 1).ToString(CultureInfo.InvariantCulture);
                    sb.Append('<').Append(tag).Append('>').Append(E(text.Digits(h.Text))).Append("</").Append(tag).Append(">\n");
                    break;
                case Paragraph p:
                    var classes = new List<string>();
                    if (p.FirstLineIndent)
                    {
                        classes.Add("indent");
                    }
                    if (p.Align != TextAlign.Left)
                    {
                        classes.Add(p.Align.ToString().ToLowerInvariant());
                    }
                    sb.Append(classes.Count > 0 ? $"<p class=\"{string.Join(' ', classes)}\">" : "<p>");
                    Runs(sb, p.Runs, text);
                    sb.Append("</p>\n");
                    break;
                case ListBlock l:
                    sb.Append("<ul class=\"list\">\n");
                    for (var i = 0; i < l.Items.Count; i++)
                    {
                        sb.Append("<li><span class=\"marker\">").Append(E(text.ListMarker(l.Numbered, i))).Append("</span><span>");
                        Runs(sb, l.Items[i], text);
                        sb.Append("</span></li>\n");
                    }
                    sb.Append("</ul>\n");
                    break;
                case Table t:
                    Table(sb, t, text);
                    break;
                case PageBreak:
                    sb.Append("<div class=\"page-break\"></div>\n");
                    break;
                case SignatureBlock s:
                    sb.Append("<div class=\"signature\">");
                    foreach (var line in text.SignatureLines(s))
                    {
                        sb.Append("<p>").Append(E(line)).Append("</p>");
                    }
                    sb.Append("</div>\n");
                    break;
                case Graphic g:
                    sb.Append(CultureInfo.InvariantCulture, $"<div class=\"graphic\" style=\"width:{g.WidthCm:0.##}cm\" role=\"img\" aria-label=\"")
                      .Append(E(g.AltText)).Append("\">").Append(g.Svg).Append("</div>\n");
                    break;
                default:
                    throw new NotSupportedException($"No HTML rendering for {block.GetType().Name}.");
            }
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Runs(StringBuilder sb, IEnumerable<Run> runs, DocumentText text)
    {
        foreach (var run in runs)
        {
            var escaped = E(text.Digits(run.Text));
            sb.Append(run.Bold ? $"<b>{escaped}</b>" : escaped);
        }
    }

    private static void Table(StringBuilder sb, Table t, DocumentText text)
    {
        var total = t.ColumnWidths.Sum();
        var classes = string.Join(' ', new[] { t.Compact ? "compact" : null, t.RowsMayBreak ? "breakable" : null }.OfType<string>());
        sb.Append(classes.Length > 0 ? $"<table class=\"{classes}\">\n<colgroup>" : "<table>\n<colgroup>");
        foreach (var w in t.ColumnWidths)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<col style=\"width:{w / total * 100:0.##}%\">");
        }
        sb.Append("</colgroup>\n");
        if (t.HeaderRows.Count > 0 || t.Caption is not null)
        {
            sb.Append("<thead>\n");
            if (t.Caption is { } caption)
            {
                // The caption is the first header row, not a paragraph before the table: Chromium then keeps it with
                // the table (a paragraph with break-after: avoid was left alone at the foot of a page, with a stray
                // fragment of the header under it), and repeats it on every page the table runs over.
                sb.Append(CultureInfo.InvariantCulture, $"<tr><th class=\"caption\" colspan=\"{t.ColumnCount}\">")
                  .Append(E(text.Digits(caption))).Append("</th></tr>\n");
            }
            Rows(sb, t.HeaderRows, "th", text);
            sb.Append("</thead>\n");
        }
        sb.Append("<tbody>\n");
        Rows(sb, t.BodyRows, "td", text);
        sb.Append("</tbody>\n</table>\n");
    }

    private static void Rows(StringBuilder sb, IReadOnlyList<TableRow> rows, string tag, DocumentText text)
    {
        foreach (var row in rows)
        {
            // A row of one cell across the table heads the rows under it (ตัวชี้วัดที่ 1 …): kept with the next row.
            sb.Append(row.Cells is [{ } only] && only.ColumnSpan > 1 ? "<tr class=\"group\">" : "<tr>");
            foreach (var cell in row.Cells)
            {
                sb.Append('<').Append(tag);
                if (cell.ColumnSpan > 1)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" colspan=\"{cell.ColumnSpan}\"");
                }
                if (cell.RowSpan > 1)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" rowspan=\"{cell.RowSpan}\"");
                }
                var classes = new List<string>();
                if (tag == "td")
                {
                    classes.Add(cell.Align switch { CellAlign.Center => "c", CellAlign.Right => "r", _ => "l" });
                    if (cell.Bold)
                    {
                        classes.Add("bold");
                    }
                    if (cell.NoWrap)
                    {
                        classes.Add("nw");
                    }
                }
                if (cell.Marked)
                {
                    classes.Add("marked");
                }
                if (classes.Count > 0)
                {
                    sb.Append(" class=\"").Append(string.Join(' ', classes)).Append('"');
                }
                sb.Append('>').Append(E(text.Digits(cell.Text))).Append("</").Append(tag).Append('>');
            }
            sb.Append("</tr>\n");
        }
    }

    private static string E(string s) => WebUtility.HtmlEncode(DocumentText.Safe(s)).Replace("\n", "<br>", StringComparison.Ordinal);
}
