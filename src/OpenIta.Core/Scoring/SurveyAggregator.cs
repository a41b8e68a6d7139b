using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OpenIta.Core.Scoring;

/// <summary>
/// The one hot loop of scoring: counts how often each answer was given to each item over the rows of a response
/// matrix. Everything above it (sums, means, fractions) runs once per item and answer, not once per respondent.
/// </summary>
public static class SurveyAggregator
{
    /// <summary>The most answers a scale may have; a matrix rejects cells above it.</summary>
    public const int MaxAnswers = 15;

    internal const int Stride = MaxAnswers + 1;

    /// <summary>Answers a vector pass counts in registers; matrices with more go through the plain loop.</summary>
    private const int VectorAnswers = 4;

    /// <summary>
    /// Adds the answer counts of rows [firstRow, firstRow + rowCount) to <paramref name="counts"/>, at column ×
    /// <see cref="Stride"/> + cell for cells 1 and up; what is left at cell 0 (not answered) means nothing.
    /// </summary>
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
        var cells = matrix.Cells.AsSpan(firstRow * width);
        var done = 0;
        if (Vector256.IsHardwareAccelerated && width <= Vector256<byte>.Count && matrix.MaxCell <= VectorAnswers)
        {
            done = CountVectorized(cells, width, rowCount, counts);
        }
        CountPlain(cells[(done * width)..], width, rowCount - done, counts);
    }

    /// <summary>
    /// One row per vector: each lane is a column, and for each answer a byte counter per lane goes up where the row
    /// holds that answer. The byte counters are added to <paramref name="counts"/> every 255 rows, before they can wrap.
    /// Returns the rows counted: those whose 32-byte load stays inside <paramref name="cells"/>.
    /// </summary>
    private static int CountVectorized(ReadOnlySpan<byte> cells, int width, int rows, Span<int> counts)
    {
        var safeRows = cells.Length < Vector256<byte>.Count ? 0 : Math.Min(rows, ((cells.Length - Vector256<byte>.Count) / width) + 1);
        ref var start = ref MemoryMarshal.GetReference(cells);
        var one = Vector256.Create((byte)1);
        var two = Vector256.Create((byte)2);
        var three = Vector256.Create((byte)3);
        var four = Vector256.Create((byte)4);
        var row = 0;
        while (row < safeRows)
        {
            var block = Math.Min(byte.MaxValue, safeRows - row);
            var ones = Vector256<byte>.Zero;
            var twos = Vector256<byte>.Zero;
            var threes = Vector256<byte>.Zero;
            var fours = Vector256<byte>.Zero;
            for (var end = row + block; row < end; row++)
            {
                var answers = Vector256.LoadUnsafe(ref start, (nuint)(row * width));
                // A matching lane compares as 0xFF (-1): subtracting it adds one.
                ones -= Vector256.Equals(answers, one);
                twos -= Vector256.Equals(answers, two);
                threes -= Vector256.Equals(answers, three);
                fours -= Vector256.Equals(answers, four);
            }
            for (var column = 0; column < width; column++)
            {
                var at = column * Stride;
                counts[at + 1] += ones.GetElement(column);
                counts[at + 2] += twos.GetElement(column);
                counts[at + 3] += threes.GetElement(column);
                counts[at + 4] += fours.GetElement(column);
            }
        }
        return safeRows;
    }

    /// <summary>One increment per cell, row by row, so that consecutive increments hit different counters.</summary>
    private static void CountPlain(ReadOnlySpan<byte> cells, int width, int rows, Span<int> counts)
    {
        ref var count = ref MemoryMarshal.GetReference(counts);
        ref var cell = ref MemoryMarshal.GetReference(cells);
        // Every cell is at most MaxAnswers (checked when the matrix was made), so the offsets stay in range.
        for (var row = 0; row < rows; row++)
        {
            ref var first = ref Unsafe.Add(ref cell, row * width);
            for (var column = 0; column < width; column++)
            {
                Unsafe.Add(ref count, (column * Stride) + Unsafe.Add(ref first, column))++;
            }
        }
    }
}
