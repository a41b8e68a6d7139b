using System.Globalization;

namespace OpenIta.Reports.Spreadsheets;

/// <summary>
/// One thing wrong with an imported file, in Thai and English, at the row and column a spreadsheet shows (the header
/// is row 1, the first column is A). <see cref="Row"/> is null for the file as a whole; <see cref="Column"/> is null
/// for a whole row.
/// </summary>
public sealed record ImportError(int? Row, string? Column, string? ColumnLetter, string Thai, string English)
{
    public static ImportError File(string thai, string english) => new(null, null, null, thai, english);

    public static ImportError AtRow(int row, string thai, string english) => new(row, null, null, thai, english);

    public static ImportError At(int row, string column, int columnIndex, string thai, string english) =>
        new(row, column, Sheets.ColumnLetter(columnIndex), thai, english);

    /// <summary>"row 5, column indicator_3 (D)" in the language asked for.</summary>
    public string Where(bool english)
    {
        var parts = new List<string>();
        if (Row is { } row)
        {
            var number = row.ToString(CultureInfo.InvariantCulture);
            parts.Add(english ? $"row {number}" : $"แถว {number}");
        }
        if (Column is not null)
        {
            var column = ColumnLetter is null ? Column : $"{Column} ({ColumnLetter})";
            parts.Add(english ? $"column {column}" : $"คอลัมน์ {column}");
        }
        return string.Join(english ? ", " : " ", parts);
    }

    public override string ToString() => Where(english: true) is { Length: > 0 } where ? $"{where}: {English}" : English;
}

/// <summary>A file that cannot be read as a table at all (empty, too large, not CSV or XLSX).</summary>
public sealed class SheetException : Exception
{
    public SheetException(ImportError error) : base(error?.English)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public SheetException(string thai, string english) : this(ImportError.File(thai, english))
    {
    }

    public SheetException()
    {
        Error = ImportError.File("อ่านไฟล์ไม่ได้", "The file cannot be read.");
    }

    public SheetException(string message) : base(message)
    {
        Error = ImportError.File(message, message);
    }

    public SheetException(string message, Exception innerException) : base(message, innerException)
    {
        Error = ImportError.File(message, message);
    }

    public ImportError Error { get; }
}
