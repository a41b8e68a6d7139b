using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Analysis;

/// <summary>The seven cross-instrument themes (DOMAIN.md §3) as framework data, and their status in the analysis.</summary>
public sealed class ThemeTests
{
    private static readonly Framework Fy2567 = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567));

    private static readonly string Fy2567Yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Frameworks, "fy2567.yaml"));

    [Fact]
    public void FY2567_ships_seed_002s_seven_themes()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], Fy2567.Themes.Select(t => t.Number));
        var first = Fy2567.Themes[0];
        Assert.Equal("กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", first.NameTh);
        Assert.Equal(["i1", "es1", "ep2"], first.QuestionCodes);
        Assert.Equal(["O10", "O11"], first.OitItemCodes);
        Assert.Equal("seed002", first.Source);
        Assert.Equal(["i4", "i5"], Fy2567.Themes[4].QuestionCodes);
        Assert.Equal(["O14", "O15", "O16", "O17"], Fy2567.Themes[4].OitItemCodes);
        Assert.Empty(Fy2567.Themes[5].QuestionCodes);
        Assert.Empty(Fy2567.Themes[5].OitItemCodes);
        Assert.Equal(["i15"], Fy2567.Themes[6].QuestionCodes);
    }

    [Fact]
    public void Every_theme_code_is_a_question_or_item_of_its_year()
    {
        foreach (var framework in FrameworkCatalog.BuiltIn.All)
        {
            foreach (var theme in framework.Themes)
            {
                Assert.All(theme.QuestionCodes, c => Assert.NotNull(framework.FindQuestion(c)));
                Assert.All(theme.OitItemCodes, c => Assert.NotNull(framework.FindOitItem(c)));
            }
        }
    }

    [Fact]
    public void Only_years_with_a_known_mapping_have_themes()
    {
        Assert.Equal([2567], FrameworkCatalog.BuiltIn.All.Where(f => f.Themes.Count > 0).Select(f => f.Year.BuddhistEra));
    }

    [Theory]
    [InlineData("questions: [i1, es1, ep2]", "questions: [i1, es1, ep2, i99]", "themes[1].questions: 'i99' is not a question of this year")]
    [InlineData("oitItems: [O10, O11]", "oitItems: [O10, O99]", "themes[1].oitItems: 'O99' is not an OIT item of this year")]
    [InlineData("  - number: 7\n", "  - number: 8\n", "themes[8].number: is required, a theme number from 1 to 7")]
    [InlineData("  - number: 7\n", "  - number: 6\n", "themes[6].number: is listed twice")]
    [InlineData("questions: [i15]", "questions: [i15, I15]", "themes[7].questions: 'I15' is listed twice")]
    public void A_wrong_theme_is_refused_naming_the_field(string from, string to, string message)
    {
        Assert.Contains(from, Fy2567Yaml, StringComparison.Ordinal);
        var error = Assert.Throws<FrameworkException>(() =>
            FrameworkParser.Parse(Fy2567Yaml.Replace(from, to, StringComparison.Ordinal), "fy2567.yaml"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_theme_field_is_refused()
    {
        var error = Assert.Throws<FrameworkException>(() => FrameworkParser.Parse(
            Fy2567Yaml.Replace("oitItems: [O10, O11]", "oitItems: [O10, O11]\n    items: [x]", StringComparison.Ordinal), "fy2567.yaml"));
        Assert.Contains("items", error.Message, StringComparison.Ordinal);
    }

    private static AnalysisReport Analyse(IReadOnlyDictionary<string, decimal> questions, IReadOnlyDictionary<string, decimal>? oitItems)
    {
        var (_, seed) = AnalysisSeeds.Load("seed002-mae-nathom-2567.json");
        var card = seed with
        {
            Questions = questions.Select(q => new QuestionScore(q.Key, Fy2567.FindQuestion(q.Key)!.Instrument, null, q.Value,
                ValueOrigin.Given, new Dictionary<string, decimal>())).ToList(),
        };
        return ResultAnalysis.Analyse(Fy2567, card, AnalysisSettings.Default, [], oitItems);
    }

    [Fact]
    public void Seed_002_prints_no_item_scores_so_every_theme_is_unknown()
    {
        var (_, card) = AnalysisSeeds.Load("seed002-mae-nathom-2567.json");
        var report = ResultAnalysis.Analyse(Fy2567, card, AnalysisSettings.Default, []);

        Assert.Equal(7, report.Themes.Count);
        Assert.All(report.Themes, t => Assert.Equal(ThemeStatus.Unknown, t.Status));
        Assert.All(report.Themes.SelectMany(t => t.Items), i => { Assert.Null(i.Score); Assert.Null(i.Weak); });
        Assert.Equal("คู่มือการให้บริการ", report.Themes[0].Items.Single(i => i.Code == "O10").TextTh);
    }

    [Fact]
    public void A_theme_with_an_OIT_item_at_0_has_weaknesses()
    {
        var report = Analyse(new Dictionary<string, decimal> { ["i15"] = 97m },
            new Dictionary<string, decimal> { ["O20"] = 100m, ["O21"] = 100m, ["O22"] = 0m, ["O23"] = 100m });
        var theme7 = report.Themes.Single(t => t.Theme.Number == 7);

        Assert.Equal(ThemeStatus.HasWeaknesses, theme7.Status);
        Assert.Equal(["O22"], theme7.Items.Where(i => i.Weak == true).Select(i => i.Code));
    }

    [Fact]
    public void A_theme_with_a_question_under_85_has_weaknesses_even_when_other_items_are_unscored()
    {
        var report = Analyse(new Dictionary<string, decimal> { ["i11"] = 84.994m }, null);

        Assert.Equal(ThemeStatus.HasWeaknesses, report.Themes.Single(t => t.Theme.Number == 4).Status);
    }

    [Fact]
    public void A_fully_scored_theme_without_weak_items_keeps_the_standard()
    {
        var report = Analyse(new Dictionary<string, decimal> { ["i4"] = 85m, ["i5"] = 99m },
            new Dictionary<string, decimal> { ["O14"] = 100m, ["O15"] = 100m, ["O16"] = 100m, ["O17"] = 100m });

        Assert.Equal(ThemeStatus.KeepStandard, report.Themes.Single(t => t.Theme.Number == 5).Status);
    }

    [Fact]
    public void A_partly_scored_theme_without_weak_items_is_not_guessed()
    {
        var report = Analyse(new Dictionary<string, decimal> { ["i4"] = 99m }, null);

        Assert.Equal(ThemeStatus.Unknown, report.Themes.Single(t => t.Theme.Number == 5).Status);
        // Theme 6 lists no items in seed 002: nothing to decide on.
        Assert.Equal(ThemeStatus.Unknown, report.Themes.Single(t => t.Theme.Number == 6).Status);
    }
}
