using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>
/// Raw answers of one survey instrument, one row per respondent and one column per scored item (a sub-item such as
/// I1.1, or a question without sub-items). A cell holds 0 for "not answered", or 1 + the index of the answer in the
/// item's scale. Rows carry no identity: nothing here can be linked to a person.
/// </summary>
public sealed class ResponseMatrix
{
    public const byte NotAnswered = 0;

    public ResponseMatrix(IReadOnlyList<ScoredItem> columns, byte[] cells, int rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cells);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A response matrix needs at least one column.", nameof(columns));
        }
        if (rows < 0 || cells.Length != rows * columns.Count)
        {
            throw new ArgumentException($"Expected {rows} × {columns.Count} cells, got {cells.Length}.", nameof(cells));
        }
        foreach (var column in columns)
        {
            if (column.Scale is null)
            {
                throw new ArgumentException($"The answer scale of {column.Code} is unknown.", nameof(columns));
            }
        }
        if (cells.AsSpan().IndexOfAnyInRange((byte)(SurveyAggregator.MaxAnswers + 1), byte.MaxValue) is var bad and >= 0)
        {
            throw new ArgumentException($"Cell {bad} holds {cells[bad]}: a cell is 0 or 1 + an answer index below {SurveyAggregator.MaxAnswers}.", nameof(cells));
        }
        Columns = columns;
        Cells = cells;
        Rows = rows;
        MaxCell = cells.Length == 0 ? (byte)0 : System.Linq.Enumerable.Max(cells);
    }

    public IReadOnlyList<ScoredItem> Columns { get; }
    public int Rows { get; }
    internal byte[] Cells { get; }

    /// <summary>The cell of a row and column: 0 for not answered, else 1 + the answer's index in the column's scale.</summary>
    public byte Cell(int row, int column)
    {
        // One comparison per bound: a negative index becomes a large unsigned one (a wrap, on purpose).
        if (unchecked((uint)row >= (uint)Rows || (uint)column >= (uint)Columns.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(row), "The cell lies outside the matrix.");
        }
        return Cells[(row * Columns.Count) + column];
    }

    /// <summary>The largest cell: the highest answer index + 1 that occurs (lets the counting pick its loop).</summary>
    internal byte MaxCell { get; }

    /// <summary>Builds a matrix from answer labels, naming the row and item of the first label that does not fit.</summary>
    public static ResponseMatrix FromLabels(
        Framework framework, Instrument instrument, IReadOnlyList<IReadOnlyDictionary<string, string>> rows, string field)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<ScoredItem>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var code in rows[r].Keys)
            {
                if (index.ContainsKey(code))
                {
                    continue;
                }
                var found = framework.FindItem(code);
                if (found is not { } hit)
                {
                    var question = framework.FindQuestion(code);
                    var why = question is { HasSubItems: true }
                        ? ScoreErrors.AnswerSubItems(question.Code, string.Join(", ", question.Items.Select(i => i.Code)))
                        : ScoreErrors.UnknownQuestion(code, framework.Year.BuddhistEra);
                    throw new ScoreInputException($"{field}[{r}].{code}", why);
                }
                if (hit.Question.Instrument != instrument)
                {
                    throw new ScoreInputException($"{field}[{r}].{code}",
                        ScoreErrors.WrongInstrument(hit.Item.Code, hit.Question.Instrument, instrument));
                }
                if (hit.Item.Scale is null)
                {
                    throw new ScoreInputException($"{field}[{r}].{code}",
                        ScoreErrors.UnknownScale(hit.Item.Code, framework.Year.BuddhistEra));
                }
                index[code] = columns.Count;
                columns.Add(hit.Item);
            }
        }
        if (columns.Count == 0)
        {
            throw new ScoreInputException(field, ScoreErrors.NoAnswers());
        }
        var cells = new byte[rows.Count * columns.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var (code, label) in rows[r])
            {
                var c = index[code];
                var answer = columns[c].Scale!.IndexOf(label ?? "");
                if (answer < 0)
                {
                    var allowed = string.Join(" / ", columns[c].Scale!.Answers.Select(a => a.Label));
                    throw new ScoreInputException($"{field}[{r}].{code}", ScoreErrors.NotAnAnswer(label ?? "", columns[c].Code, allowed));
                }
                cells[(r * columns.Count) + c] = (byte)(answer + 1);
            }
        }
        return new ResponseMatrix(columns, cells, rows.Count);
    }
}
