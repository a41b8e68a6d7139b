using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring;

/// <summary>
/// The one hot loop of scoring: counts the answers to each item over a block of respondents, then turns the counts
/// into item means. Counting first keeps the loop to one increment per cell; the exact decimal arithmetic runs once
/// per item and answer, not once per respondent.
/// </summary>
public static class SurveyAggregator
{
    /// <summary>The most answers a scale may have; a matrix rejects cells above it.</summary>
    public const int MaxAnswers = 15;

    internal const int Stride = MaxAnswers + 1;

    /// <summary>The mean score of every column over rows [firstRow, firstRow + rowCount), or null where nobody answered.</summary>
    public static decimal?[] ItemMeans(ResponseMatrix matrix, int firstRow, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var counts = CountAnswers(matrix, firstRow, rowCount);
        return Means(matrix.Columns, counts);
    }

    public static decimal?[] ItemMeans(ResponseMatrix matrix) => ItemMeans(matrix, 0, matrix.Rows);

    internal static int[] CountAnswers(ResponseMatrix matrix, int firstRow, int rowCount)
    {
        var counts = new int[matrix.Columns.Count * Stride];
        CountAnswers(matrix, firstRow, rowCount, counts);
        return counts;
    }

    /// <summary>Adds the answer counts of a block of rows to <paramref name="counts"/> (column × <see cref="Stride"/> + cell).</summary>
    internal static void CountAnswers(ResponseMatrix matrix, int firstRow, int rowCount, Span<int> counts)
    {
        var width = matrix.Columns.Count;
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > matrix.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), "The block lies outside the matrix.");
        }
        if (counts.Length < width * Stride)
        {
            throw new ArgumentException("The counts are too short for the matrix.", nameof(counts));
        }
        ReadOnlySpan<byte> cells = matrix.Cells.AsSpan(firstRow * width, rowCount * width);
        ref var count = ref MemoryMarshal.GetReference(counts);
        ref var cell = ref MemoryMarshal.GetReference(cells);
        // Row by row, column by column: consecutive increments hit different counters, so they do not wait on each
        // other. Every cell is at most MaxAnswers (checked when the matrix was made), so the offsets stay in range.
        for (var row = 0; row < rowCount; row++)
        {
            ref var first = ref Unsafe.Add(ref cell, row * width);
            for (var column = 0; column < width; column++)
            {
                Unsafe.Add(ref count, (column * Stride) + Unsafe.Add(ref first, column))++;
            }
        }
    }

    internal static decimal?[] Means(IReadOnlyList<ScoredItem> columns, int[] counts)
    {
        var means = new decimal?[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var item = columns[c];
            var answers = item.Scale!.Answers.Count;
            long answered = 0;
            var sum = 0m;
            for (var a = 0; a < answers; a++)
            {
                var n = counts[(c * Stride) + a + 1];
                if (n == 0)
                {
                    continue;
                }
                answered += n;
                sum += n * item.ScoreOf(a);
            }
            for (var a = answers + 1; a < Stride; a++)
            {
                if (counts[(c * Stride) + a] != 0)
                {
                    throw new ArgumentException($"Column {item.Code} holds an answer outside its scale.", nameof(counts));
                }
            }
            means[c] = answered == 0 ? null : sum / answered;
        }
        return means;
    }
}
