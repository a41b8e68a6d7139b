using FsCheck;
using FsCheck.Fluent;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>The counting loop, vectorised and plain, counts and sums exactly what a naive loop over the cells does.</summary>
public sealed class SurveyAggregatorTests
{
    private static readonly AnswerScale Scale = new("test", SourceStatus.Confirmed, null, null,
        Enumerable.Range(0, SurveyAggregator.MaxAnswers).Select(i => new Answer($"a{i}", i)).ToList());

    /// <summary>Per column: how many answered it within its scale, and the sum of their scores; one cell at a time.</summary>
    private static (long[] Answered, long[] Sums) Naive(byte[] cells, int width, long[][] units)
    {
        var answered = new long[width];
        var sums = new long[width];
        for (var i = 0; i < cells.Length; i++)
        {
            var column = i % width;
            if (cells[i] > 0 && cells[i] <= units[column].Length)
            {
                answered[column]++;
                sums[column] += units[column][cells[i] - 1];
            }
        }
        return (answered, sums);
    }

    /// <summary>The sums of both loops (the vector one where AVX2 is, the plain one always) and the naive ones agree.</summary>
    private static bool SumsAgree(int width, int rows, byte[] cells, long[][] units)
    {
        var columns = Enumerable.Range(0, width).Select(c => new ScoredItem($"c{c}", null, null, Scale, false)).ToList();
        var matrix = new ResponseMatrix(columns, cells, rows);
        var lanes = SurveyAggregator.Lanes.For(units);
        var (answered, sums) = Naive(cells, width, units);
        foreach (var vectors in new[] { true, false })
        {
            var n = new long[width];
            var s = new long[width];
            SurveyAggregator.SumAnswers(matrix, units, lanes, vectors, n, s);
            if (!n.SequenceEqual(answered) || !s.SequenceEqual(sums))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Per column, a scale of 2 to 15 answers with scores up to 100 in units of 10^-4 (reverse or not).</summary>
    private static Gen<long[][]> Units(int width) =>
        Gen.Elements(2, 3, 4, 5, SurveyAggregator.MaxAnswers)
            .SelectMany(count => Gen.Choose(0, 1_000_000).Select(x => (long)x).ArrayOf(count))
            .ArrayOf(width);

    [Fact]
    public void Sums_equal_a_naive_sum_for_any_width_rows_answers_and_scales()
    {
        var matrices =
            from width in Gen.Choose(1, 40)
            from rows in Gen.OneOf(Gen.Choose(0, 40), Gen.Choose(250, 600)) // across the 255-vector blocks too
            from highest in Gen.Elements(2, 4, 6, SurveyAggregator.MaxAnswers)
            from cells in Gen.Choose(0, highest).Select(x => (byte)x).ArrayOf(width * rows)
            from units in Units(width)
            select (width, rows, cells, units);
        Prop.ForAll(matrices.ToArbitrary(), m => SumsAgree(m.width, m.rows, m.cells, m.units))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Sums_equal_a_naive_sum_when_narrow_rows_share_a_vector_over_many_blocks()
    {
        // Several rows per 32-byte vector (width up to 16), past the 15-vector nibble flush and the 255-vector block;
        // answers 1–4 (the vector loop's), some beyond a column's shorter scale (they count for nothing).
        var matrices =
            from width in Gen.Choose(1, 16)
            from rows in Gen.Choose(255 * (32 / width), (255 * (32 / width)) + 700)
            from cells in Gen.Choose(0, 4).Select(x => (byte)x).ArrayOf(width * rows)
            from units in Units(width)
            select (width, rows, cells, units);
        Prop.ForAll(matrices.ToArbitrary(), m => SumsAgree(m.width, m.rows, m.cells, m.units))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void The_largest_scores_in_every_cell_of_a_full_block_do_not_overflow_a_lane()
    {
        // 255 vectors of the largest answer at the largest score a lane takes: the lane's int holds exactly its sum.
        const int width = 16;
        var rows = 255 * 2 * 3;
        var cells = Enumerable.Repeat((byte)4, width * rows).ToArray();
        var units = Enumerable.Range(0, width).Select(_ => new long[] { 0, 0, 0, int.MaxValue / byte.MaxValue }).ToArray();
        Assert.NotNull(SurveyAggregator.Lanes.For(units));
        Assert.True(SumsAgree(width, rows, cells, units));
        // One unit more and the layout sums without the vector loop, still exactly.
        units[3] = [0, 0, 0, (int.MaxValue / byte.MaxValue) + 1];
        Assert.Null(SurveyAggregator.Lanes.For(units));
        Assert.True(SumsAgree(width, rows, cells, units));
    }

    [Fact]
    public void A_matrix_whose_size_overflows_is_refused_not_wrapped()
    {
        // Issue 8 (checked arithmetic in the core): 2^30 rows × 4 columns wrapped to 0 cells, and an empty array passed
        // for a billion respondents. Checked, the product overflows and the matrix is refused.
        var columns = Enumerable.Range(0, 4).Select(c => new ScoredItem($"c{c}", null, null, Scale, false)).ToList();
        Assert.Throws<OverflowException>(() => new ResponseMatrix(columns, [], 1 << 30));
    }
}
