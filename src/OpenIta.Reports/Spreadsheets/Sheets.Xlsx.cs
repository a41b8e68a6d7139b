using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Spreadsheets;

/// <summary>
/// XLSX: read as a stream of XML straight from the zip (no document object model, nothing loaded whole), and written by
/// the documents' own <see cref="XlsxRenderer"/>.
/// </summary>
/// <remarks>
/// Why not the OpenXml SDK's reader or MiniExcel here: both hand over whole rows or values once read, so a row of
/// millions of empty cells, one text node of 200 MB or a cell at column XFD is built in memory before any check can
/// refuse it. This reader counts every element as it passes, keeps only cells with values, and a guard stream refuses
/// any run of more than <see cref="MaxTokenBytes"/> bytes without a tag, which bounds every text and attribute the XML
/// reader may buffer.
/// </remarks>
public static partial class Sheets
{
    /// <summary>The longest stretch of a part without a '&lt;' (a text or a tag's attributes): a cell holds at most
    /// 32,767 characters, which UTF-8 writes in under 128 KB.</summary>
    private const int MaxTokenBytes = 256 * 1024;

    private const int MaxXmlDepth = 32;

    private const int MaxZipEntries = 10_000;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 1024,
        CloseInput = true,
    };

    /// <summary>Reads the worksheet of an XLSX workbook whose header has <paramref name="keyColumn"/> (else the first).</summary>
    public static SheetTable ReadXlsx(byte[] content, string keyColumn)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var parts = Parts(zip);
            var budget = new ReadBudget();
            var unpacked = new UnpackedCounter();
            var workbookPath = Targets(parts, unpacked, budget, "_rels/.rels", "").FirstOrDefault(t => t.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Path
                ?? "xl/workbook.xml";
            var folder = workbookPath.Contains('/', StringComparison.Ordinal) ? workbookPath[..(workbookPath.LastIndexOf('/') + 1)] : "";
            var relations = Targets(parts, unpacked, budget, folder + "_rels/" + workbookPath[folder.Length..] + ".rels", folder);
            var shared = relations.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Path is { } sharedPath
                ? SharedStrings(Open(parts, sharedPath, unpacked), budget)
                : [];
            SheetTable? first = null;
            foreach (var (id, name) in SheetIds(Open(parts, workbookPath, unpacked) ?? throw new SheetException(NotXlsx), budget))
            {
                if (relations.FirstOrDefault(r => r.Id == id).Path is not { } path || Open(parts, path, unpacked) is not { } part)
                {
                    continue;
                }
                var rows = ReadRows(part, shared, budget);
                if (rows.All(r => r.IsBlank))
                {
                    continue;
                }
                var table = Table(rows) with { Name = name };
                if (table.Header.Contains(keyColumn, StringComparer.OrdinalIgnoreCase))
                {
                    return table;
                }
                first ??= table;
            }
            return first ?? throw new SheetException("ไฟล์ว่างเปล่า ไม่มีข้อมูล", "The file is empty.");
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException
            or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new SheetException(NotXlsx);
        }
    }

    private static ImportError NotXlsx { get; } = ImportError.File(
        "อ่านไฟล์ XLSX นี้ไม่ได้ (ไฟล์อาจเสียหายหรือไม่ใช่ Excel) กรุณาบันทึกเป็น .xlsx หรือ CSV UTF-8 แล้วนำเข้าใหม่",
        "This XLSX file cannot be read (it may be damaged or not an Excel workbook): save it as .xlsx or as CSV UTF-8 and import that.");

    private static ImportError TooMuchUnpacked { get; } = ImportError.File(
        "ไฟล์ XLSX นี้ขยายออกมามีขนาดใหญ่เกินไป กรุณาแบ่งเป็นหลายไฟล์",
        "This XLSX file unpacks to far too much data: split it into several files.");

    /// <summary>The zip's entries by name (names in a package ignore case); too many entries or too much declared size is refused.</summary>
    private static Dictionary<string, ZipArchiveEntry> Parts(ZipArchive zip)
    {
        if (zip.Entries.Count > MaxZipEntries)
        {
            throw new SheetException(TooMuchUnpacked);
        }
        var parts = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (declared > MaxUnpackedBytes)
            {
                throw new SheetException(TooMuchUnpacked);
            }
            parts.TryAdd(entry.FullName.TrimStart('/'), entry);
        }
        return parts;
    }

    private static XmlReader? Open(Dictionary<string, ZipArchiveEntry> parts, string path, UnpackedCounter unpacked) =>
        parts.TryGetValue(path.TrimStart('/'), out var entry)
            ? XmlReader.Create(new GuardStream(entry.Open(), unpacked), XmlSettings)
            : null;

    /// <summary>The next node; refuses nesting deeper than any workbook has.</summary>
    private static bool Next(XmlReader xml, ReadBudget budget)
    {
        if (!xml.Read())
        {
            return false;
        }
        if (xml.Depth > MaxXmlDepth)
        {
            throw new SheetException(NotXlsx);
        }
        if (xml.NodeType == XmlNodeType.Element)
        {
            budget.Scan();
        }
        return true;
    }

    /// <summary>The relationships of a part: id, type and the target's path in the package.</summary>
    private static List<(string Id, string Type, string Path)> Targets(
        Dictionary<string, ZipArchiveEntry> parts, UnpackedCounter unpacked, ReadBudget budget, string relsPath, string folder)
    {
        var targets = new List<(string, string, string)>();
        using var xml = Open(parts, relsPath, unpacked);
        while (xml is not null && Next(xml, budget))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Target") is { } target
                && !string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                targets.Add((id, xml.GetAttribute("Type") ?? "", Resolve(folder, target)));
            }
        }
        return targets;
    }

    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target : folder + target).Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments);
    }

    /// <summary>The relationship ids and names of the workbook's sheets, in their order.</summary>
    private static List<(string Id, string? Name)> SheetIds(XmlReader workbook, ReadBudget budget)
    {
        var ids = new List<(string, string?)>();
        using (workbook)
        {
            while (Next(workbook, budget))
            {
                if (workbook.NodeType != XmlNodeType.Element || workbook.LocalName != "sheet")
                {
                    continue;
                }
                var name = workbook.GetAttribute("name");
                for (var more = workbook.MoveToFirstAttribute(); more; more = workbook.MoveToNextAttribute())
                {
                    if (workbook.LocalName == "id" && workbook.NamespaceURI.Length > 0)
                    {
                        ids.Add((workbook.Value, name));
                    }
                }
                workbook.MoveToElement();
            }
        }
        return ids;
    }

    /// <summary>The shared strings: plain, or the runs of rich text (not the phonetic guides).</summary>
    private static List<string> SharedStrings(XmlReader? part, ReadBudget budget)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }
        using (part)
        {
            var text = new StringBuilder();
            while (Next(part, budget))
            {
                if (part.NodeType == XmlNodeType.Element && part.LocalName == "si")
                {
                    var value = part.IsEmptyElement ? "" : Text(part, "si", text, budget, 0, 0);
                    budget.Keep(1, value.Length);
                    strings.Add(value);
                }
            }
        }
        return strings;
    }

    /// <summary>
    /// The text of the element the reader is on (si, c or is), read up to its end: the &lt;t&gt; (or, in a cell,
    /// &lt;v&gt;) texts outside phonetic runs, at most <see cref="MaxCellChars"/> characters.
    /// </summary>
    private static string Text(XmlReader xml, string element, StringBuilder text, ReadBudget budget, int row, int column)
    {
        text.Clear();
        var depth = xml.Depth;
        var inText = false;
        var phonetic = 0;
        while (Next(xml, budget))
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "rPh":
                    phonetic += xml.IsEmptyElement ? 0 : 1;
                    break;
                case XmlNodeType.Element when xml.LocalName is "t" or "v":
                    inText = !xml.IsEmptyElement && phonetic == 0;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "rPh":
                    phonetic--;
                    break;
                case XmlNodeType.EndElement when xml.LocalName is "t" or "v":
                    inText = false;
                    break;
                case XmlNodeType.EndElement when xml.Depth == depth && xml.LocalName == element:
                    return text.ToString();
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText:
                    text.Append(xml.Value);
                    if (text.Length > MaxCellChars)
                    {
                        throw new SheetException(row > 0 ? CellTooLong(row, column) : TooBig);
                    }
                    break;
            }
        }
        return text.ToString();
    }

    private static List<SheetRow> ReadRows(XmlReader part, List<string> shared, ReadBudget budget)
    {
        var rows = new List<SheetRow>();
        var text = new StringBuilder();
        using (part)
        {
            var previous = 0;
            List<string>? cells = null;
            var number = 0;
            var column = -1;
            while (Next(part, budget))
            {
                if (part.NodeType == XmlNodeType.Element && part.LocalName == "row")
                {
                    number = int.TryParse(part.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : previous + 1;
                    previous = number;
                    cells = null;
                    column = -1;
                    if (part.IsEmptyElement)
                    {
                        EndRow(rows, number, cells);
                    }
                }
                else if (part.NodeType == XmlNodeType.EndElement && part.LocalName == "row")
                {
                    EndRow(rows, number, cells);
                }
                else if (part.NodeType == XmlNodeType.Element && part.LocalName == "c" && number > 0)
                {
                    column = part.GetAttribute("r") is { } reference && ColumnIndex(reference) is { } at ? at : column + 1;
                    if (part.IsEmptyElement)
                    {
                        continue;
                    }
                    var type = part.GetAttribute("t");
                    var value = CellText(type, Text(part, "c", text, budget, number, column), shared);
                    if (value.Length == 0)
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
                    cells ??= [];
                    // Shared strings were counted when read; a cell's own text is counted here.
                    budget.Keep(Math.Max(1, column + 1 - cells.Count), type == "s" ? 0 : value.Length);
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }
                    if (column < cells.Count)
                    {
                        cells[column] = value;
                    }
                    else
                    {
                        cells.Add(value);
                    }
                }
            }
        }
        return rows;
    }

    /// <summary>Keeps a row: one with values always (their count is limited), a blank one only inside the row limit.</summary>
    private static void EndRow(List<SheetRow> rows, int number, List<string>? cells)
    {
        if (cells is null && number > MaxRows + 1)
        {
            return;
        }
        if (rows.Count > MaxRows + 1)
        {
            throw new SheetException(TooManyRows);
        }
        rows.Add(new SheetRow(number, cells is null ? [] : cells));
    }

    private static string CellText(string? type, string raw, List<string> shared) => type switch
    {
        "s" => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "",
        "b" => raw == "1" ? "TRUE" : "FALSE",
        null or "n" => Number(raw),
        _ => raw, // inlineStr, str (a formula's text), e (an error), d (a date as text)
    };

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

    /// <summary>The bytes unpacked from every part of one file, against <see cref="MaxUnpackedBytes"/>.</summary>
    private sealed class UnpackedCounter
    {
        private long _bytes;

        public void Add(int count)
        {
            _bytes += count;
            if (_bytes > MaxUnpackedBytes)
            {
                throw new SheetException(TooMuchUnpacked);
            }
        }
    }

    /// <summary>
    /// A part's stream that counts what it unpacks (the zip's declared sizes may lie) and refuses a stretch of more
    /// than <see cref="MaxTokenBytes"/> bytes without a '&lt;'.
    /// </summary>
    private sealed class GuardStream(Stream inner, UnpackedCounter unpacked) : Stream
    {
        private int _sinceTag;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            unpacked.Add(read);
            var data = buffer[..read];
            var last = data.LastIndexOf((byte)'<');
            if (last < 0)
            {
                _sinceTag += read;
            }
            else
            {
                if (_sinceTag + data.IndexOf((byte)'<') > MaxTokenBytes)
                {
                    throw new SheetException(NotXlsx);
                }
                _sinceTag = read - last - 1;
            }
            if (_sinceTag > MaxTokenBytes)
            {
                throw new SheetException(NotXlsx);
            }
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Writes a workbook with <see cref="XlsxRenderer"/>, the writer of the documents: the first row of each sheet is its
    /// header (bold, shaded, frozen), strings are text and numbers numbers.
    /// </summary>
    public static byte[] WriteXlsx(IReadOnlyList<SheetContent> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var tables = sheets.Select(sheet =>
        {
            var width = Math.Max(1, sheet.Rows.Count == 0 ? 1 : sheet.Rows.Max(r => r.Count));
            TableRow Row(IReadOnlyList<object?> values) => new(Enumerable.Range(0, width).Select(i => SheetCell(i < values.Count ? values[i] : null)).ToList());
            var widths = Enumerable.Range(0, width).Select(i => sheet.Widths is { } w && i < w.Count ? w[i] : 12d).ToList();
            return (Block)new Table(sheet.Rows.Take(1).Select(Row).ToList(), sheet.Rows.Skip(1).Select(Row).ToList(), widths, SheetName: sheet.Name);
        }).ToList();
        return new XlsxRenderer().Render(new ReportDocument(new DocumentOptions(sheets.Count > 0 ? sheets[0].Name : "", DigitStyle.Arabic), tables));
    }

    private static Cell SheetCell(object? value) => value switch
    {
        null => Cell.Empty(),
        string text => new Cell(text),
        int or long or decimal or double => new Cell(Text(value), CellAlign.Right, number: Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        _ => new Cell(Text(value)),
    };
}
