using System.Globalization;
using System.Text;
using OpenIta.Reports.Documents;

namespace OpenIta.Reports.Tests;

/// <summary>
/// A plain-text dump of a <see cref="ReportDocument"/> for approved snapshots: what the document says, block by block,
/// before any renderer (digits as built, line breaks as " / "). Table rows are one line each, cells between "|";
/// a marked cell is "■", a spanning cell carries "{c2}" or "{r3}".
/// </summary>
internal static class DocumentDump
{
    public static string Write(ReportDocument document)
    {
        var sb = new StringBuilder();
        var o = document.Options;
        if (o.Agency is { } agency)
        {
            sb.Append("AGENCY ").AppendLine(agency.Name);
            foreach (var line in agency.Lines)
            {
                sb.Append("       ").AppendLine(line);
            }
        }
        sb.Append("TITLE ").AppendLine(o.Title);
        if (o.Subtitle is { } subtitle)
        {
            sb.Append("SUBTITLE ").AppendLine(Flat(subtitle));
        }
        if (o.Date is { } date)
        {
            sb.Append("DATE ").AppendLine(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        sb.Append("PAGE ").AppendLine(o.Landscape ? "A4 landscape" : "A4 portrait");
        foreach (var block in document.Blocks)
        {
            sb.AppendLine();
            switch (block)
            {
                case Heading h:
                    sb.Append(new string('#', h.Level)).Append(' ').AppendLine(h.Text);
                    break;
                case Paragraph p:
                    sb.Append("P ").AppendLine(string.Concat(p.Runs.Select(r => r.Bold ? $"**{r.Text}**" : r.Text)));
                    break;
                case ListBlock l:
                    for (var i = 0; i < l.Items.Count; i++)
                    {
                        sb.Append(l.Numbered ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. ") : "- ")
                          .AppendLine(string.Concat(l.Items[i].Select(r => r.Text)));
                    }
                    break;
                case Table t:
                    sb.Append("TABLE ").Append(t.SheetName ?? t.Caption ?? "").Append(CultureInfo.InvariantCulture, $" ({t.ColumnCount} columns)").AppendLine();
                    foreach (var row in t.HeaderRows)
                    {
                        sb.Append("H ").AppendLine(Row(row));
                    }
                    foreach (var row in t.BodyRows)
                    {
                        sb.Append("  ").AppendLine(Row(row));
                    }
                    break;
                case SignatureBlock s:
                    sb.Append("SIGNATURE ").AppendLine(string.Join(" / ",
                        new[] { s.Caption, s.Name, s.Position, s.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.MemoNumber }
                            .Where(x => x is not null)));
                    break;
                case PageBreak:
                    sb.AppendLine("PAGE BREAK");
                    break;
                default:
                    sb.AppendLine(block.GetType().Name);
                    break;
            }
        }
        return sb.ToString();
    }

    private static string Row(TableRow row) => "| " + string.Join(" | ", row.Cells.Select(Cell)) + " |";

    private static string Cell(Cell cell)
    {
        var text = cell.Marked && cell.Text.Length == 0 ? "■" : Flat(cell.Text);
        if (cell.ColumnSpan > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {{c{cell.ColumnSpan}}}");
        }
        if (cell.RowSpan > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {{r{cell.RowSpan}}}");
        }
        return cell.Bold ? $"**{text}**" : text;
    }

    private static string Flat(string text) => text.Replace("\n", " / ", StringComparison.Ordinal);
}
