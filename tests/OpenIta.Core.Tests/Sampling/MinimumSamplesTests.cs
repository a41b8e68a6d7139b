using OpenIta.Core.Methodology;
using OpenIta.Core.Sampling;
using Xunit;

namespace OpenIta.Core.Tests.Sampling;

public sealed class MinimumSamplesTests
{
    private static IReadOnlyList<MinimumSample> Fy2567(int? inside, int? outside) =>
        MinimumSamples.Compute(FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567)), inside, outside);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(29, 29)]     // fewer than 30: everyone
    [InlineData(30, 30)]
    [InlineData(150, 30)]    // 20 % is 30
    [InlineData(151, 31)]    // 20 % is 30.2: not fewer than that is 31
    [InlineData(1000, 200)]
    [InlineData(2000, 400)]
    [InlineData(2001, 400)]  // more than 2,000: at least 400
    [InlineData(50000, 400)]
    public void Iit_takes_20_percent_of_internal_stakeholders_within_the_bounds(int people, int minimum)
    {
        Assert.Equal(minimum, Fy2567(people, null).Single(m => m.Instrument == Instrument.Iit).Minimum);
    }

    [Theory]
    [InlineData(29, 29, 20)]
    [InlineData(150, 30, 20)]
    [InlineData(600, 120, 24)]
    [InlineData(2000, 400, 80)]
    [InlineData(2001, 400, 80)]
    public void Eit_part_2_takes_20_percent_of_part_1s_minimum_and_at_least_20(int people, int part1, int part2)
    {
        var minimums = Fy2567(null, people);
        Assert.Equal(part1, minimums.Single(m => m.Instrument == Instrument.Eit1).Minimum);
        Assert.Equal(part2, minimums.Single(m => m.Instrument == Instrument.Eit2).Minimum);
    }

    [Fact]
    public void A_missing_population_is_reported_not_guessed()
    {
        var iit = Fy2567(null, 100).Single(m => m.Instrument == Instrument.Iit);
        Assert.Null(iit.Minimum);
        Assert.Contains("internal stakeholders was not given", iit.Unknown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_without_a_known_rule_says_so()
    {
        var unknown = FrameworkCatalog.BuiltIn.All.First(f => f.Sampling is null);
        var minimums = MinimumSamples.Compute(unknown, 100, 100);
        Assert.All(minimums, m =>
        {
            Assert.Null(m.Minimum);
            Assert.Contains("no source gives", m.Unknown, StringComparison.Ordinal);
        });
    }
}
