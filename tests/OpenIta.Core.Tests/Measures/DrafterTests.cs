using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Tests.Analysis;
using Xunit;

namespace OpenIta.Core.Tests.Measures;

/// <summary>Drafting measures from an analysis and the catalogue (issue item 2).</summary>
public sealed class DrafterTests
{
    private static readonly Framework Fy2565 = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2565));
    private static readonly Framework Fy2567 = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567));

    internal static DraftResult DraftSeed000(DraftOptions? options = null)
    {
        var (framework, card) = AnalysisSeeds.Load("seed000-spm-2565.json");
        var analysis = ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, []);
        return MeasureDrafter.Draft(analysis, framework, MeasureCatalogue.BuiltIn, options ?? DraftOptions.Default);
    }

    /// <summary>Seed 002's card with item scores made up for the test (the seed prints none).</summary>
    internal static AnalysisReport AnalyseSeed002()
    {
        var (_, seed) = AnalysisSeeds.Load("seed002-mae-nathom-2567.json");
        var questions = new Dictionary<string, decimal>
        {
            ["i1"] = 80m, ["i11"] = 70m, ["i12"] = 84m, ["ep9"] = 82m, ["i4"] = 99m, ["i5"] = 98m, ["i15"] = 96m,
        };
        var card = seed with
        {
            Questions = questions.Select(q => new QuestionScore(q.Key, Fy2567.FindQuestion(q.Key)!.Instrument, null, q.Value,
                ValueOrigin.Given, new Dictionary<string, decimal>())).ToList(),
        };
        var oit = new Dictionary<string, decimal>
        {
            ["O18"] = 0m, ["O14"] = 100m, ["O15"] = 100m, ["O16"] = 100m, ["O17"] = 100m,
            ["O20"] = 100m, ["O21"] = 100m, ["O22"] = 0m, ["O23"] = 100m,
        };
        return ResultAnalysis.Analyse(Fy2567, card, AnalysisSettings.Default, [], oit);
    }

    private static Measure MeasureOf(MeasurePlan plan, string code) => plan.Measures.Single(m => m.Items.Contains(code));

    [Fact]
    public void Seed_000_every_urgent_item_is_answered_by_a_measure()
    {
        var (framework, card) = AnalysisSeeds.Load("seed000-spm-2565.json");
        var analysis = ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, []);
        var urgent = analysis.InTier(Tier.Urgent).Select(i => i.Code).ToList();

        var result = MeasureDrafter.Draft(analysis, framework, MeasureCatalogue.BuiltIn, DraftOptions.Default);

        Assert.Equal(29, urgent.Count);
        Assert.Empty(result.Unmatched);
        Assert.Equal(urgent, result.WeakItems.Select(i => i.Code));
        Assert.All(urgent, code => Assert.Single(result.Plan.Measures, m => m.Items.Contains(code)));
        Assert.All(result.Links, l => Assert.Equal(MatchedBy.Code, l.By));
        Assert.Empty(MeasurePlanRules.Validate(result.Plan, framework));
    }

    [Fact]
    public void Seed_000_draft_has_the_property_manual_and_the_budget_plan()
    {
        var plan = DraftSeed000().Plan;

        Assert.Equal(new FiscalYear(2565), plan.ResultsYear);
        Assert.Equal(new FiscalYear(2566), plan.PlanYear);
        Assert.Equal(PlanLayout.ByItem, plan.Layout);
        Assert.Empty(plan.Findings);

        var property = MeasureOf(plan, "I20");
        Assert.Equal("property-borrowing-manual", property.TemplateId);
        Assert.Equal(["I20", "I21", "I23", "I24"], property.Items);
        Assert.Empty(property.Themes);

        var budget = MeasureOf(plan, "I7");
        Assert.Equal("budget-plan-publishing", budget.TemplateId);
        Assert.Equal(MeasureKind.Improve, budget.Kind);
        Assert.Equal(Timeline.WholeYear.Quarters, budget.Timeline.Quarters);
        Assert.Equal(ReportingCadence.EverySixMonths, budget.Reporting!.Cadence);

        Assert.Equal("work-manual", plan.Measures[0].TemplateId);
        Assert.Equal(["I1", "E1"], plan.Measures[0].Items);
        Assert.Equal(Enumerable.Range(1, plan.Measures.Count), plan.Measures.Select(m => m.Number));
        Assert.Equal(plan.Measures.Count, plan.Measures.Select(m => m.TemplateId).Distinct().Count());
        // Numbered in the order of each measure's first weak item, in the framework's order.
        var firstItem = plan.Measures.Select(m => Fy2565.Questions.ToList().FindIndex(q => q.Code == m.Items[0])).ToList();
        Assert.Equal(firstItem.Order(), firstItem);
        Assert.Equal("equal-service", MeasureOf(plan, "I2").TemplateId);
    }

    [Fact]
    public void Drafting_is_deterministic()
    {
        Assert.Equal(MeasurePlanJson.Write(DraftSeed000().Plan), MeasurePlanJson.Write(DraftSeed000().Plan));
    }

    [Fact]
    public void Unmet_OIT_items_join_the_measure_of_their_template()
    {
        var result = DraftSeed000(DraftOptions.Default with { UnmetOitItems = ["O18", "O34"] });

        Assert.Equal(["I7", "O18"], MeasureOf(result.Plan, "I7").Items);
        Assert.Equal("no-gift-policy", MeasureOf(result.Plan, "O34").TemplateId);
        Assert.Equal(result.Plan.Measures.Count, MeasureOf(result.Plan, "O34").Number);
        Assert.Empty(result.Unmatched);
    }

    [Fact]
    public void Seed_002_FY2567_uses_the_theme_layout()
    {
        var analysis = AnalyseSeed002();

        var result = MeasureDrafter.Draft(analysis, Fy2567, MeasureCatalogue.BuiltIn, DraftOptions.Default);
        var plan = result.Plan;

        Assert.Equal(PlanLayout.ByTheme, plan.Layout);
        Assert.Empty(result.Unmatched);
        // In theme order: theme 1, theme 2, theme 4, theme 7.
        Assert.Equal(["i1", "ep9", "O18", "i11", "i12", "O22"], result.WeakItems.Select(i => i.Code));
        Assert.Equal("work-manual", MeasureOf(plan, "i1").TemplateId);
        Assert.Equal([1], MeasureOf(plan, "i1").Themes);
        Assert.Equal("e-service", MeasureOf(plan, "ep9").TemplateId);
        Assert.Equal(["ep9", "O18"], MeasureOf(plan, "ep9").Items);
        Assert.Equal("property-borrowing-manual", MeasureOf(plan, "i11").TemplateId);
        Assert.Equal(["i11", "i12"], MeasureOf(plan, "i11").Items);
        Assert.Equal([4], MeasureOf(plan, "i11").Themes);
        Assert.Equal("complaint-handling", MeasureOf(plan, "O22").TemplateId);

        // Theme 5 is fully scored without weaknesses: keep the standard.
        var keep = plan.Measures.Single(m => m.Kind == MeasureKind.KeepStandard);
        Assert.Equal("keep-budget", keep.TemplateId);
        Assert.Equal([5], keep.Themes);
        Assert.Empty(keep.Items);

        // In theme order: 1, 2, 4, 5 (keep), 7.
        Assert.Equal([1, 2, 4, 5, 7], plan.Measures.Select(m => m.Themes[0]));
        Assert.Equal([1, 2, 4, 5, 7], plan.Findings.Select(f => f.Theme));
        Assert.Contains("i11", plan.Findings.Single(f => f.Theme == 4).Text, StringComparison.Ordinal);
        Assert.Contains("ควรรักษามาตรฐานไว้", plan.Findings.Single(f => f.Theme == 5).Text, StringComparison.Ordinal);
        Assert.Empty(MeasurePlanRules.Validate(plan, Fy2567));
    }

    [Fact]
    public void Keep_standard_measures_can_be_left_out()
    {
        var result = MeasureDrafter.Draft(AnalyseSeed002(), Fy2567, MeasureCatalogue.BuiltIn,
            DraftOptions.Default with { KeepStandardThemes = false, WriteFindings = false });

        Assert.DoesNotContain(result.Plan.Measures, m => m.Kind == MeasureKind.KeepStandard);
        Assert.Empty(result.Plan.Findings);
    }

    [Fact]
    public void Items_to_improve_are_drafted_only_when_asked()
    {
        var (framework, seed) = AnalysisSeeds.Load("seed000-spm-2565.json");
        var card = seed with
        {
            Questions = seed.Questions.Select(q => q.Code == "E1" ? q with { Score = 88m } : q).ToList(),
        };
        var analysis = ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, []);

        var urgentOnly = MeasureDrafter.Draft(analysis, framework, MeasureCatalogue.BuiltIn, DraftOptions.Default);
        var both = MeasureDrafter.Draft(analysis, framework, MeasureCatalogue.BuiltIn, DraftOptions.Default with { IncludeToImprove = true });

        Assert.DoesNotContain(urgentOnly.Plan.Measures, m => m.Items.Contains("E1"));
        Assert.Equal(["I1", "E1"], MeasureOf(both.Plan, "E1").Items);
    }

    private static MeasureTemplate Template(string id, IReadOnlyList<TemplateCodes> items, int[] themes, int[] indicators) =>
        new(id, "มาตรการ " + id, "Measure " + id, MeasureKind.Improve, items, themes, indicators,
            [new MeasureStep("ดำเนินการ")], ["ทุกส่วนราชการ"], null, null, ["seed000"]);

    [Fact]
    public void Without_a_code_an_item_finds_its_theme_then_its_indicator()
    {
        var catalogue = new MeasureCatalogue(
        [
            Template("by-indicator", [], [], [4]),
            Template("second-of-theme", [], [1, 4], []),
            Template("main-of-theme", [], [4], []),
        ], []);

        var themed = MeasureDrafter.Draft(AnalyseSeed002(), Fy2567, catalogue, DraftOptions.Default with { KeepStandardThemes = false });
        Assert.Contains(new DraftLink("i11", "main-of-theme", MatchedBy.Theme), themed.Links);

        var (framework, card) = AnalysisSeeds.Load("seed000-spm-2565.json");
        var analysis = ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, []);
        var byIndicator = MeasureDrafter.Draft(analysis, framework, catalogue, DraftOptions.Default);
        Assert.Equal(["I20", "I21", "I23", "I24"], byIndicator.Plan.Measures.Single().Items);
        Assert.All(byIndicator.Links, l => Assert.Equal(MatchedBy.Indicator, l.By));
        Assert.Equal(25, byIndicator.Unmatched.Count);
        Assert.Equal("I1", byIndicator.Unmatched[0].Code);
    }

    [Fact]
    public void A_framework_of_another_year_is_refused()
    {
        var (framework, card) = AnalysisSeeds.Load("seed000-spm-2565.json");
        var analysis = ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, []);
        Assert.Throws<ArgumentException>(() => MeasureDrafter.Draft(analysis, Fy2567, MeasureCatalogue.BuiltIn, DraftOptions.Default));
    }
}
