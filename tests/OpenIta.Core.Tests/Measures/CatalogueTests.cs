using OpenIta.Core.Measures;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Measures;

/// <summary>The measures catalogue (catalogue/*.yaml): it loads, its codes exist in their years, errors name the field.</summary>
public sealed class CatalogueTests
{
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.BuiltIn;

    private static string CatalogueFile(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "catalogue", name));

    private static readonly string MeasuresYaml = CatalogueFile(MeasureCatalogue.MeasuresFile);
    private static readonly string RecommendationsYaml = CatalogueFile(MeasureCatalogue.RecommendationsFile);

    [Fact]
    public void The_built_in_catalogue_loads()
    {
        Assert.InRange(Catalogue.Templates.Count, 20, 40);
        Assert.Equal(Catalogue.Templates.Count, Catalogue.Templates.Select(t => t.Id).Distinct().Count());
        Assert.NotNull(Catalogue.Find("no-gift-policy"));
        Assert.NotNull(Catalogue.Find("property-borrowing-manual"));
        Assert.NotNull(Catalogue.Find("budget-plan-publishing"));
        Assert.NotNull(Catalogue.Find("complaint-handling"));
        Assert.NotNull(Catalogue.Find("e-service"));
        Assert.All(Catalogue.Templates, t =>
        {
            Assert.NotEmpty(t.Steps);
            Assert.NotEmpty(t.ResponsibleUnits);
            Assert.NotEmpty(t.Sources);
            Assert.All(t.Sources, s => Assert.Matches("^seed00[0-4]$", s));
        });
    }

    [Fact]
    public void The_files_on_disk_are_the_built_in_ones()
    {
        var parsed = MeasureCatalogue.Parse(MeasuresYaml, RecommendationsYaml);
        Assert.Equal(Catalogue.Templates.Select(t => t.Id), parsed.Templates.Select(t => t.Id));
        Assert.Equal(Catalogue.Recommendations.Select(r => r.Id), parsed.Recommendations.Select(r => r.Id));
    }

    [Fact]
    public void Every_template_code_exists_in_a_framework_of_its_years()
    {
        Assert.Empty(Catalogue.Verify(FrameworkCatalog.BuiltIn.All));
    }

    [Fact]
    public void A_code_of_the_wrong_year_is_caught()
    {
        var broken = MeasureCatalogue.Parse(
            Replace(MeasuresYaml, "codes: [I1, E1, O13]", "codes: [I1, E1, O99, ep2]"), RecommendationsYaml);

        var errors = broken.Verify(FrameworkCatalog.BuiltIn.All);

        Assert.Equal(2, errors.Count);
        Assert.Contains("measures.yaml: templates[work-manual].items[0].codes: 'O99' is not a question, sub-item or OIT item of FY2563-2565", errors);
        Assert.Contains(errors, e => e.Contains("'ep2'", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_indicator_and_theme_has_an_improving_template_and_every_theme_one_that_keeps_the_standard()
    {
        var improving = Catalogue.Templates.Where(t => t.Kind == MeasureKind.Improve).ToList();
        for (var indicator = 1; indicator <= 10; indicator++)
        {
            Assert.Contains(improving, t => t.Indicators.Count > 0 && t.Indicators[0] == indicator
                || t.Indicators.Contains(indicator));
        }
        for (var theme = ThemeDefinition.First; theme <= ThemeDefinition.Last; theme++)
        {
            Assert.Contains(improving, t => t.Themes.Contains(theme));
            Assert.Contains(Catalogue.Templates, t => t.Kind == MeasureKind.KeepStandard && t.Themes.Contains(theme));
        }
    }

    [Theory]
    [InlineData(2564)]
    [InlineData(2565)]
    [InlineData(2567)]
    [InlineData(2568)]
    public void Every_known_code_of_a_year_finds_a_template_by_its_code(int be)
    {
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(be));
        var codes = framework.Questions.Select(q => q.Code).Concat(framework.OitItems.Select(o => o.Code)).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.NotEmpty(Catalogue.ForCode(framework.Year, code)));
    }

    [Fact]
    public void Codes_are_read_per_year()
    {
        var template = Catalogue.Find("work-manual")!;
        Assert.True(template.Answers(new FiscalYear(2565), "I1"));
        Assert.True(template.Answers(new FiscalYear(2563), "E1"));
        Assert.False(template.Answers(new FiscalYear(2567), "E1"));
        Assert.True(template.Answers(new FiscalYear(2567), "i1"));
        Assert.True(template.Answers(new FiscalYear(2568), "O8"));
        Assert.False(template.Answers(new FiscalYear(2566), "O8"));
    }

    [Fact]
    public void Recommendations_quote_seeds_000_and_001_per_indicator()
    {
        var fy2564 = new FiscalYear(2564);
        Assert.All(Enumerable.Range(1, 8), i => Assert.Single(Catalogue.RecommendationsFor(fy2564, i)));
        var property = Catalogue.RecommendationsFor(fy2564, 4).Single();
        Assert.Equal(RecommendationKind.Nacc, property.Kind);
        Assert.Equal("seed001", property.Source);
        Assert.Equal(SourceStatus.Confirmed, property.Status);
        Assert.Equal(4, property.Texts.Count);
        Assert.Equal("เพิ่มการอำนวยความสะดวกเกี่ยวกับขั้นตอนการขออนุญาตเพื่อใช้ทรัพย์สินของราชการไปใช้ปฏิบัติงานในหน่วยงาน", property.Texts[0]);

        var fy2565 = Catalogue.RecommendationsFor(new FiscalYear(2565), 4).ToList();
        Assert.Equal([RecommendationKind.Assessor, RecommendationKind.ItaColumn], fy2565.Select(r => r.Kind));
        Assert.Equal(3, fy2565[0].Texts.Count);
        Assert.StartsWith("ประเด็นบุคลากรในหน่วยงานบางรายมีการขอยืมทรัพย์สินของทางราชการไปใช้ปฏิบัติงานอย่างไม่ถูกต้อง", fy2565[0].Texts[0], StringComparison.Ordinal);
        Assert.Empty(Catalogue.RecommendationsFor(new FiscalYear(2565), 9));
        Assert.All(Catalogue.Recommendations, r => Assert.All(r.Texts, t => Assert.DoesNotContain("<", t, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("kind: improve", "kind: better", "measures.yaml: templates[work-manual].kind: 'better' must be improve or keepStandard")]
    [InlineData("years: \"2563-2565\"", "years: \"2565-2563\"", "measures.yaml: templates[work-manual].items[0].years: '2565-2563' is not a range")]
    [InlineData("themes: [1]", "themes: [8]", "measures.yaml: templates[work-manual].themes: 8 is not a theme number (1–7)")]
    [InlineData("cadence: everySixMonths", "cadence: weekly", "measures.yaml: templates[work-manual].reporting.cadence: 'weekly' must be")]
    [InlineData("  - id: service-manual", "  - id: work-manual", "measures.yaml: templates[work-manual].id: is listed twice")]
    [InlineData("  - id: work-manual", "  - id: Work_Manual", "measures.yaml: templates[Work_Manual].id: 'Work_Manual' must be kebab-case")]
    [InlineData("      - years: \"2567\"\n        codes: [i1, es1, O10]", "      - years: \"2565-\"\n        codes: [i1, es1, O10]", "measures.yaml: templates[work-manual].items[1].years: 2565- overlaps 2563-2565")]
    public void A_broken_template_is_refused_naming_the_file_and_field(string from, string to, string message)
    {
        var error = Assert.Throws<CatalogueException>(() => MeasureCatalogue.Parse(Replace(MeasuresYaml, from, to), RecommendationsYaml));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_step_is_refused_naming_the_step()
    {
        const string step = "      - text: \"ทบทวนหรือจัดทำคู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่";
        var at = MeasuresYaml.IndexOf(step, StringComparison.Ordinal);
        var end = MeasuresYaml.IndexOf('\n', at);
        var broken = string.Concat(MeasuresYaml.AsSpan(0, at), "      - text: \"\"", MeasuresYaml.AsSpan(end));

        var error = Assert.Throws<CatalogueException>(() => CatalogueParser.ParseTemplates(broken, "measures.yaml"));

        Assert.Contains("templates[work-manual].steps[0].text: is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_refused_with_its_line()
    {
        var error = Assert.Throws<CatalogueException>(() => CatalogueParser.ParseTemplates(
            Replace(MeasuresYaml, "    kind: improve\n", "    kind: improve\n    owner: x\n"), "measures.yaml"));
        Assert.Contains("measures.yaml: line", error.Message, StringComparison.Ordinal);
        Assert.Contains("owner", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indicator: 4", "indicator: 11", "recommendations.yaml: recommendations[seed000-assessor-4].indicator: is required, an indicator number from 1 to 10")]
    [InlineData("kind: assessor", "kind: nacc-ish", "recommendations.yaml: recommendations[seed000-assessor-4].kind: 'nacc-ish' must be nacc, assessor or itaColumn")]
    [InlineData("status: confirmed", "status: sure", "recommendations.yaml: recommendations[seed000-assessor-4].status: 'sure' is not a status")]
    public void A_broken_recommendation_is_refused_naming_the_field(string from, string to, string message)
    {
        var error = Assert.Throws<CatalogueException>(() => MeasureCatalogue.Parse(MeasuresYaml, Replace(RecommendationsYaml, from, to)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2563-2565", 2563, 2565)]
    [InlineData("2567", 2567, 2567)]
    [InlineData("2567-", 2567, null)]
    public void Year_ranges_read(string text, int from, int? to)
    {
        var range = YearRange.TryParse(text)!;
        Assert.Equal(from, range.From.BuddhistEra);
        Assert.Equal(to, range.To?.BuddhistEra);
        Assert.Equal(text, range.ToString());
        Assert.True(range.Contains(new FiscalYear(from)));
        Assert.False(range.Contains(new FiscalYear(from - 1)));
        Assert.Equal(to is null, range.Contains(new FiscalYear(2600)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("FY2565")]
    [InlineData("2565-2563")]
    [InlineData("1999")]
    [InlineData("2563–2565")]
    public void Bad_year_ranges_are_refused(string text) => Assert.Null(YearRange.TryParse(text));

    /// <summary>Replaces the first occurrence, which must exist.</summary>
    private static string Replace(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is not in the file");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
