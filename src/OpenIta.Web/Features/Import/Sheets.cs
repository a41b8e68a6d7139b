using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using OpenIta.Core.Text;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace OpenIta.Web.Features.Import;

/// <summary>One row of a sheet: its number as the spreadsheet shows it (the first row is 1) and its cells' text.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int index) => index < Cells.Count ? Cells[index] : "";

    public bool IsBlank => Cells.All(c => Import.Cells.Trim(c).Length == 0);
}

/// <summary>A table read from a file: the header (the first row that is not blank) and the rows below it.</summary>
public sealed record SheetTable(int HeaderRow, IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows);

/// <summary>A sheet to write: its name, its rows (strings as text, numbers as numbers) and its column widths.</summary>
public sealed record SheetContent(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<double>? Widths = null);

/// <summary>
/// Reads CSV and XLSX files into rows of text with their row numbers, and writes them. Pure: bytes in, rows out.
/// CSV may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or the Thai Windows-874
/// (TIS-620) encoding, which is recognised when the bytes are not UTF-8 and read as Thai text.
/// </summary>
public static class Sheets
{
    /// <summary>The largest file accepted: 10 MB.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>A table of more rows than this is refused (there are about 8,300 agencies).</summary>
    public const int MaxRows = 100_000;

    /// <summary>A cell beyond this column is refused.</summary>
    public const int MaxColumns = 2_000;

    /// <summary>An XLSX file whose parts unpack to more than this is refused (a "zip bomb").</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a CSV or XLSX file (told apart by their content, not their name). In a workbook, the first worksheet
    /// whose header has <paramref name="keyColumn"/> is read, else the first worksheet.
    /// </summary>
    /// <exception cref="SheetException">The file is empty, too large, or not a CSV or XLSX file.</exception>
    public static SheetTable Read(ReadOnlySpan<byte> content, string keyColumn)
    {
        if (content.Length == 0)
        {
            throw new SheetException("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty.");
        }
        if (content.Length > MaxFileBytes)
        {
            throw new SheetException(TooLarge);
        }
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return ReadXlsx(content.ToArray(), keyColumn);
        }
        if (content.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            throw new SheetException(
                "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) กรุณาบันทึกเป็น .xlsx หรือ CSV UTF-8 แล้วนำเข้าใหม่",
                "This is an old Excel file (.xls): save it as .xlsx or as CSV UTF-8 and import that.");
        }
        return ReadCsv(Decode(content));
    }

    /// <summary>The error for a file over <see cref="MaxFileBytes"/>.</summary>
    public static ImportError TooLarge { get; } = ImportError.File(
        "ไฟล์ใหญ่เกิน 10 MB กรุณาแบ่งเป็นหลายไฟล์ หรือลบคอลัมน์และแถวที่ไม่ใช้",
        "The file is larger than 10 MB: split it into several files, or remove the columns and rows you do not use.");

    // ---- CSV ------------------------------------------------------------------------------------------

    /// <summary>The text of a CSV file, from its bytes: UTF-8, UTF-16 with a byte order mark, or Windows-874 Thai.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Utf8(bytes[3..]);
        }
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        if (bytes.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            if (LooksLikeThaiWindows874(bytes))
            {
                return CodePagesEncodingProvider.Instance.GetEncoding(874)!.GetString(bytes);
            }
            throw new SheetException(
                "อ่านตัวอักษรในไฟล์ไม่ได้ กรุณาบันทึกเป็น \"CSV UTF-8 (Comma delimited)\" หรือ .xlsx แล้วนำเข้าใหม่",
                "The file's characters cannot be read: save it as \"CSV UTF-8 (Comma delimited)\" or as .xlsx and import that.");
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SheetException(
                "ไฟล์ระบุว่าเป็น UTF-8 แต่มีตัวอักษรที่ไม่ใช่ UTF-8 กรุณาบันทึกเป็น \"CSV UTF-8\" ใหม่",
                "The file says it is UTF-8 but holds bytes that are not: save it again as \"CSV UTF-8\".");
        }
    }

    /// <summary>
    /// Windows-874 (a superset of TIS-620) puts Thai letters at 0xA1–0xFB. A file that is not UTF-8 and whose other
    /// bytes are all in that range, or its few punctuation marks (0x85, 0x91–0x97), is Thai text in that encoding.
    /// </summary>
    private static bool LooksLikeThaiWindows874(ReadOnlySpan<byte> bytes)
    {
        var thai = 0;
        foreach (var b in bytes)
        {
            if (b < 0x80)
            {
                continue;
            }
            if (b is (>= 0xA1 and <= 0xDA) or (>= 0xDF and <= 0xFB))
            {
                thai++;
            }
            else if (b is not (0x80 or 0x85 or (>= 0x91 and <= 0x97) or 0xA0))
            {
                return false;
            }
        }
        return thai > 0;
    }

    /// <summary>Reads CSV text: the separator (comma, semicolon, tab) is detected; a quoted cell may span lines.</summary>
    public static SheetTable ReadCsv(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var malformed = new List<(long Record, CsvMalformedReason Reason)>();
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            SkipEmptyLines = false,
            OnMalformedRecord = record => malformed.Add((record.RecordNumber, record.Reason)),
        };
        var rows = new List<SheetRow>();
        using (var reader = CsvReader.FromText(text, options))
        {
            var number = 0;
            while (reader.Read())
            {
                number++;
                if (number > MaxRows + 1)
                {
                    throw new SheetException(TooManyRows);
                }
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i) ?? "";
                }
                if (cells.Length > MaxColumns && cells.Skip(MaxColumns).Any(c => c.Length > 0))
                {
                    throw new SheetException(TooManyColumns(number));
                }
                rows.Add(new SheetRow(number, cells));
            }
        }
        // A stray quote inside a cell (สำนักงาน "ก.พ.ร.") is kept as text, as spreadsheets do; other quoting mistakes
        // change where cells begin and end, so they are refused rather than guessed.
        var bad = malformed.FirstOrDefault(m => m.Reason != CsvMalformedReason.StrayQuote);
        if (bad.Record > 0)
        {
            throw new SheetException(ImportError.AtRow((int)bad.Record,
                "เครื่องหมายคำพูด (\") ไม่ครบคู่ ทำให้แบ่งช่องไม่ได้ กรุณาตรวจแถวนี้ หรือบันทึกไฟล์จาก Excel ใหม่",
                $"the quotes (\") do not pair up ({bad.Reason}), so the cells cannot be told apart: check this row, or save the file again from a spreadsheet"));
        }
        return Table(rows);
    }

    private static ImportError TooManyRows { get; } = ImportError.File(
        string.Create(CultureInfo.InvariantCulture, $"ไฟล์มีมากกว่า {MaxRows:N0} แถว กรุณาแบ่งเป็นหลายไฟล์"),
        string.Create(CultureInfo.InvariantCulture, $"The file has more than {MaxRows:N0} rows: split it into several files."));

    private static ImportError TooManyColumns(int row) => ImportError.AtRow(row,
        string.Create(CultureInfo.InvariantCulture, $"มีข้อมูลเกินคอลัมน์ที่ {MaxColumns}"),
        string.Create(CultureInfo.InvariantCulture, $"there are values beyond column {MaxColumns}"));

    private static SheetTable Table(List<SheetRow> rows)
    {
        var header = rows.FindIndex(r => !r.IsBlank);
        if (header < 0)
        {
            throw new SheetException("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty.");
        }
        var headerRow = rows[header];
        var width = headerRow.Cells.Count;
        while (width > 0 && Import.Cells.Trim(headerRow.Cells[width - 1]).Length == 0)
        {
            width--;
        }
        return new SheetTable(headerRow.Number, headerRow.Cells.Take(width).Select(Import.Cells.Trim).ToList(), rows.Skip(header + 1).ToList());
    }

    /// <summary>Writes rows as CSV: UTF-8 with a byte order mark (so that Excel shows Thai), comma separated.</summary>
    public static byte[] WriteCsv(IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                writer.WriteRecord(row.Select(Text).ToArray());
            }
        }
        return stream.ToArray();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // ---- XLSX -----------------------------------------------------------------------------------------

    /// <summary>Reads the worksheet of an XLSX workbook whose header has <paramref name="keyColumn"/> (else the first).</summary>
    public static SheetTable ReadXlsx(byte[] content, string keyColumn)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckUnpackedSize(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart
                ?? throw new SheetException(NotXlsx);
            var shared = SharedStrings(workbook);
            SheetTable? first = null;
            foreach (var sheet in workbook.Workbook?.Sheets?.Elements<X.Sheet>() ?? [])
            {
                if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }
                var rows = ReadRows(part, shared);
                if (rows.All(r => r.IsBlank))
                {
                    continue;
                }
                var table = Table(rows);
                if (table.Header.Contains(keyColumn, StringComparer.OrdinalIgnoreCase))
                {
                    return table;
                }
                first ??= table;
            }
            return first ?? throw new SheetException("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty.");
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException
            or System.Xml.XmlException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            throw new SheetException(NotXlsx);
        }
    }

    private static ImportError NotXlsx { get; } = ImportError.File(
        "อ่านไฟล์ XLSX นี้ไม่ได้ (ไฟล์อาจเสียหายหรือไม่ใช่ Excel) กรุณาบันทึกเป็น .xlsx หรือ CSV UTF-8 แล้วนำเข้าใหม่",
        "This XLSX file cannot be read (it may be damaged or not an Excel workbook): save it as .xlsx or as CSV UTF-8 and import that.");

    private static void CheckUnpackedSize(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUnpackedBytes || zip.Entries.Count > 10_000)
                {
                    throw new SheetException(
                        "ไฟล์ XLSX นี้ขยายออกมามีขนาดใหญ่เกินไป กรุณาแบ่งเป็นหลายไฟล์",
                        "This XLSX file unpacks to far too much data: split it into several files.");
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new SheetException(NotXlsx);
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(X.SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(RichText((X.SharedStringItem)reader.LoadCurrentElement()!));
            }
        }
        return strings;
    }

    /// <summary>The text of a shared or inline string: plain, or the runs of rich text (not the phonetic guides).</summary>
    private static string RichText(OpenXmlElement item) =>
        string.Concat(item.Descendants<X.Text>().Where(t => t.Parent is not X.PhoneticRun).Select(t => t.Text));

    private static List<SheetRow> ReadRows(WorksheetPart part, List<string> shared)
    {
        var rows = new List<SheetRow>();
        using var reader = OpenXmlReader.Create(part);
        var previous = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(X.Row) || !reader.IsStartElement)
            {
                continue;
            }
            var row = (X.Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)Math.Min(index, int.MaxValue) : previous + 1;
            previous = number;
            var cells = new List<string>();
            var column = -1;
            foreach (var cell in row.Elements<X.Cell>())
            {
                column = cell.CellReference?.Value is { } reference && ColumnIndex(reference) is { } at ? at : column + 1;
                var text = CellText(cell, shared);
                if (text.Length == 0)
                {
                    continue;
                }
                if (number > MaxRows + 1)
                {
                    throw new SheetException(TooManyRows);
                }
                if (column >= MaxColumns)
                {
                    throw new SheetException(TooManyColumns(number));
                }
                while (cells.Count < column)
                {
                    cells.Add("");
                }
                if (column < cells.Count)
                {
                    cells[column] = text;
                }
                else
                {
                    cells.Add(text);
                }
            }
            rows.Add(new SheetRow(number, cells));
        }
        return rows;
    }

    private static string CellText(X.Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == X.CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? RichText(inline) : "";
        }
        var raw = cell.CellValue?.Text ?? "";
        if (type == X.CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
        }
        if (type == X.CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }
        if (type is null or X.CellValues.Number)
        {
            return Number(raw);
        }
        return raw;
    }

    /// <summary>
    /// A number as a spreadsheet stores it is a binary double: 74.3 may be written 74.299999999999997. Fifteen
    /// significant digits give back the number the person typed.
    /// </summary>
    private static string Number(string raw)
    {
        if (raw.Length == 0 || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return raw;
        }
        var shortest = value.ToString("G15", CultureInfo.InvariantCulture);
        return decimal.TryParse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? exact.ToString(CultureInfo.InvariantCulture)
            : shortest;
    }

    /// <summary>The 0-based column of a cell reference such as "AB12".</summary>
    public static int? ColumnIndex(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }
            column = column * 26 + (upper - 'A' + 1);
            letters++;
            if (letters > 3)
            {
                return null;
            }
        }
        return letters == 0 ? null : column - 1;
    }

    /// <summary>The letters of a 0-based column: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = new StringBuilder();
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters.Insert(0, (char)('A' + (n - 1) % 26));
        }
        return letters.ToString();
    }

    /// <summary>
    /// Writes a workbook: the first row of each sheet bold and frozen, strings as text and numbers as numbers.
    /// </summary>
    public static byte[] WriteXlsx(IReadOnlyList<SheetContent> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new X.Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var list = workbook.Workbook.AppendChild(new X.Sheets());
            uint sheetId = 1;
            foreach (var content in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(content);
                list.Append(new X.Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = content.Name });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static X.Worksheet Worksheet(SheetContent content)
    {
        var worksheet = new X.Worksheet();
        worksheet.Append(new X.SheetViews(new X.SheetView(
            new X.Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = X.PaneValues.BottomLeft, State = X.PaneStateValues.Frozen },
            new X.Selection { Pane = X.PaneValues.BottomLeft })
        { WorkbookViewId = 0 }));
        if (content.Widths is { Count: > 0 } widths)
        {
            var columns = new X.Columns();
            for (var i = 0; i < widths.Count; i++)
            {
                columns.Append(new X.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
            }
            worksheet.Append(columns);
        }
        var data = new X.SheetData();
        for (var r = 0; r < content.Rows.Count; r++)
        {
            var row = new X.Row { RowIndex = (uint)r + 1 };
            var values = content.Rows[r];
            for (var c = 0; c < values.Count; c++)
            {
                if (Cell(values[c], ColumnLetter(c) + (r + 1).ToString(CultureInfo.InvariantCulture), bold: r == 0) is { } cell)
                {
                    row.Append(cell);
                }
            }
            data.Append(row);
        }
        worksheet.Append(data);
        return worksheet;
    }

    private static X.Cell? Cell(object? value, string reference, bool bold)
    {
        X.Cell cell;
        switch (value)
        {
            case null:
            case string { Length: 0 }:
                return null;
            case string text:
                cell = new X.Cell { DataType = X.CellValues.InlineString, InlineString = new X.InlineString(new X.Text(UserText.Printable(text)) { Space = SpaceProcessingModeValues.Preserve }) };
                break;
            case int or long or decimal or double:
                cell = new X.Cell { CellValue = new X.CellValue(Text(value)) };
                break;
            default:
                cell = new X.Cell { DataType = X.CellValues.InlineString, InlineString = new X.InlineString(new X.Text(Text(value))) };
                break;
        }
        cell.CellReference = reference;
        if (bold)
        {
            cell.StyleIndex = 1;
        }
        return cell;
    }

    /// <summary>Two cell formats: 0 plain, 1 bold with wrapped text (the header).</summary>
    private static X.Stylesheet Stylesheet() => new(
        new X.Fonts(new X.Font(), new X.Font(new X.Bold())) { Count = 2 },
        new X.Fills(
            new X.Fill(new X.PatternFill { PatternType = X.PatternValues.None }),
            new X.Fill(new X.PatternFill { PatternType = X.PatternValues.Gray125 }))
        { Count = 2 },
        new X.Borders(new X.Border()) { Count = 1 },
        new X.CellStyleFormats(new X.CellFormat()) { Count = 1 },
        new X.CellFormats(
            new X.CellFormat(),
            new X.CellFormat(new X.Alignment { WrapText = true, Vertical = X.VerticalAlignmentValues.Top }) { FontId = 1, ApplyFont = true, ApplyAlignment = true })
        { Count = 2 });
}
