using OpenIta.Reports.Documents;

namespace OpenIta.Reports.Rendering;

/// <summary>A cell at its grid column. A continuation stands for a row-spanning cell in a row below its origin
/// (DOCX needs a vMerge cell there, HTML nothing).</summary>
internal sealed record PlacedCell(Cell Cell, int Column, bool Continuation);

/// <summary>Places the cells of rows on the column grid, resolving column and row spans.</summary>
internal static class CellGrid
{
    public static IReadOnlyList<IReadOnlyList<PlacedCell>> Place(IReadOnlyList<TableRow> rows, int columnCount)
    {
        var occupied = new Dictionary<(int Row, int Column), Cell>();
        var origins = new Dictionary<(int Row, int Column), Cell>();
        var result = new List<IReadOnlyList<PlacedCell>>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var placed = new List<PlacedCell>();
            var c = 0;
            foreach (var cell in rows[r].Cells)
            {
                while (occupied.ContainsKey((r, c)))
                {
                    c++;
                }
                if (c + cell.ColumnSpan > columnCount)
                {
                    throw new InvalidOperationException($"Row {r + 1} has more cells than the table's {columnCount} columns.");
                }
                placed.Add(new PlacedCell(cell, c, Continuation: false));
                var rowSpan = Math.Min(cell.RowSpan, rows.Count - r);
                for (var i = 0; i < rowSpan; i++)
                {
                    for (var j = 0; j < cell.ColumnSpan; j++)
                    {
                        occupied[(r + i, c + j)] = cell;
                    }
                    if (i > 0)
                    {
                        origins[(r + i, c)] = cell;
                    }
                }
                c += cell.ColumnSpan;
            }
            placed.AddRange(origins.Where(o => o.Key.Row == r).Select(o => new PlacedCell(o.Value, o.Key.Column, Continuation: true)));
            placed.Sort((a, b) => a.Column.CompareTo(b.Column));
            result.Add(placed);
        }
        return result;
    }
}
