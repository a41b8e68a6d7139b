using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// As many whole rows per 32-byte vector as fit (two of a 15-item EIT, one of a 30-item IIT): lane j is column
    /// j mod width. Each answer is turned by one table look-up (a byte shuffle) into a nibble counter: answers 1 and 2
    /// go to the low and high nibble of one byte, 3 and 4 of another, so a row costs two look-ups and two additions
    /// whatever its width. The nibbles are moved into byte counters every 15 vectors, before they can carry, and the
    /// byte counters into <paramref name="counts"/> every 255 vectors. Returns the rows counted: those whose 32-byte
    /// load stays inside <paramref name="cells"/>.
    /// </summary>
    private static int CountVectorized(ReadOnlySpan<byte> cells, int width, int rows, Span<int> counts)
    {
        var perVector = Vector256<byte>.Count / width;
        var step = perVector * width;
        // Vectors whose load stays inside the cells and whose rows are all in the block.
        var vectors = cells.Length < Vector256<byte>.Count ? 0 : Math.Min(rows / perVector, ((cells.Length - Vector256<byte>.Count) / step) + 1);
        if (!Avx2.IsSupported)
        {
            return CountByComparison(cells, width, rows, counts);
        }
        ref var start = ref MemoryMarshal.GetReference(cells);
        // Cell 1 → 0x01, 2 → 0x10 (first table); 3 → 0x01, 4 → 0x10 (second); 0 (not answered) → nothing.
        var lowTable = Vector256.Create((byte)0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var highTable = Vector256.Create((byte)0, 0, 0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var nibble = Vector256.Create((byte)0x0F);
        Span<byte> lanes = stackalloc byte[4 * Vector256<byte>.Count];
        var vector = 0;
        while (vector < vectors)
        {
            var ones = Vector256<byte>.Zero;
            var twos = Vector256<byte>.Zero;
            var threes = Vector256<byte>.Zero;
            var fours = Vector256<byte>.Zero;
            var blockEnd = vector + Math.Min(byte.MaxValue, vectors - vector);
            while (vector < blockEnd)
            {
                var low = Vector256<byte>.Zero;
                var high = Vector256<byte>.Zero;
                for (var end = Math.Min(vector + 15, blockEnd); vector < end; vector++)
                {
                    var answers = Vector256.LoadUnsafe(ref start, (nuint)(vector * step));
                    low += Avx2.Shuffle(lowTable, answers);
                    high += Avx2.Shuffle(highTable, answers);
                }
                ones += low & nibble;
                twos += Vector256.ShiftRightLogical(low.AsUInt16(), 4).AsByte() & nibble;
                threes += high & nibble;
                fours += Vector256.ShiftRightLogical(high.AsUInt16(), 4).AsByte() & nibble;
            }
            // Stored once and read as bytes: GetElement with a variable lane spills the vector on every call.
            ones.StoreUnsafe(ref lanes[0]);
            twos.StoreUnsafe(ref lanes[32]);
            threes.StoreUnsafe(ref lanes[64]);
            fours.StoreUnsafe(ref lanes[96]);
            ref var count = ref MemoryMarshal.GetReference(counts);
            ref var lane0 = ref MemoryMarshal.GetReference(lanes);
            // counts holds width × Stride (checked by the caller) and lanes 4 × 32 bytes: no bounds checks in the fold.
            for (int lane = 0, at = 0; lane < step; lane++, at = at + Stride == width * Stride ? 0 : at + Stride)
            {
                Unsafe.Add(ref count, at + 1) += Unsafe.Add(ref lane0, lane);
                Unsafe.Add(ref count, at + 2) += Unsafe.Add(ref lane0, 32 + lane);
                Unsafe.Add(ref count, at + 3) += Unsafe.Add(ref lane0, 64 + lane);
                Unsafe.Add(ref count, at + 4) += Unsafe.Add(ref lane0, 96 + lane);
            }
        }
        return vectors * perVector;
    }

    /// <summary>
    /// Without AVX2's byte shuffle: one row per vector, one comparison and one subtraction per answer. The byte counters
    /// are added to <paramref name="counts"/> every 255 rows, before they can wrap.
    /// </summary>
    private static int CountByComparison(ReadOnlySpan<byte> cells, int width, int rows, Span<int> counts)
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
