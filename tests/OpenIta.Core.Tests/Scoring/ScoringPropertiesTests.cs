using FsCheck;
using FsCheck.Fluent;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>Invariants over random inputs, for every known year.</summary>
public sealed class ScoringPropertiesTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Ten indicator scores in 0–100 with two decimals, as published.</summary>
    private static Arbitrary<decimal[]> IndicatorScores() =>
        Gen.Choose(0, 10_000).Select(n => n / 100m).ArrayOf(10).ToArbitrary();

    private static ScoreCard Score(Framework framework, decimal[] indicators) =>
        ScoringEngine.Score(framework, new ScoreInput
        {
            Year = framework.Year,
            Indicators = indicators.Select((s, i) => (s, i)).ToDictionary(x => x.i + 1, x => x.s),
        });

    public static TheoryData<int> Years => new(FrameworkCatalog.BuiltIn.All.Select(f => f.Year.BuddhistEra));

    [Theory]
    [MemberData(nameof(Years))]
    public void Weights_sum_to_one(int year)
    {
        Assert.Equal(1m, FrameworkCatalog.BuiltIn.Get(new FiscalYear(year)).Instruments.Sum(i => i.Weight));
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Every_level_stays_within_0_and_100(int year)
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(year));
        Prop.ForAll(IndicatorScores(), scores =>
        {
            var card = Score(framework, scores);
            return card.Total is >= 0m and <= 100m
                && card.Instruments.All(i => i.Score is null or (>= 0m and <= 100m));
        }).Check(Runs);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void An_instrument_lies_between_its_lowest_and_highest_indicator(int year)
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(year));
        Prop.ForAll(IndicatorScores(), scores =>
        {
            var card = Score(framework, scores);
            return card.Instruments.Where(i => i.Score is not null).All(i =>
            {
                var group = i.Instrument is Instrument.Eit1 or Instrument.Eit2 ? Instrument.Eit : i.Instrument;
                var own = framework.IndicatorsOf(group).Select(d => scores[d.Number - 1]).ToList();
                return i.Score >= own.Min() && i.Score <= own.Max();
            });
        }).Check(Runs);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Raising_any_indicator_never_lowers_the_total_or_the_rating(int year)
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(year));
        var raise = Gen.Choose(0, 9).Zip(Gen.Choose(0, 10_000)).ToArbitrary();
        Prop.ForAll(IndicatorScores(), raise, (scores, change) =>
        {
            var (index, amount) = change;
            var higher = (decimal[])scores.Clone();
            higher[index] = Math.Min(100m, higher[index] + (amount / 100m));
            var before = Score(framework, scores);
            var after = Score(framework, higher);
            return after.Total >= before.Total && Rank(framework, after) <= Rank(framework, before);
        }).Check(Runs);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void The_total_is_the_weighted_sum_of_the_instruments_as_displayed(int year)
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(year));
        var instrumentScores = Gen.Choose(0, 100_000).Select(n => n / 1000m).ArrayOf(framework.Instruments.Count).ToArbitrary();
        Prop.ForAll(instrumentScores, scores =>
        {
            var input = framework.Instruments.Select((d, i) => (d.Instrument, scores[i])).ToDictionary(x => x.Instrument, x => x.Item2);
            var card = ScoringEngine.Score(framework, new ScoreInput { Year = framework.Year, Instruments = input });
            return card.Total == framework.Instruments.Select((d, i) => d.Weight * OpenIta.Core.Scoring.Score.Round(scores[i])).Sum();
        }).Check(Runs);
    }

    /// <summary>The position of the rating in the scale, 0 the best; the worst level when undecided.</summary>
    private static int Rank(Framework framework, ScoreCard card)
    {
        var levels = framework.Rating.Levels.ToList();
        var level = card.Rating ?? (card.RatingCandidates.Count > 0 ? card.RatingCandidates[^1] : null);
        return level is null ? levels.Count : levels.IndexOf(level);
    }
}
