using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OpenIta.Core.Scoring;

/// <summary>
/// The one hot loop of scoring: over the rows of a response matrix, how many respondents answered each item and the
/// sum of their answers' scores (in units of 10^-4). Everything above it (the exact fractions) runs once per item, not
/// once per respondent.
/// </summary>
public static class SurveyAggregator
{
    /// <summary>The most answers a scale may have; a matrix rejects cells above it.</summary>
    public const int MaxAnswers = 15;

    /// <summary>Answers a vector pass counts in registers; matrices with more go through the plain loop.</summary>
    private const int VectorAnswers = 4;

    /// <summary>Whether <see cref="SumAnswers"/> runs its AVX2 loop on this machine (else the plain loop, same sums).</summary>
    internal static bool Vectorised => Avx2.IsSupported;

    /// <summary>
    /// What the vector loop needs of a layout, per lane of a 32-byte vector (lane j is column j mod width): the score of
    /// answers 1–4 in units, 0 where the column's scale has no such answer, and a byte mask of the answers it has.
    /// </summary>
    internal sealed class Lanes
    {
        private Lanes(Vector256<int>[] units, Vector256<byte>[] valid)
        {
            Units = units;
            Valid = valid;
        }

        /// <summary>Per answer a (0–3), four vectors of eight lanes: the lane's score of answer a + 1.</summary>
        public Vector256<int>[] Units { get; }

        /// <summary>Per answer a (0–3): 0xFF in the lanes whose column's scale has answer a + 1.</summary>
        public Vector256<byte>[] Valid { get; }

        /// <summary>The lanes of a layout, or null when its rows are wider than a vector or a score could overflow a lane.</summary>
        public static Lanes? For(long[][] units)
        {
            var width = units.Length;
            // A lane adds at most 255 answers a block before it is folded: 255 × the largest score must fit an int.
            if (width is 0 or > 32 || units.Any(u => u.Any(x => x is < 0 or > int.MaxValue / byte.MaxValue)))
            {
                return null;
            }
            var step = Vector256<byte>.Count / width * width;
            var lanes = new Vector256<int>[VectorAnswers * 4];
            var valid = new Vector256<byte>[VectorAnswers];
            for (var a = 0; a < VectorAnswers; a++)
            {
                var score = new int[Vector256<byte>.Count];
                var mask = new byte[Vector256<byte>.Count];
                for (var lane = 0; lane < step; lane++)
                {
                    var column = units[lane % width];
                    if (a < column.Length)
                    {
                        score[lane] = (int)column[a];
                        mask[lane] = byte.MaxValue;
                    }
                }
                for (var quarter = 0; quarter < 4; quarter++)
                {
                    lanes[(a * 4) + quarter] = Vector256.Create(score.AsSpan(quarter * 8, 8));
                }
                valid[a] = Vector256.Create(mask);
            }
            return new Lanes(lanes, valid);
        }
    }

    /// <summary>
    /// Adds, per column c, the respondents who answered it to <paramref name="answered"/>[c] and the sum of their scores
    /// to <paramref name="sums"/>[c], a cell k ≥ 1 scoring <paramref name="units"/>[c][k − 1]; a cell beyond its column's
    /// scale counts for nothing. <paramref name="vectors"/> picks the AVX2 loop where it applies (tests pass false to
    /// hold the plain loop to the same sums).
    /// </summary>
    internal static void SumAnswers(ResponseMatrix matrix, long[][] units, Lanes? lanes, bool vectors, Span<long> answered, Span<long> sums)
    {
        var width = matrix.Columns.Count;
        if (units.Length != width || answered.Length < width || sums.Length < width)
        {
            throw new ArgumentException("The units and sums must have one entry per column of the matrix.", nameof(units));
        }
        var cells = matrix.Cells.AsSpan();
        var done = vectors && lanes is not null && Avx2.IsSupported && matrix.MaxCell <= VectorAnswers
            ? SumVectorized(cells, width, matrix.Rows, lanes, answered, sums)
            : 0;
        SumPlain(cells[(done * width)..], width, matrix.Rows - done, units, answered, sums);
    }

    /// <summary>
    /// As many whole rows per 32-byte vector as fit (two of a 15-item EIT, one of a 30-item IIT). Each answer is turned
    /// by one table look-up (a byte shuffle) into a nibble counter: answers 1 and 2 go to the low and high nibble of one
    /// byte, 3 and 4 of another, so a row costs two look-ups and two additions whatever its width. The nibbles are moved
    /// into byte counters every 15 vectors, before they can carry; every 255 vectors the byte counters become, still in
    /// the vectors, each lane's answered count (masked to its scale) and score sum (widened to ints, multiplied by the
    /// lane's scores), and only those two numbers per lane are added to the columns. Returns the rows summed: all.
    /// </summary>
    private static int SumVectorized(ReadOnlySpan<byte> cells, int width, int rows, Lanes lanes, Span<long> answered, Span<long> sums)
    {
        var perVector = Vector256<byte>.Count / width;
        var step = perVector * width;
        // Vectors whose load stays inside the cells; the rows after them (fewer than 64 bytes) are copied into a
        // zero-padded buffer and summed by the same loop, so that no row is left to a scalar loop.
        var main = cells.Length < Vector256<byte>.Count ? 0 : Math.Min(rows / perVector, ((cells.Length - Vector256<byte>.Count) / step) + 1);
        var tailRows = rows - (main * perVector);
        var tailVectors = (tailRows + perVector - 1) / perVector;
        Span<byte> tail = stackalloc byte[4 * Vector256<byte>.Count];
        tail.Clear();
        cells.Slice(main * step, tailRows * width).CopyTo(tail);
        var vectors = main + tailVectors;
        ref var start = ref MemoryMarshal.GetReference(cells);
        ref var tailStart = ref MemoryMarshal.GetReference(tail);
        // Cell 1 → 0x01, 2 → 0x10 (first table); 3 → 0x01, 4 → 0x10 (second); 0 (not answered) → nothing.
        var lowTable = Vector256.Create((byte)0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var highTable = Vector256.Create((byte)0, 0, 0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var nibble = Vector256.Create((byte)0x0F);
        var units = lanes.Units;
        var valid = lanes.Valid;
        Span<byte> laneAnswered = stackalloc byte[Vector256<byte>.Count];
        Span<int> laneSums = stackalloc int[Vector256<byte>.Count];
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
                    var answers = vector < main
                        ? Vector256.LoadUnsafe(ref start, (nuint)(vector * step))
                        : Vector256.LoadUnsafe(ref tailStart, (nuint)((vector - main) * step));
                    low += Avx2.Shuffle(lowTable, answers);
                    high += Avx2.Shuffle(highTable, answers);
                }
                ones += low & nibble;
                twos += Vector256.ShiftRightLogical(low.AsUInt16(), 4).AsByte() & nibble;
                threes += high & nibble;
                fours += Vector256.ShiftRightLogical(high.AsUInt16(), 4).AsByte() & nibble;
            }
            // At most 255 answers per lane in a block: the masked sum of the four counters fits its byte.
            ((ones & valid[0]) + (twos & valid[1]) + (threes & valid[2]) + (fours & valid[3])).StoreUnsafe(ref laneAnswered[0]);
            var (s0, s1, s2, s3) = Scores(ones, units, 0);
            var (t0, t1, t2, t3) = Scores(twos, units, 4);
            var (u0, u1, u2, u3) = Scores(threes, units, 8);
            var (v0, v1, v2, v3) = Scores(fours, units, 12);
            (s0 + t0 + u0 + v0).StoreUnsafe(ref laneSums[0]);
            (s1 + t1 + u1 + v1).StoreUnsafe(ref laneSums[8]);
            (s2 + t2 + u2 + v2).StoreUnsafe(ref laneSums[16]);
            (s3 + t3 + u3 + v3).StoreUnsafe(ref laneSums[24]);
            ref var n = ref MemoryMarshal.GetReference(answered);
            ref var sum = ref MemoryMarshal.GetReference(sums);
            ref var laneN = ref MemoryMarshal.GetReference(laneAnswered);
            ref var laneSum = ref MemoryMarshal.GetReference(laneSums);
            // answered and sums hold width entries (checked by the caller), the lanes 32: no bounds checks in the fold.
            for (int lane = 0, column = 0; lane < step; lane++, column = column + 1 == width ? 0 : column + 1)
            {
                Unsafe.Add(ref n, column) += Unsafe.Add(ref laneN, lane);
                Unsafe.Add(ref sum, column) += Unsafe.Add(ref laneSum, lane);
            }
        }
        return rows;
    }

    /// <summary>A counter's 32 byte lanes widened to four vectors of ints and multiplied by the lanes' scores of its answer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<int>, Vector256<int>, Vector256<int>, Vector256<int>) Scores(Vector256<byte> counts, Vector256<int>[] units, int at)
    {
        var (low, high) = Vector256.Widen(counts);
        var (q0, q1) = Vector256.Widen(low);
        var (q2, q3) = Vector256.Widen(high);
        return (q0.AsInt32() * units[at], q1.AsInt32() * units[at + 1], q2.AsInt32() * units[at + 2], q3.AsInt32() * units[at + 3]);
    }

    /// <summary>One cell at a time, row by row.</summary>
    private static void SumPlain(ReadOnlySpan<byte> cells, int width, int rows, long[][] units, Span<long> answered, Span<long> sums)
    {
        for (var row = 0; row < rows; row++)
        {
            var line = cells.Slice(row * width, width);
            for (var column = 0; column < width; column++)
            {
                var cell = line[column];
                var scores = units[column];
                if (cell != ResponseMatrix.NotAnswered && cell <= scores.Length)
                {
                    answered[column]++;
                    sums[column] += scores[cell - 1];
                }
            }
        }
    }
}
