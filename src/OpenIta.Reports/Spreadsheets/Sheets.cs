using System.Globalization;
using System.Text;

namespace OpenIta.Reports.Spreadsheets;

/// <summary>One row of a sheet: its number as the spreadsheet shows it (the first row is 1) and its cells' text.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int index) => index < Cells.Count ? Cells[index] : "";

    public bool IsBlank => Cells.All(c => Spreadsheets.Cells.Trim(c).Length == 0);
}

/// <summary>A table read from a file: the header (the first row that is not blank) and the rows below it; a workbook's
/// table has its sheet's name.</summary>
public sealed record SheetTable(int HeaderRow, IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows, string? Name = null);

/// <summary>A sheet to write: its name, its rows (strings as text, numbers as numbers) and its column widths.</summary>
public sealed record SheetContent(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<double>? Widths = null);

/// <summary>
/// Reads CSV and XLSX files into rows of text with their row numbers, and writes them. Pure: bytes in, rows out.
/// CSV may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or the Thai Windows-874
/// (TIS-620) encoding, which is recognised when the bytes are not UTF-8 and read as Thai text (Sheets.Csv.cs);
/// XLSX is read as a stream of XML (Sheets.Xlsx.cs). Whatever the file, reading it is bounded: at most
/// <see cref="MaxCells"/> cells and <see cref="MaxTextChars"/> characters are kept, at most
/// <see cref="MaxScannedElements"/> XML elements are looked at, and it stops after <see cref="MaxReadTime"/>.
/// </summary>
public static partial class Sheets
{
    /// <summary>The largest file accepted: 10 MB.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>A table of more rows than this is refused (there are about 8,300 agencies).</summary>
    public const int MaxRows = 100_000;

    /// <summary>A cell beyond this column is refused.</summary>
    public const int MaxColumns = 2_000;

    /// <summary>An XLSX file whose parts unpack to more than this is refused (a "zip bomb").</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>
    /// At most this many cells are kept (the gaps before a value in a row count): 8,300 agencies of 120 columns fit.
    /// </summary>
    public const int MaxCells = 1_000_000;

    /// <summary>At most this many characters are kept from a file (about 20 MB of text in memory).</summary>
    public const int MaxTextChars = 10_000_000;

    /// <summary>A spreadsheet's own limit for one cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>
    /// At most this many XML elements of a workbook are looked at, empty ones (<c>&lt;c/&gt;</c>) included: a file of
    /// millions of empty cells is refused without building anything from them.
    /// </summary>
    public const int MaxScannedElements = 5_000_000;

    /// <summary>Reading a file stops with an error after this long.</summary>
    public static readonly TimeSpan MaxReadTime = TimeSpan.FromSeconds(10);

    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

    private static ImportError TooBig { get; } = ImportError.File(
        string.Create(CultureInfo.InvariantCulture, $"ไฟล์มีข้อมูลมากเกินไป (เกิน {MaxCells:N0} ช่อง หรือ {MaxTextChars:N0} ตัวอักษร) กรุณาแบ่งเป็นหลายไฟล์ หรือลบคอลัมน์และแถวที่ไม่ใช้"),
        string.Create(CultureInfo.InvariantCulture, $"The file holds too much (more than {MaxCells:N0} cells or {MaxTextChars:N0} characters): split it into several files, or remove the columns and rows you do not use."));

    private static ImportError TooSlow { get; } = ImportError.File(
        "ไฟล์นี้ใช้เวลาอ่านนานเกินไป กรุณาแบ่งเป็นหลายไฟล์ หรือบันทึกเป็น CSV UTF-8 แล้วนำเข้าใหม่",
        "This file takes too long to read: split it into several files, or save it as CSV UTF-8 and import that.");

    private static ImportError CellTooLong(int row, int column) => ImportError.At(row, "–", column,
        string.Create(CultureInfo.InvariantCulture, $"ช่องนี้ยาวเกิน {MaxCellChars:N0} ตัวอักษร"),
        string.Create(CultureInfo.InvariantCulture, $"this cell is longer than {MaxCellChars:N0} characters"));

    /// <summary>What one read of a file has kept and spent so far; throws <see cref="SheetException"/> past a limit.</summary>
    private sealed class ReadBudget
    {
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
        private long _cells;
        private long _chars;
        private long _elements;

        /// <summary>Keeps <paramref name="slots"/> more cells holding <paramref name="chars"/> more characters.</summary>
        public void Keep(int slots, int chars)
        {
            _cells += slots;
            _chars += chars;
            if (_cells > MaxCells || _chars > MaxTextChars)
            {
                throw new SheetException(TooBig);
            }
        }

        /// <summary>Looks at one more element; every so often, checks the clock.</summary>
        public void Scan()
        {
            _elements++;
            if (_elements > MaxScannedElements)
            {
                throw new SheetException(TooBig);
            }
            if ((_elements & 0xFFF) == 0)
            {
                CheckTime();
            }
        }

        public void CheckTime()
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(_started) > MaxReadTime)
            {
                throw new SheetException(TooSlow);
            }
        }
    }

    /// <summary>The error for a file over <see cref="MaxFileBytes"/>.</summary>
    public static ImportError TooLarge { get; } = ImportError.File(
        "ไฟล์ใหญ่เกิน 10 MB กรุณาแบ่งเป็นหลายไฟล์ หรือลบคอลัมน์และแถวที่ไม่ใช้",
        "The file is larger than 10 MB: split it into several files, or remove the columns and rows you do not use.");

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
        while (width > 0 && Spreadsheets.Cells.Trim(headerRow.Cells[width - 1]).Length == 0)
        {
            width--;
        }
        return new SheetTable(headerRow.Number, headerRow.Cells.Take(width).Select(Spreadsheets.Cells.Trim).ToList(), rows.Skip(header + 1).ToList());
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

}
