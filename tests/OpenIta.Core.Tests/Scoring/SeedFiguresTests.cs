using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>Every worked figure of DOMAIN.md §2.2, from the seed documents' own tables.</summary>
public sealed class SeedFiguresTests
{
    private static ScoreCard Score(int year, Dictionary<int, decimal>? indicators = null,
        Dictionary<Instrument, decimal>? instruments = null, PublishedFigures? published = null) =>
        ScoringEngine.Score(FrameworkCatalog.BuiltIn.Get(new FiscalYear(year)), new ScoreInput
        {
            Year = new FiscalYear(year),
            Indicators = indicators ?? [],
            Instruments = instruments ?? [],
            Published = published,
        });

    private static Dictionary<int, decimal> Indicators(params decimal[] scores) =>
        scores.Select((s, i) => (s, i)).ToDictionary(x => x.i + 1, x => x.s);

    private static string Display(decimal? score) => OpenIta.Core.Scoring.Score.Display(score!.Value);

    [Fact]
    public void Seed000_spm_fy2565_from_its_indicator_table()
    {
        var card = Score(2565, Indicators(85.84m, 74.30m, 78.71m, 74.27m, 75.26m, 90.94m, 85.74m, 82.34m, 100m, 100m));

        Assert.Equal("77.68", Display(card.Instrument(Instrument.Iit)!.Score));
        Assert.Equal("86.34", Display(card.Instrument(Instrument.Eit)!.Score));
        Assert.Equal("100.00", Display(card.Instrument(Instrument.Oit)!.Score));
        Assert.Equal("89.21", Display(card.Total));
        Assert.Equal("A", card.Rating!.Code);
        Assert.True(card.Passed);
    }

    [Fact]
    public void Seed001_tceb_fy2563_total_from_its_indicator_table()
    {
        var card = Score(2563, Indicators(95.08m, 91.44m, 92.07m, 93.94m, 94.50m, 89.95m, 83.98m, 83.37m, 100m, 100m));

        Assert.Equal("93.75", Display(card.Total));
    }

    [Fact]
    public void Seed001_tceb_fy2564_total_and_rating_from_its_indicator_table()
    {
        var card = Score(2564, Indicators(94.57m, 90.83m, 91.31m, 92.13m, 96.31m, 92.08m, 91.07m, 87.88m, 100m, 100m));

        Assert.Equal("95.01", Display(card.Total));
        Assert.Equal("AA", card.Rating!.Code);
    }

    [Fact]
    public void Seed003_opdc_fy2565_from_its_instruments()
    {
        var card = Score(2565, instruments: new() { [Instrument.Iit] = 90.26m, [Instrument.Eit] = 85.15m, [Instrument.Oit] = 100m });

        Assert.Equal("92.62", Display(card.Total));
        Assert.Equal("A", card.Rating!.Code);
    }

    [Fact]
    public void Seed003_opdc_fy2566_is_pass_because_eit_part_1_is_under_85_and_its_printed_eit_is_flagged()
    {
        var card = Score(2566,
            Indicators(94.98m, 88.57m, 87.61m, 89.58m, 87.63m, 89.36m, 90.63m, 85.71m, 85.00m, 100m),
            new() { [Instrument.Eit1] = 84.54m, [Instrument.Eit2] = 92.59m },
            new PublishedFigures
            {
                Total = 90.47m,
                Instruments = new Dictionary<Instrument, decimal>
                {
                    [Instrument.Iit] = 89.67m, [Instrument.Eit] = 88.75m, [Instrument.Oit] = 92.50m,
                },
                Rating = "ผ่าน",
            });

        Assert.Equal("89.67", Display(card.Instrument(Instrument.Iit)!.Score));
        Assert.Equal("92.50", Display(card.Instrument(Instrument.Oit)!.Score));
        Assert.Equal("88.57", Display(card.Instrument(Instrument.Eit)!.Score));
        Assert.Equal("90.47", Display(card.Total));
        Assert.Equal("Pass", card.Rating!.Code);
        Assert.Equal("ผ่าน", card.Rating.NameTh);
        var flagged = Assert.Single(card.Discrepancies, d => d.Field == "instruments.EIT");
        Assert.Equal(88.75m, flagged.Published);
        Assert.Equal("88.57", flagged.ComputedText);
        Assert.Contains(card.Discrepancies, d => d.Field == "instruments.EIT (from indicators 6–8)" && d.ComputedText == "88.57");
        Assert.DoesNotContain(card.Discrepancies, d => d.Field is "total" or "rating" or "instruments.IIT" or "instruments.OIT");
    }

    [Fact]
    public void Seed002_tambon_fy2567_is_good_pass_because_iit_is_under_95()
    {
        var card = Score(2567, Indicators(95.05m, 96.57m, 99.24m, 84.76m, 97.52m, 98.52m, 98.84m, 96.11m, 95.00m, 100.00m),
            published: new PublishedFigures { Total = 96.74m, Rating = "ผ่านดี" });

        Assert.Equal("94.63", Display(card.Instrument(Instrument.Iit)!.Score));
        Assert.Equal("96.74", Display(card.Total));
        Assert.Equal("GoodPass", card.Rating!.Code);
        Assert.Equal("ผ่านดี", card.Rating.NameTh);
        Assert.Empty(card.Discrepancies);
        Assert.Contains(card.Warnings, w => w.English.Contains("EIT1 and EIT2 were not given", StringComparison.Ordinal));
    }
}
