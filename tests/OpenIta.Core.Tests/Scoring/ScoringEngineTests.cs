using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>How the engine climbs from one level to the next, and what it refuses.</summary>
public sealed class ScoringEngineTests
{
    private static readonly FiscalYear Fy2565 = new(2565);
    private static readonly FiscalYear Fy2567 = new(2567);

    private static ScoreCard Score(ScoreInput input) =>
        ScoringEngine.Score(FrameworkCatalog.BuiltIn.Get(input.Year), input);

    private static Dictionary<int, decimal> Indicators(params decimal[] scores) =>
        scores.Select((s, i) => (s, i)).ToDictionary(x => x.i + 1, x => x.s);

    [Fact]
    public void Levels_keep_full_precision_and_the_total_weighs_instruments_as_displayed()
    {
        var card = Score(new ScoreInput { Year = Fy2565, Indicators = Indicators(85.84m, 74.30m, 78.71m, 74.27m, 75.26m, 90.94m, 85.74m, 82.34m, 100m, 100m) });

        Assert.Equal(77.676m, card.Instrument(Instrument.Iit)!.Score);
        Assert.Equal(259.02m / 3, card.Instrument(Instrument.Eit)!.Score);
        // Seed 000 prints 89.21: 0.3·77.68 + 0.3·86.34 + 0.4·100. The unrounded IIT would give 89.2048 → 89.20.
        Assert.True(FrameworkCatalog.BuiltIn.Get(Fy2565).TotalRule.DisplayedInstruments);
        Assert.Equal((0.30m * 77.68m) + (0.30m * 86.34m) + 40m, card.Total);
        Assert.Equal(ValueOrigin.Computed, card.TotalOrigin);
    }

    [Fact]
    public void Oit_indicators_are_the_mean_of_their_sub_indicators()
    {
        var subIndicators = new Dictionary<string, decimal>
        {
            ["9.1"] = 100m * 8 / 9, ["9.2"] = 100m, ["9.3"] = 100m, ["9.4"] = 100m, ["9.5"] = 100m,
            ["10.1"] = 100m * 7 / 8, ["10.2"] = 100m,
        };
        var card = Score(new ScoreInput { Year = Fy2565, SubIndicators = subIndicators });

        Assert.Equal("97.78", OpenIta.Core.Scoring.Score.Display(card.Indicator(9)!.Score!.Value));
        Assert.Equal("93.75", OpenIta.Core.Scoring.Score.Display(card.Indicator(10)!.Score!.Value));
        Assert.Equal("95.76", OpenIta.Core.Scoring.Score.Display(card.Instrument(Instrument.Oit)!.Score!.Value));
        Assert.Null(card.Total);
        Assert.Equal("no score for IIT, EIT", card.TotalReason?.English);
    }

    [Fact]
    public void Oit_sub_indicators_are_the_share_of_items_passed()
    {
        var framework = FrameworkCatalog.BuiltIn.Get(Fy2565);
        var items = framework.OitItems.ToDictionary(o => o.Code, o => o.Code is "O1" or "O36" ? 0m : 100m);
        var card = Score(new ScoreInput { Year = Fy2565, OitItems = items });

        Assert.Equal(100m * 8 / 9, card.SubIndicators.Single(s => s.Code == "9.1").Score);
        Assert.Equal(100m * 7 / 8, card.SubIndicators.Single(s => s.Code == "10.1").Score);
        Assert.Equal("97.78", OpenIta.Core.Scoring.Score.Display(card.Indicator(9)!.Score!.Value));
        Assert.Equal("93.75", OpenIta.Core.Scoring.Score.Display(card.Indicator(10)!.Score!.Value));
    }

    [Fact]
    public void Levels_that_contradict_each_other_are_refused_naming_the_field()
    {
        var input = new ScoreInput
        {
            Year = Fy2565,
            Indicators = Indicators(85.84m, 74.30m, 78.71m, 74.27m, 75.26m, 90.94m, 85.74m, 82.34m, 100m, 100m),
            Instruments = new Dictionary<Instrument, decimal> { [Instrument.Iit] = 80m },
        };

        var error = Assert.Throws<ScoreInputException>(() => Score(input));
        Assert.Equal("instruments.IIT", error.Field);
        Assert.Contains("77.68", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_given_together_may_differ_by_rounding()
    {
        var card = Score(new ScoreInput
        {
            Year = Fy2565,
            Indicators = Indicators(85.84m, 74.30m, 78.71m, 74.27m, 75.26m, 90.94m, 85.74m, 82.34m, 100m, 100m),
            Instruments = new Dictionary<Instrument, decimal> { [Instrument.Iit] = 77.68m, [Instrument.Eit] = 86.34m },
            Total = 89.21m,
        });

        Assert.Equal(77.68m, card.Instrument(Instrument.Iit)!.Score);
        Assert.Equal(ValueOrigin.Given, card.Instrument(Instrument.Iit)!.Origin);
        Assert.Equal(89.21m, card.Total);
        Assert.Equal(ValueOrigin.Given, card.TotalOrigin);
    }

    [Fact]
    public void An_instrument_below_its_minimum_sample_is_not_scored_and_the_total_says_why()
    {
        var card = Score(new ScoreInput
        {
            Year = Fy2567,
            Instruments = new Dictionary<Instrument, decimal>
            {
                [Instrument.Iit] = 90m, [Instrument.Eit1] = 90m, [Instrument.Eit2] = 90m, [Instrument.Oit] = 90m,
            },
            Participation = new Participation
            {
                InternalStakeholders = 200,
                ExternalStakeholders = 1000,
                Respondents = new Dictionary<Instrument, int> { [Instrument.Iit] = 39, [Instrument.Eit1] = 200, [Instrument.Eit2] = 40 },
            },
        });

        var iit = card.Instrument(Instrument.Iit)!;
        Assert.False(iit.Scored);
        Assert.Null(iit.Score);
        Assert.Equal("39 respondents, below the minimum sample of 40", iit.Reason?.English);
        Assert.True(card.Instrument(Instrument.Eit1)!.Scored);
        Assert.True(card.Instrument(Instrument.Eit2)!.Scored);
        Assert.Null(card.Total);
        Assert.Null(card.Rating);
        Assert.StartsWith("IIT not scored", card.TotalReason?.English, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agency_that_did_not_register_has_nothing_scored()
    {
        var card = Score(new ScoreInput
        {
            Year = Fy2567,
            Total = 90m,
            Participation = new Participation { Registered = false },
        });

        Assert.All(card.Instruments, i => Assert.False(i.Scored));
        Assert.Contains("did not register", card.TotalReason?.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Oit_not_answered_as_required_is_not_scored()
    {
        var card = Score(new ScoreInput
        {
            Year = Fy2565,
            Indicators = Indicators(90m, 90m, 90m, 90m, 90m, 90m, 90m, 90m, 90m, 90m),
            Participation = new Participation { OitAnswered = false },
        });

        Assert.False(card.Instrument(Instrument.Oit)!.Scored);
        Assert.Equal("the agency did not answer OIT as required", card.Instrument(Instrument.Oit)!.Reason?.English);
        Assert.True(card.Instrument(Instrument.Iit)!.Scored);
    }

    [Theory]
    [InlineData(2565, Instrument.Eit1, "FY2565 scores EIT as one instrument")]
    [InlineData(2567, Instrument.Eit, null)]
    public void Eit_parts_exist_only_from_fy2566(int year, Instrument instrument, string? error)
    {
        var input = new ScoreInput
        {
            Year = new FiscalYear(year),
            Instruments = new Dictionary<Instrument, decimal> { [instrument] = 90m },
        };
        if (error is null)
        {
            Assert.Equal(90m, Score(input).Instrument(instrument)!.Score);
        }
        else
        {
            var e = Assert.Throws<ScoreInputException>(() => Score(input));
            Assert.Contains(error, e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("questions", "X99", "no question or sub-item X99 in FY2565")]
    [InlineData("oitItems", "O99", "no OIT item O99 in FY2565")]
    [InlineData("subIndicators", "9.9", "no OIT sub-indicator 9.9 in FY2565")]
    public void Unknown_codes_are_refused_naming_the_field(string level, string code, string message)
    {
        var scores = new Dictionary<string, decimal> { [code] = 50m };
        var input = level switch
        {
            "questions" => new ScoreInput { Year = Fy2565, Questions = scores },
            "oitItems" => new ScoreInput { Year = Fy2565, OitItems = scores },
            _ => new ScoreInput { Year = Fy2565, SubIndicators = scores },
        };
        var error = Assert.Throws<ScoreInputException>(() => Score(input));
        Assert.Equal($"{level}.{code}", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void Scores_outside_0_to_100_are_refused(double score)
    {
        var input = new ScoreInput { Year = Fy2565, Indicators = new Dictionary<int, decimal> { [3] = (decimal)score } };
        var error = Assert.Throws<ScoreInputException>(() => Score(input));
        Assert.Equal("indicators.3", error.Field);
    }
}
