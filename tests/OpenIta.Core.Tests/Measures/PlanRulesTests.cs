using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using Xunit;

namespace OpenIta.Core.Tests.Measures;

/// <summary>The rules a plan must meet (<see cref="MeasurePlanRules"/>): each problem names its field.</summary>
public sealed class PlanRulesTests
{
    private static readonly Framework Fy2565 = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2565));
    private static readonly Framework Fy2567 = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2567));

    private static Measure Sample(int number) => new(number, "จัดทำคู่มือการยืมทรัพย์สินของราชการ", MeasureKind.Improve,
        ["I20", "I21"], [], null, [new MeasureStep("จัดทำคู่มือ"), new MeasureStep("เผยแพร่คู่มือ", ["ศปท."])],
        Timeline.WholeYear, ["ทุกส่วนราชการ"], "ติดตามทุกไตรมาส", new Reporting(ReportingCadence.EverySixMonths, "เลขาธิการ"));

    private static MeasurePlan Plan(params Measure[] measures) =>
        new(new FiscalYear(2565), PlanLayout.ByItem, null, [], measures);

    private static IReadOnlyList<string> Fields(MeasurePlan plan, Framework? framework = null) =>
        MeasurePlanRules.Validate(plan, framework ?? Fy2565).Select(p => p.Field).ToList();

    [Fact]
    public void A_sound_plan_has_no_problems()
    {
        Assert.Empty(MeasurePlanRules.Validate(Plan(Sample(1), Sample(2)), Fy2565));
        Assert.Empty(MeasurePlanRules.Validate(Plan(Sample(1)), null));
    }

    [Fact]
    public void Numbers_run_from_1_in_order()
    {
        Assert.Equal(["measures[1].number"], Fields(Plan(Sample(1), Sample(3))));
        Assert.Equal(["measures[0].number", "measures[1].number"], Fields(Plan(Sample(2), Sample(1))));
    }

    [Fact]
    public void Empty_texts_are_named()
    {
        var measure = Sample(1) with
        {
            Title = " ",
            Steps = [new MeasureStep("ขั้นแรก"), new MeasureStep("", ["ศปท.", ""])],
            ResponsibleUnits = ["สสน.", ""],
            Reporting = new Reporting(ReportingCadence.Yearly, ""),
        };

        Assert.Equal(
            ["measures[0].title", "measures[0].steps[1].text", "measures[0].steps[1].owners[1]", "measures[0].responsibleUnits[1]", "measures[0].reporting.to"],
            Fields(Plan(measure)));
        Assert.Equal(["measures[0].steps"], Fields(Plan(Sample(1) with { Steps = [] })));
    }

    [Fact]
    public void Problems_are_in_Thai_and_English()
    {
        var problem = MeasurePlanRules.Validate(Plan(Sample(1), Sample(2) with { Steps = [new MeasureStep("")] }), Fy2565).Single();
        Assert.Equal("measures[1].steps[0].text", problem.Field);
        Assert.Equal("ขั้นตอนการดำเนินการต้องไม่ว่าง", problem.Th);
        Assert.Equal("The step is empty.", problem.En);
    }

    [Theory]
    [InlineData(new[] { 0, 1 })]
    [InlineData(new[] { 1, 5 })]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 2, 2 })]
    public void Quarters_are_1_to_4_ascending_and_unique(int[] quarters)
    {
        Assert.Equal(["measures[0].timeline.quarters"], Fields(Plan(Sample(1) with { Timeline = new Timeline(quarters) })));
    }

    [Fact]
    public void Dates_are_in_order_and_in_a_sensible_range()
    {
        // Plan year FY2566: 1 Oct 2022 – 30 Sep 2023.
        Assert.Empty(Fields(Plan(Sample(1) with { Timeline = new Timeline([], new DateOnly(2022, 10, 1), new DateOnly(2023, 9, 30)) })));
        Assert.Equal(["measures[0].timeline.to"],
            Fields(Plan(Sample(1) with { Timeline = new Timeline([], new DateOnly(2023, 9, 30), new DateOnly(2022, 10, 1)) })));
        // A date in the Buddhist Era by mistake (2566 instead of 2023) is far outside.
        Assert.Equal(["measures[0].timeline.to"],
            Fields(Plan(Sample(1) with { Timeline = new Timeline([], new DateOnly(2022, 10, 1), new DateOnly(2566, 9, 30)) })));
        Assert.Equal(["measures[0].timeline.from"],
            Fields(Plan(Sample(1) with { Timeline = new Timeline([], new DateOnly(2019, 1, 1), null) })));
    }

    [Fact]
    public void Item_codes_must_be_of_the_framework_year()
    {
        var measure = Sample(1) with { Items = ["I20", "ep2", "O18", "I20", ""] };

        var problems = MeasurePlanRules.Validate(Plan(measure), Fy2565);

        Assert.Equal(["measures[0].items[1]", "measures[0].items[3]", "measures[0].items[4]"], problems.Select(p => p.Field));
        Assert.Contains("FY2565", problems[0].En, StringComparison.Ordinal);
        Assert.Empty(Fields(Plan(Sample(1) with { Items = ["I30.2", "O43"] })));
    }

    [Fact]
    public void Themes_must_be_of_the_framework()
    {
        Assert.Equal(["measures[0].themes[1]"], Fields(Plan(Sample(1) with { Themes = [1, 8] })));
        Assert.Equal(["measures[0].themes"], Fields(Plan(Sample(1) with { Themes = [2, 2] })));
        var fy2567 = new MeasurePlan(new FiscalYear(2567), PlanLayout.ByTheme, null,
            [new ThemeFinding(4, "พบข้อบกพร่อง"), new ThemeFinding(9, "x"), new ThemeFinding(4, "")],
            [Sample(1) with { Items = ["i11"], Themes = [4] }]);
        Assert.Equal(["findings[1].theme", "findings[2].theme", "findings[2].text"], Fields(fy2567, Fy2567));
    }

    [Fact]
    public void A_framework_of_another_year_is_a_problem()
    {
        Assert.Contains("resultsYear", Fields(Plan(Sample(1)), Fy2567));
    }
}
