namespace OpenIta.Reports.Documents;

public enum CellAlign
{
    Left,
    Center,
    Right,
}

/// <summary>A table cell. A cell spans <see cref="ColumnSpan"/> columns and <see cref="RowSpan"/> rows; as in HTML,
/// the rows below a row-spanning cell leave it out. <see cref="Marked"/> fills the cell (a quarter in a timeline).
/// <see cref="Number"/>, when given, is the cell's value as a number (XLSX writes it as a number).</summary>
public sealed record Cell
{
    public Cell(string text, CellAlign align = CellAlign.Left, int columnSpan = 1, int rowSpan = 1,
        bool marked = false, bool bold = false, decimal? number = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columnSpan, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowSpan, 1);
        Text = text;
        Align = align;
        ColumnSpan = columnSpan;
        RowSpan = rowSpan;
        Marked = marked;
        Bold = bold;
        Number = number;
    }

    public string Text { get; init; }
    public CellAlign Align { get; init; }
    public int ColumnSpan { get; init; }
    public int RowSpan { get; init; }
    public bool Marked { get; init; }
    public bool Bold { get; init; }
    public decimal? Number { get; init; }

    /// <summary>Printed on one line, never broken (a code such as <c>syn-sao-004</c>, which a browser breaks at its
    /// hyphens); the column is as wide as the text.</summary>
    public bool NoWrap { get; init; }

    public static implicit operator Cell(string text) => new(text);

    /// <summary>A number shown with <paramref name="decimals"/> decimals, right-aligned.</summary>
    public static Cell Num(decimal value, int decimals = 2) =>
        new(Math.Round(value, decimals, MidpointRounding.AwayFromZero)
                .ToString("#,##0." + new string('0', decimals), System.Globalization.CultureInfo.InvariantCulture).TrimEnd('.'),
            CellAlign.Right, number: value);

    /// <summary>A filled cell of a timeline (e.g. the quarters in which a measure runs).</summary>
    public static Cell Mark() => new("", CellAlign.Center, marked: true);

    /// <summary>An empty cell.</summary>
    public static Cell Empty() => new("");
}

public sealed record TableRow(IReadOnlyList<Cell> Cells)
{
    public static TableRow Of(params Cell[] cells) => new(cells);
}

/// <summary>A table. <see cref="ColumnWidths"/> are relative weights, one per column; their number is the number of
/// columns. Header rows are bold, shaded and repeated on every page.</summary>
/// <param name="SheetName">The XLSX sheet's name (Thai allowed); the caption or "ตาราง n" when null.</param>
/// <param name="Compact">Set in 12 pt instead of 14 pt in DOCX and PDF, for a table of many columns (the measures by
/// item have twelve).</param>
/// <param name="RowsMayBreak">A row taller than what is left of a page runs on to the next, as Word does by default (the
/// measures tables, whose rows hold whole lists of steps); otherwise a row is kept on one page.</param>
public sealed record Table(
    IReadOnlyList<TableRow> HeaderRows,
    IReadOnlyList<TableRow> BodyRows,
    IReadOnlyList<double> ColumnWidths,
    string? Caption = null,
    string? SheetName = null,
    bool Compact = false,
    bool RowsMayBreak = false) : Block
{
    public int ColumnCount => ColumnWidths.Count;
}
