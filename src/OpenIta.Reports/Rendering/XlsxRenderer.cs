using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenIta.Reports.Documents;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace OpenIta.Reports.Rendering;

/// <summary>Renders the tables of a <see cref="ReportDocument"/> as a workbook: one sheet per table (Thai sheet names
/// allowed), header rows bold and shaded, merged cells kept, numbers stored as numbers (cells with
/// <see cref="Documents.Cell.Number"/>) so they can be summed, text through the digit option.</summary>
public sealed class XlsxRenderer
{
    // Cell formats of the stylesheet below.
    private const uint TextFormat = 1;
    private const uint HeaderFormat = 2;
    private const uint NumberFormat = 3;
    private const uint MarkedFormat = 4;
    private const uint BoldTextFormat = 5;
    private const uint IntegerFormat = 6;

    /// <summary>The text of an empty marked cell (a quarter in which a measure runs) in a sheet.</summary>
    public const string MarkText = "✓";

    public byte[] Render(ReportDocument document)
    {
        using var stream = new MemoryStream();
        Render(document, stream);
        return stream.ToArray();
    }

    public void Render(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new DocumentText(document.Options);
        var tables = document.Blocks.OfType<Documents.Table>().ToList();
        using var package = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook, autoSave: true);
        var workbookPart = package.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = Worksheet(table, text);
            var name = UniqueName(table.SheetName ?? table.Caption ?? $"ตาราง {i + 1}", names);
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = (uint)(i + 1), Name = name });
        }
        if (tables.Count == 0)
        {
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(new SheetData(new X.Row(InlineText("A1", text.Digits(document.Options.Title), BoldTextFormat)) { RowIndex = 1 }));
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "เอกสาร" });
        }
        workbookPart.Workbook.Save();
    }

    private static Worksheet Worksheet(Documents.Table table, DocumentText text)
    {
        var columns = new Columns();
        var total = table.ColumnWidths.Sum();
        for (var c = 0; c < table.ColumnCount; c++)
        {
            // About 100 characters across the sheet, shared as the document shares its width.
            var width = Math.Max(6, Math.Round(table.ColumnWidths[c] / total * 100, 1));
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = width, CustomWidth = true });
        }
        var data = new SheetData();
        var merges = new List<string>();
        var rowIndex = 0;
        void Rows(IReadOnlyList<Documents.TableRow> rows, bool header)
        {
            var placedRows = CellGrid.Place(rows, table.ColumnCount);
            for (var r = 0; r < placedRows.Count; r++)
            {
                var placedRow = placedRows[r];
                rowIndex++;
                var row = new X.Row { RowIndex = (uint)rowIndex };
                foreach (var placed in placedRow.Where(p => !p.Continuation))
                {
                    var cell = placed.Cell;
                    var reference = Reference(placed.Column, rowIndex);
                    var format = header ? HeaderFormat : cell.Marked ? MarkedFormat : cell.Bold ? BoldTextFormat : TextFormat;
                    if (!header && cell.Number is { } number)
                    {
                        row.Append(new X.Cell
                        {
                            CellReference = reference,
                            DataType = CellValues.Number,
                            CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)),
                            StyleIndex = decimal.Truncate(number) == number && !cell.Text.Contains('.', StringComparison.Ordinal) ? IntegerFormat : NumberFormat,
                        });
                    }
                    else
                    {
                        // A filled timeline cell also says so in text, so that it can be filtered and read aloud.
                        var value = !header && cell.Marked && cell.Text.Length == 0 ? MarkText : text.Digits(cell.Text);
                        row.Append(InlineText(reference, value, format));
                    }
                    if (cell.ColumnSpan > 1 || cell.RowSpan > 1)
                    {
                        var lastRow = rowIndex + Math.Min(cell.RowSpan, rows.Count - r) - 1; // spans stop at the group's end, as in CellGrid
                        merges.Add($"{reference}:{Reference(placed.Column + cell.ColumnSpan - 1, lastRow)}");
                    }
                }
                data.Append(row);
            }
        }
        Rows(table.HeaderRows, header: true);
        Rows(table.BodyRows, header: false);

        var sheet = new Worksheet();
        if (table.HeaderRows.Count > 0)
        {
            // Keep the header rows in view while scrolling.
            sheet.Append(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = table.HeaderRows.Count,
                TopLeftCell = Reference(0, table.HeaderRows.Count + 1),
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0 }));
        }
        sheet.Append(columns, data);
        if (merges.Count > 0)
        {
            sheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)merges.Count });
        }
        return sheet;
    }

    private static X.Cell InlineText(string reference, string value, uint format) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new X.Text(DocumentText.Safe(value)) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = format,
    };

    /// <summary>"A1"-style reference of a zero-based column and a one-based row.</summary>
    internal static string Reference(int column, int row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + (c - 1) % 26) + name;
        }
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\, unique regardless of case.</summary>
    internal static string UniqueName(string wanted, HashSet<string> taken)
    {
        var cleaned = new string([.. DocumentText.Safe(wanted).Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? ' ' : c)]).Trim().Trim('\'');
        if (cleaned.Length == 0)
        {
            cleaned = "ตาราง";
        }
        var name = cleaned.Length > 31 ? DocumentText.Safe(cleaned[..31]) : cleaned;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            name = (cleaned.Length + suffix.Length > 31 ? cleaned[..(31 - suffix.Length)] : cleaned) + suffix;
        }
        return name;
    }

    private static Stylesheet Stylesheet()
    {
        var fonts = new Fonts(
            new X.Font(new X.FontSize { Val = 14 }, new X.FontName { Val = DocumentText.FontName }),
            new X.Font(new X.Bold(), new X.FontSize { Val = 14 }, new X.FontName { Val = DocumentText.FontName }))
        { Count = 2 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9D9D9" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FF7F7F7F" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
        { Count = 4 };
        static BorderPropertiesType Thin(BorderPropertiesType b)
        {
            b.Style = BorderStyleValues.Thin;
            b.Append(new X.Color { Indexed = 64 });
            return b;
        }
        var borders = new Borders(
            new X.Border(new X.LeftBorder(), new X.RightBorder(), new X.TopBorder(), new X.BottomBorder(), new DiagonalBorder()),
            new X.Border(Thin(new X.LeftBorder()), Thin(new X.RightBorder()), Thin(new X.TopBorder()), Thin(new X.BottomBorder()), new DiagonalBorder()))
        { Count = 2 };
        CellFormat Format(uint font, uint fill, uint numberFormat, HorizontalAlignmentValues? align, bool wrap = true) => new(
            new Alignment { Horizontal = align, Vertical = VerticalAlignmentValues.Top, WrapText = wrap })
        {
            FontId = font, FillId = fill, BorderId = 1, NumberFormatId = numberFormat,
            ApplyFont = true, ApplyFill = fill != 0, ApplyBorder = true, ApplyNumberFormat = numberFormat != 0, ApplyAlignment = true,
        };
        var cellFormats = new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 },
            Format(0, 0, 0, null),                               // TextFormat
            Format(1, 2, 0, HorizontalAlignmentValues.Center),   // HeaderFormat
            Format(0, 0, 4, HorizontalAlignmentValues.Right),    // NumberFormat: #,##0.00
            Format(0, 3, 0, HorizontalAlignmentValues.Center),   // MarkedFormat
            Format(1, 0, 0, null),                               // BoldTextFormat
            Format(0, 0, 3, HorizontalAlignmentValues.Right))    // IntegerFormat: #,##0
        { Count = 7 };
        return new Stylesheet(fonts, fills, borders,
            new CellStyleFormats(new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0 }) { Count = 1 },
            cellFormats);
    }
}
