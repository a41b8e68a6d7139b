using OpenIta.Core.Methodology;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Methodology;

/// <summary>The shipped framework files: they load, they agree with themselves, and they hold the facts the seeds give.</summary>
public sealed class FrameworkFilesTests
{
    [Fact]
    public void Six_fiscal_years_load_from_the_frameworks_folder()
    {
        var files = Directory.GetFiles(RepositoryPaths.Frameworks, "fy*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        var catalog = FrameworkCatalog.FromFiles(files);

        Assert.Equal([2563, 2564, 2565, 2566, 2567, 2568], catalog.All.Select(f => f.Year.BuddhistEra));
        Assert.Equal(catalog.All.Select(f => f.Year), FrameworkCatalog.BuiltIn.All.Select(f => f.Year));
    }

    public static TheoryData<int> Years => new(FrameworkCatalog.BuiltIn.All.Select(f => f.Year.BuddhistEra));

    [Theory]
    [MemberData(nameof(Years))]
    public void Every_year_is_internally_consistent(int year)
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(year));

        Assert.Equal(Enumerable.Range(1, 10), framework.Indicators.Select(i => i.Number));
        Assert.Equal(1m, framework.Instruments.Sum(i => i.Weight));
        Assert.Equal(85m, framework.PassMark);
        foreach (var question in framework.Questions)
        {
            Assert.True(framework.FindInstrument(question.Instrument) is { Kind: InstrumentKind.Perception }, question.Code);
            if (question.Indicator is { } number)
            {
                Assert.Contains(question.Instrument, framework.ScoringInstruments(framework.FindIndicator(number)!));
            }
        }
        foreach (var item in framework.OitItems.Where(o => o.SubIndicator is not null))
        {
            Assert.Equal(Instrument.Oit, framework.FindIndicator(framework.FindSubIndicator(item.SubIndicator!)!.Indicator)!.Instrument);
        }
        foreach (var sources in framework.Sources)
        {
            Assert.False(string.IsNullOrWhiteSpace(sources.Title));
        }
    }

    [Theory]
    [InlineData(2563, "IIT:0.30 EIT:0.30 OIT:0.40", RatingScheme.Grades)]
    [InlineData(2564, "IIT:0.30 EIT:0.30 OIT:0.40", RatingScheme.Grades)]
    [InlineData(2565, "IIT:0.30 EIT:0.30 OIT:0.40", RatingScheme.Grades)]
    [InlineData(2566, "IIT:0.30 EIT1:0.15 EIT2:0.15 OIT:0.40", RatingScheme.Levels)]
    [InlineData(2567, "IIT:0.30 EIT1:0.15 EIT2:0.15 OIT:0.40", RatingScheme.Levels)]
    [InlineData(2568, "IIT:0.30 EIT1:0.15 EIT2:0.15 OIT:0.40", RatingScheme.Levels)]
    public void Instruments_weights_and_rating_scheme_per_year(int year, string weights, RatingScheme scheme)
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(year));
        Assert.Equal(weights, string.Join(" ", framework.Instruments.Select(i => $"{i.Code}:{i.Weight:0.00}")));
        Assert.Equal(scheme, framework.Rating.Scheme);
        Assert.Equal(year >= 2566, framework.HasEitParts);
    }

    [Fact]
    public void Fy2567_rating_is_seed_002s_five_levels()
    {
        var rating = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567)).Rating;

        Assert.Equal(SourceStatus.Confirmed, rating.Status);
        Assert.Equal(
            ["ผ่านดีเยี่ยม 95 95", "ผ่านดี 85 85", "ผ่าน 85 -", "ต้องปรับปรุง 70 -", "ต้องปรับปรุงโดยด่วน 0 -"],
            rating.Levels.Select(l => $"{l.NameTh} {l.MinTotal:0} {l.EveryInstrumentAtLeast?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
    }

    [Fact]
    public void Fy2564_iit_is_the_thirty_questions_with_their_reverse_scored_items()
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2564));
        var iit = framework.Questions.Where(q => q.Instrument == Instrument.Iit).ToList();

        Assert.Equal(30, iit.Count);
        Assert.All(Enumerable.Range(1, 5), n => Assert.Equal(6, iit.Count(q => q.Indicator == n)));
        var reversed = iit.SelectMany(q => q.Items).Where(i => i.Reverse).Select(i => i.Code).ToList();
        Assert.Equal(
            ["I4.1", "I4.2", "I4.3", "I5.1", "I5.2", "I5.3", "I6.1", "I6.2", "I6.3", "I9", "I10", "I11.2", "I16", "I17", "I18.1", "I18.2", "I18.3", "I19", "I22"],
            reversed);
    }

    [Fact]
    public void Fy2565_oit_is_o1_to_o43_in_seven_sub_indicators()
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2565));

        Assert.Equal(43, framework.OitItems.Count);
        Assert.Equal("9 8 7 4 5 8 2",
            string.Join(" ", framework.Indicators.SelectMany(i => i.SubIndicators).Select(s => framework.OitItems.Count(o => o.SubIndicator == s.Code))));
    }

    [Fact]
    public void FY2566_lists_its_43_OIT_items_in_seven_sub_indicators_and_scores_seed_003s_OIT_from_them()
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2566));

        Assert.Equal(Enumerable.Range(1, 43).Select(n => $"O{n}"), framework.OitItems.Select(o => o.Code));
        Assert.Equal([("9.1", 10), ("9.2", 8), ("9.3", 4), ("9.4", 4), ("9.5", 4), ("10.1", 8), ("10.2", 5)],
            framework.Indicators.SelectMany(i => i.SubIndicators).Select(s => (s.Code, s.ItemCount ?? 0)));
        Assert.All(framework.OitItems, o => Assert.Equal(o.SubIndicator, framework.FindSubIndicator(o.SubIndicator!)!.Code));
        Assert.Equal(SourceStatus.ThirdParty, framework.FindOitItem("O42")!.Status);
        Assert.Equal(SourceStatus.Confirmed, framework.FindOitItem("O31")!.Status);
        Assert.Equal(3, framework.FindOitItem("O11")!.Criteria.Count);
        Assert.Empty(framework.FindOitItem("O1")!.Criteria);
        Assert.NotNull(Provenance.OitItem(framework, framework.FindOitItem("O42")!));
        Assert.Null(Provenance.OitItem(framework, framework.FindOitItem("O31")!));

        // Seed 003: indicator 9 = 85.00 with three of the four HR items (9.4) at 0, indicator 10 = 100 -> OIT 92.50.
        var items = framework.OitItems.ToDictionary(o => o.Code, o => o.Code is "O23" or "O24" or "O25" ? 0m : 100m);
        var card = Scoring.ScoringEngine.Score(framework, new Scoring.ScoreInput { Year = framework.Year, OitItems = items });
        Assert.Equal(85m, card.Indicators.Single(i => i.Number == 9).Score);
        Assert.Equal(92.5m, card.Instruments.Single(i => i.Instrument == Instrument.Oit).Score);
    }
}
