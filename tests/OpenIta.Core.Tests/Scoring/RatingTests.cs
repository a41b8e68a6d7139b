using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

public sealed class RatingTests
{
    private static Framework Year(int be) => FrameworkCatalog.BuiltIn.Get(new FiscalYear(be));

    private static ScoreCard Score(int be, decimal? total = null, Dictionary<Instrument, decimal>? instruments = null) =>
        ScoringEngine.Score(Year(be), new ScoreInput
        {
            Year = new FiscalYear(be),
            Total = total,
            Instruments = instruments ?? [],
        });

    [Theory]
    [InlineData(100.00, "AA")]
    [InlineData(95.00, "AA")]
    [InlineData(94.99, "A")]
    [InlineData(85.00, "A")]
    [InlineData(84.99, "B")]
    [InlineData(75.00, "B")]
    [InlineData(74.99, "C")]
    [InlineData(65.00, "C")]
    [InlineData(64.99, "D")]
    [InlineData(55.00, "D")]
    [InlineData(54.99, "E")]
    [InlineData(50.00, "E")]
    [InlineData(49.99, "F")]
    [InlineData(0.00, "F")]
    public void Grades_up_to_fy2565_follow_the_published_boundaries(double total, string grade)
    {
        foreach (var year in new[] { 2563, 2564, 2565 })
        {
            Assert.Equal(grade, Score(year, (decimal)total).Rating!.Code);
        }
    }

    [Theory]
    [InlineData(84.994, "B", false)]
    [InlineData(84.995, "A", true)] // shown as 85.00: rated and passed as shown
    [InlineData(94.995, "AA", true)]
    public void Totals_are_rated_as_displayed_rounded_half_up(double total, string grade, bool passed)
    {
        var card = Score(2565, (decimal)total);
        Assert.Equal(grade, card.Rating!.Code);
        Assert.Equal(passed, card.Passed);
    }

    public static TheoryData<decimal, decimal, decimal, decimal, string> Fy2567Cases => new()
    {
        // IIT, EIT1, EIT2, OIT → rating (the total follows from the weights 30/15/15/40)
        { 95m, 95m, 95m, 95m, "ExcellentPass" },
        { 94.99m, 100m, 100m, 100m, "GoodPass" },      // total 98.50 but IIT is under 95
        { 100m, 100m, 94.99m, 100m, "GoodPass" },      // EIT part 2 is under 95
        { 85m, 85m, 85m, 85m, "GoodPass" },
        { 100m, 84.99m, 100m, 100m, "Pass" },          // EIT part 1 is under 85
        { 84.99m, 100m, 100m, 100m, "Pass" },
        { 70m, 70m, 70m, 70m, "NeedsImprovement" },
        { 84.99m, 84.99m, 84.99m, 84.99m, "NeedsImprovement" },
        { 69.99m, 69.99m, 69.99m, 69.99m, "NeedsUrgentImprovement" },
        { 0m, 0m, 0m, 0m, "NeedsUrgentImprovement" },
    };

    [Theory]
    [MemberData(nameof(Fy2567Cases))]
    public void Fy2567_levels_check_every_instrument(decimal iit, decimal eit1, decimal eit2, decimal oit, string level)
    {
        var card = Score(2567, instruments: new()
        {
            [Instrument.Iit] = iit, [Instrument.Eit1] = eit1, [Instrument.Eit2] = eit2, [Instrument.Oit] = oit,
        });
        Assert.Equal(level, card.Rating!.Code);
        Assert.Empty(card.RatingCandidates);
    }

    [Fact]
    public void Fy2567_total_alone_cannot_decide_between_the_passing_levels()
    {
        var card = Score(2567, total: 96.74m);

        Assert.Null(card.Rating);
        Assert.Equal(["ExcellentPass", "GoodPass", "Pass"], card.RatingCandidates.Select(c => c.Code));
        Assert.True(card.Passed);
        Assert.Contains(card.Warnings, w => w.English.Contains("cannot be decided", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(84.99, "NeedsImprovement")]
    [InlineData(70.00, "NeedsImprovement")]
    [InlineData(69.99, "NeedsUrgentImprovement")]
    public void Fy2567_total_alone_decides_below_the_pass_mark(double total, string level)
    {
        var card = Score(2567, total: (decimal)total);
        Assert.Equal(level, card.Rating!.Code);
        Assert.False(card.Passed);
    }

    [Fact]
    public void Combined_eit_that_leaves_a_part_possibly_under_85_stands_in_and_warns()
    {
        // EIT 90: the parts could be 80 and 100, so GoodPass is not certain.
        var card = Score(2567, instruments: new() { [Instrument.Iit] = 90m, [Instrument.Eit] = 90m, [Instrument.Oit] = 90m });

        Assert.Equal("90.00", OpenIta.Core.Scoring.Score.Display(card.Total!.Value));
        Assert.Equal("GoodPass", card.Rating!.Code);
        Assert.Equal(["GoodPass", "Pass"], card.RatingCandidates.Select(c => c.Code));
        Assert.Contains(card.Warnings, w => w.English.Contains("cannot be fully checked", StringComparison.Ordinal));
    }

    [Fact]
    public void Combined_eit_high_enough_decides_for_any_split_of_the_parts()
    {
        // EIT 97.82: each part is at least 95.64, so both are over 85 whatever the split.
        var card = Score(2567, instruments: new() { [Instrument.Iit] = 90m, [Instrument.Eit] = 97.82m, [Instrument.Oit] = 90m });

        Assert.Equal("GoodPass", card.Rating!.Code);
        Assert.Empty(card.RatingCandidates);
        Assert.Contains(card.Warnings, w => w.English.Contains("for any split", StringComparison.Ordinal));
    }
}
