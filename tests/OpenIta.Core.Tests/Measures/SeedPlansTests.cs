using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Measures;

/// <summary>
/// The seed agencies' measures entered as demo data (src/OpenIta.Data/Demo/Seeds/measures-*.json; how each was read
/// from its seed is in MEASURES.md there): each file reads under the JSON contract, has the measures its seed has,
/// numbered 1..n, links only codes of its year's framework, and what it writes reads back to the same text.
/// </summary>
public sealed class SeedPlansTests
{
    private const string Spm = "measures-spm-2565.json";
    private const string Tceb = "measures-tceb-2564.json";
    private const string MaetNaThom = "measures-maet-na-thom-2567.json";
    private const string Opdc = "measures-opdc-2566.json";

    private static string SeedsFolder => Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds");

    private static MeasurePlan Plan(string file) => MeasurePlanJson.Read(File.ReadAllText(Path.Combine(SeedsFolder, file)));

    public static TheoryData<string, int, PlanLayout, int> Plans => new()
    {
        { Spm, 2565, PlanLayout.ByItem, 15 },        // seed 000: แนวทาง/มาตรการ ๑–๑๕
        { Tceb, 2564, PlanLayout.ByItem, 11 },       // seed 001: one measure per item group that survived extraction
        { MaetNaThom, 2567, PlanLayout.ByTheme, 17 }, // seed 002: มาตรการ/โครงการ/กิจกรรม rows of themes 1–7
        { Opdc, 2566, PlanLayout.ByTheme, 13 },      // seed 003: the numbered มาตรการ of themes 1–7
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Each_seed_plan_has_the_seeds_measures_numbered_from_one(string file, int resultsYear, PlanLayout layout, int count)
    {
        var plan = Plan(file);

        Assert.Equal(new FiscalYear(resultsYear), plan.ResultsYear);
        Assert.Equal(layout, plan.Layout);
        Assert.Equal(count, plan.Measures.Count);
        Assert.Equal(Enumerable.Range(1, count), plan.Measures.Select(m => m.Number));
        Assert.All(plan.Measures, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Title));
            Assert.All(m.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
            Assert.NotEmpty(m.ResponsibleUnits);
            Assert.All(m.ResponsibleUnits, u => Assert.False(string.IsNullOrWhiteSpace(u)));
            Assert.All(m.Steps.SelectMany(s => s.Owners), o => Assert.Contains(o, m.ResponsibleUnits));
            Assert.Equal(m.Timeline.Quarters.Order(), m.Timeline.Quarters);
            Assert.Equal(m.Timeline.Quarters.Distinct().Count(), m.Timeline.Quarters.Count);
            Assert.All(m.Timeline.Quarters, q => Assert.InRange(q, 1, 4));
            Assert.All(m.Themes, t => Assert.InRange(t, ThemeDefinition.First, ThemeDefinition.Last));
            if (m.Timeline is { From: { } from, To: { } to })
            {
                Assert.True(from <= to, $"measure {m.Number}: {from} after {to}");
                Assert.True(from >= plan.PlanYear.FirstDay && to <= plan.PlanYear.LastDay, $"measure {m.Number} runs outside FY{plan.PlanYear.BuddhistEra}");
            }
        });
        if (layout == PlanLayout.ByTheme)
        {
            Assert.All(plan.Measures, m => Assert.Single(m.Themes));
            Assert.Equal(Enumerable.Range(1, 7), plan.Measures.Select(m => m.Themes[0]).Distinct());
            Assert.Equal(Enumerable.Range(1, 7), plan.Findings.Select(f => f.Theme));
        }
        else
        {
            Assert.All(plan.Measures, m => Assert.NotEmpty(m.Items));
            Assert.All(plan.Measures, m => Assert.Empty(m.Themes));
            Assert.Empty(plan.Findings);
        }
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Each_seed_plan_written_and_read_again_writes_the_same_text(string file, int resultsYear, PlanLayout layout, int count)
    {
        _ = (resultsYear, layout, count);

        var written = MeasurePlanJson.Write(Plan(file));

        Assert.Equal(written, MeasurePlanJson.Write(MeasurePlanJson.Read(written)));
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Each_seed_plan_links_only_codes_of_its_years_framework(string file, int resultsYear, PlanLayout layout, int count)
    {
        _ = (layout, count);
        var plan = Plan(file);
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(resultsYear));

        Assert.All(plan.Measures.SelectMany(m => m.Items), code => Assert.True(
            framework.FindQuestion(code) is not null || framework.FindItem(code) is not null || framework.FindOitItem(code) is not null,
            $"{code} is not a code of FY{resultsYear}"));
    }

    [Fact]
    public void Seed_000_links_every_low_question_to_a_measure_and_has_no_timeline()
    {
        var plan = Plan(Spm);
        var framework = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2565));

        var items = plan.Measures.SelectMany(m => m.Items).Distinct(StringComparer.Ordinal).ToList();
        Assert.All(items, code => Assert.NotNull(framework.FindQuestion(code)));
        // The 29 questions under 85 that seed 000 lists (the demo result spm-2565.json has the same 29).
        Assert.Equal(29, items.Count);
        Assert.All(plan.Measures, m =>
        {
            Assert.False(m.Timeline.ByQuarter || m.Timeline.ByDates);
            Assert.Equal(MeasureKind.Improve, m.Kind);
            Assert.NotNull(m.Monitoring);
            Assert.Null(m.Weakness);
        });
    }

    [Theory]
    [InlineData("I10", 6)] // ใช้มาตรการ/แนวทาง ตามข้อ ๖
    [InlineData("I8", 6)]
    [InlineData("I2", 1)] // รวมทั้ง ใช้มาตรการ/แนวทางตามข้อ ๑
    [InlineData("I12", 5)]
    [InlineData("I15", 9)]
    [InlineData("I18", 9)]
    [InlineData("I21", 10)]
    [InlineData("I23", 10)]
    [InlineData("I24", 10)]
    [InlineData("I27", 11)]
    [InlineData("I28", 11)]
    [InlineData("E6", 15)]
    [InlineData("E7", 15)]
    [InlineData("E9", 15)]
    [InlineData("E11", 15)]
    [InlineData("E12", 15)]
    [InlineData("E14", 15)]
    [InlineData("E15", 15)]
    public void Seed_000_links_an_applied_measure_to_the_item(string item, int measure)
    {
        var plan = Plan(Spm);

        Assert.Contains(item, plan.Measures.Single(m => m.Number == measure).Items);
    }

    [Fact]
    public void Seed_001_reports_to_the_director_every_six_months_or_yearly_by_quarters()
    {
        var plan = Plan(Tceb);

        Assert.All(plan.Measures, m =>
        {
            Assert.NotNull(m.Reporting);
            Assert.Contains(m.Reporting.Cadence, new[] { ReportingCadence.EverySixMonths, ReportingCadence.Yearly });
            Assert.True(m.Timeline.ByQuarter);
            Assert.NotNull(m.Monitoring);
        });
        Assert.Equal([1, 2, 3], plan.Measures[0].Timeline.Quarters); // I7: ← Q1 … → Q3
        Assert.Equal(ReportingCadence.Yearly, plan.Measures.Single(m => m.Items.Contains("I13")).Reporting!.Cadence); // ปีละครั้ง
    }

    [Fact]
    public void Seed_002_keeps_the_standard_in_theme_6_and_runs_through_fiscal_year_2568()
    {
        var plan = Plan(MaetNaThom);

        Assert.All(plan.Measures, m =>
        {
            Assert.Equal(m.Themes[0] == 6 ? MeasureKind.KeepStandard : MeasureKind.Improve, m.Kind);
            Assert.Equal([1, 2, 3, 4], m.Timeline.Quarters);
            Assert.Equal(new DateOnly(2024, 10, 1), m.Timeline.From);
            Assert.Equal(new DateOnly(2025, 9, 30), m.Timeline.To);
        });
        Assert.All(plan.Measures.Where(m => m.Themes[0] == 6), m => Assert.Empty(m.Items));
    }

    [Fact]
    public void Seed_003_has_no_item_codes_and_gives_steps_their_own_owners()
    {
        var plan = Plan(Opdc);

        Assert.All(plan.Measures, m =>
        {
            Assert.Empty(m.Items);
            Assert.Equal(new DateOnly(2023, 10, 1), m.Timeline.From);
            Assert.Equal(new DateOnly(2024, 9, 30), m.Timeline.To);
        });
        // Theme 1: ข้อ 1-3 ทุกกลุ่ม/กอง/สำนักงาน; ข้อ 4 ศูนย์ปฏิบัติการต่อต้านการทุจริต.
        var first = plan.Measures[0];
        Assert.Equal(MeasureKind.KeepStandard, first.Kind);
        Assert.Equal(["ศูนย์ปฏิบัติการต่อต้านการทุจริต"], first.Steps[^1].Owners);
        Assert.Equal(7, plan.Measures.Count(m => m.Kind == MeasureKind.KeepStandard));
    }
}
