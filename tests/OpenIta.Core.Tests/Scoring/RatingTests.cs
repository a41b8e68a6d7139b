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
    public void Combined_eit_that_leaves_a_part_possibly_under_85_leaves_the_rating_open()
    {
        // EIT 90: the parts could be 80 and 100, so GoodPass is not certain, nor is Pass.
        var card = Score(2567, instruments: new() { [Instrument.Iit] = 90m, [Instrument.Eit] = 90m, [Instrument.Oit] = 90m });

        Assert.Equal("90.00", OpenIta.Core.Scoring.Score.Display(card.Total!.Value));
        Assert.Null(card.Rating);
        Assert.True(card.RatingUndecided);
        Assert.Equal(["GoodPass", "Pass"], card.RatingCandidates.Select(c => c.Code));
        Assert.Equal([Instrument.Eit1, Instrument.Eit2], card.RatingNeeds);
        Assert.Contains(card.Warnings, w => w.English.Contains("cannot be decided", StringComparison.Ordinal));
    }

    // Seed 003's FY2566 indicator scores without the EIT parts: the total is 90.47 as seed 003 prints it, but the
    // combined EIT (88.57) leaves part 1 possibly under 85 — as it was (84.54, so seed 003 reports ผ่าน).
    private static ScoreCard Seed003IndicatorsOnly() =>
        ScoringEngine.Score(Year(2566), new ScoreInput
        {
            Year = new FiscalYear(2566),
            Indicators = new Dictionary<int, decimal>
            {
                [1] = 94.98m, [2] = 88.57m, [3] = 87.61m, [4] = 89.58m, [5] = 87.63m,
                [6] = 89.36m, [7] = 90.63m, [8] = 85.71m, [9] = 85.00m, [10] = 100m,
            },
        });

    [Fact]
    public void Seed_003_from_indicator_scores_alone_is_pass_or_good_pass_until_the_eit_parts_are_known()
    {
        var card = Seed003IndicatorsOnly();

        Assert.Equal("90.47", OpenIta.Core.Scoring.Score.Display(card.Total!.Value));
        Assert.Null(card.Rating);
        Assert.Equal(["ผ่าน", "ผ่านดี"], RatingWording.Possible(card).Select(l => l.NameTh));
        Assert.Equal([Instrument.Eit1, Instrument.Eit2], card.RatingNeeds);
        Assert.Equal("ผ่าน หรือ ผ่านดี: ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒", RatingWording.Sentence(card).Th);
        Assert.Equal("Pass or Good pass: needs the scores of EIT part 1 and part 2", RatingWording.Sentence(card).En);
        Assert.True(card.Passed);
    }

    [Fact]
    public void Seed_003_with_its_eit_parts_is_decided_as_seed_003_reports_it()
    {
        var card = ScoringEngine.Score(Year(2566), new ScoreInput
        {
            Year = new FiscalYear(2566),
            Instruments = new Dictionary<Instrument, decimal> { [Instrument.Iit] = 89.67m, [Instrument.Eit1] = 84.54m, [Instrument.Eit2] = 92.59m, [Instrument.Oit] = 92.50m },
        });

        Assert.Equal("Pass", card.Rating!.Code);
        Assert.False(card.RatingUndecided);
        Assert.Empty(RatingWording.Possible(card));
        Assert.Empty(card.RatingNeeds);
    }

    [Fact]
    public void A_total_alone_names_every_instrument_that_would_decide()
    {
        var card = Score(2567, total: 96.74m);

        Assert.Equal("ผ่าน, ผ่านดี หรือ ผ่านดีเยี่ยม: ต้องมีคะแนน IIT, EIT ส่วนที่ ๑, EIT ส่วนที่ ๒ และ OIT", RatingWording.Sentence(card).Th);
    }

    [Fact]
    public void The_score_card_json_gives_a_null_rating_with_the_possible_levels_and_what_decides_them()
    {
        using var json = System.Text.Json.JsonDocument.Parse(OpenIta.Core.Scoring.Json.ScoreCardWriter.Write(Seed003IndicatorsOnly()));
        var root = json.RootElement;

        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("rating").ValueKind);
        Assert.Equal(["Pass", "GoodPass"], root.GetProperty("possibleRatings").EnumerateArray().Select(l => l.GetProperty("code").GetString()));
        Assert.Equal(["ผ่าน", "ผ่านดี"], root.GetProperty("possibleRatings").EnumerateArray().Select(l => l.GetProperty("th").GetString()));
        var decidedBy = root.GetProperty("ratingDecidedBy");
        Assert.Equal(["EIT1", "EIT2"], decidedBy.GetProperty("instruments").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒", decidedBy.GetProperty("th").GetString());
        Assert.Equal("90.47", root.GetProperty("totalDisplay").GetString());
    }

    [Fact]
    public void A_decided_rating_has_no_possible_levels_in_the_json()
    {
        using var json = System.Text.Json.JsonDocument.Parse(OpenIta.Core.Scoring.Json.ScoreCardWriter.Write(Score(2565, 92.62m)));
        var root = json.RootElement;

        Assert.Equal("A", root.GetProperty("rating").GetProperty("code").GetString());
        Assert.Equal(0, root.GetProperty("possibleRatings").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("ratingDecidedBy").ValueKind);
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
