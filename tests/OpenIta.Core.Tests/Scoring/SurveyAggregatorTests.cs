using FsCheck;
using FsCheck.Fluent;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>The counting loop (vectorised where it can be) counts exactly what a naive count does.</summary>
public sealed class SurveyAggregatorTests
{
    private static readonly AnswerScale Scale = new("test", SourceStatus.Confirmed, null, null,
        Enumerable.Range(0, SurveyAggregator.MaxAnswers).Select(i => new Answer($"a{i}", i)).ToList());

    private static int[] Naive(byte[] cells, int width)
    {
        var counts = new int[width * (SurveyAggregator.MaxAnswers + 1)];
        for (var i = 0; i < cells.Length; i++)
        {
            counts[((i % width) * (SurveyAggregator.MaxAnswers + 1)) + cells[i]]++;
        }
        return counts;
    }

    /// <summary>The counts of answers 1 and up; "not answered" (0) is not counted.</summary>
    private static int[] Answered(int[] counts) =>
        counts.Where((_, i) => i % (SurveyAggregator.MaxAnswers + 1) != 0).ToArray();

    [Fact]
    public void Counts_equal_a_naive_count_for_any_width_rows_and_answers()
    {
        var matrices =
            from width in Gen.Choose(1, 40)
            from rows in Gen.OneOf(Gen.Choose(0, 40), Gen.Choose(250, 600)) // across the 255-row blocks too
            from highest in Gen.Elements(2, 4, 6, SurveyAggregator.MaxAnswers)
            from cells in Gen.Choose(0, highest).Select(x => (byte)x).ArrayOf(width * rows)
            select (width, rows, cells);
        Prop.ForAll(matrices.ToArbitrary(), m =>
        {
            var columns = Enumerable.Range(0, m.width).Select(c => new ScoredItem($"c{c}", null, null, Scale, false)).ToList();
            var matrix = new ResponseMatrix(columns, m.cells, m.rows);
            var counts = new int[m.width * (SurveyAggregator.MaxAnswers + 1)];
            SurveyAggregator.CountAnswers(matrix, 0, m.rows, counts);
            return Answered(counts).SequenceEqual(Answered(Naive(m.cells, m.width)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Counts_equal_a_naive_count_when_narrow_rows_share_a_vector_over_many_blocks()
    {
        // Several rows per 32-byte vector (width up to 16), past the 15-vector nibble flush and the 255-vector block.
        var matrices =
            from width in Gen.Choose(1, 16)
            from rows in Gen.Choose(255 * (32 / width), (255 * (32 / width)) + 700)
            from cells in Gen.Choose(0, 4).Select(x => (byte)x).ArrayOf(width * rows)
            from first in Gen.Choose(0, 40)
            select (width, rows, cells, first);
        Prop.ForAll(matrices.ToArbitrary(), m =>
        {
            var columns = Enumerable.Range(0, m.width).Select(c => new ScoredItem($"c{c}", null, null, Scale, false)).ToList();
            var matrix = new ResponseMatrix(columns, m.cells, m.rows);
            var counts = new int[m.width * (SurveyAggregator.MaxAnswers + 1)];
            SurveyAggregator.CountAnswers(matrix, m.first, m.rows - m.first, counts);
            return Answered(counts).SequenceEqual(Answered(Naive(m.cells[(m.first * m.width)..], m.width)));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void A_block_of_rows_counts_only_those_rows()
    {
        var columns = Enumerable.Range(0, 3).Select(c => new ScoredItem($"c{c}", null, null, Scale, false)).ToList();
        byte[] cells = [1, 2, 3, 4, 4, 4, 2, 2, 2];
        var counts = new int[3 * (SurveyAggregator.MaxAnswers + 1)];
        SurveyAggregator.CountAnswers(new ResponseMatrix(columns, cells, 3), 1, 1, counts);
        Assert.Equal(Answered(Naive([4, 4, 4], 3)), Answered(counts));
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
