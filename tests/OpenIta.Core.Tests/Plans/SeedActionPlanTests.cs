using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Plans;

/// <summary>
/// Seed 004 as demo data (src/OpenIta.Data/Demo/Seeds/plan-spm-2568.json and measures-spm-2567.json; how it was read:
/// PLANS.md there): it reads under the import contract, and what the core computes from it is what the seed prints.
/// </summary>
public sealed class SeedActionPlanTests
{
    private static readonly FiscalYear Fy2568 = new(2568);

    private static string SeedsFolder => Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds");

    internal static MeasurePlan SpmMeasures() =>
        MeasurePlanJson.Read(File.ReadAllText(Path.Combine(SeedsFolder, "measures-spm-2567.json")));

    internal static PlanImport Spm() => PlanJson.Read(File.ReadAllText(Path.Combine(SeedsFolder, "plan-spm-2568.json")),
        year => year == Fy2568 ? SpmMeasures() : null);

    [Fact]
    public void Seed_004_reads_with_its_levels_strategies_tactics_and_projects()
    {
        var plan = Spm().Plan;

        Assert.Equal(["ยุทธศาสตร์", "กลยุทธ์", "โครงการ", "กิจกรรม", "กิจกรรมย่อย"], plan.Levels);
        Assert.Equal([Fy2568], plan.FiscalYears);
        Assert.Equal(2, plan.Items.Count);
        Assert.Equal([3, 2], plan.Items.Select(s => s.Items.Count));
        // แผนปฏิบัติการ ประกอบด้วย ๒, ๒, ๓ โครงการ (strategy 1) and ๕, ๔ โครงการ (strategy 2).
        Assert.Equal([2, 2, 3, 5, 4], plan.Items.SelectMany(s => s.Items).Select(t => t.Items.Count));
        Assert.Equal(5, plan.All().Max(p => p.Depth) + 1); // กิจกรรมย่อย ๑–๓ of activity 2.4
        Assert.Equal("กิจกรรมย่อยที่ ๓", plan.Find("1.2.2.4.3")!.ShownNumber);
    }

    [Fact]
    public void No_gift_policy_654_of_662_signed_is_98_79_percent_and_meets_at_least_80()
    {
        var import = Spm();
        var item = import.Plan.Find("1.3.1")!;
        var result = Achievement.Of(item.Kpis.Single(), import.Reports.Single().ForItem("1.3.1"), itaTotal: null);

        Assert.Equal(65400m / 662m, result.Value);
        Assert.Equal("98.79", result.Shown);
        Assert.Equal(AchievementStatus.Achieved, result.Status);
    }

    public static TheoryData<string, AchievementStatus, string?> SeedKpis => new()
    {
        // Tactics: the seed reports no figure for them (unknown, not guessed).
        { "s1t1", AchievementStatus.Unknown, null },
        { "s1t3", AchievementStatus.Unknown, null },
        { "s2t1", AchievementStatus.Unknown, null },
        { "s2t2", AchievementStatus.Unknown, null },
        // ITA ไม่น้อยกว่าร้อยละ ๙๓: read from the results, none given here.
        { "s1t2-ita", AchievementStatus.Unknown, null },
        { "s1t1p1", AchievementStatus.Achieved, "89.56" },   // satisfaction, the lower of the two sessions, ≥ 70
        { "s1t1p2", AchievementStatus.Unknown, null },       // ไม่ได้รับการจัดสรรงบประมาณ: not run
        { "s1t2p1-oit", AchievementStatus.Achieved, "100.00" }, // 28 of 28 OIT items
        { "s1t2p1-iit", AchievementStatus.Achieved, "260.00" }, // ≥ 150 people
        { "s1t2p1-eit", AchievementStatus.Achieved, "206.00" }, // ≥ 100 people
        { "s1t2p2a1", AchievementStatus.Unknown, null },      // done, but no share of staff given
        { "s1t2p2a2", AchievementStatus.Achieved, "1.00" },   // at least 1 meeting a year
        { "s1t2p2a3", AchievementStatus.Achieved, "1.00" },
        { "s1t2p2a4s1", AchievementStatus.Achieved, "1.00" },
        { "s1t2p2a4s2", AchievementStatus.Achieved, "88.60" }, // ≥ 60
        { "s1t2p2a4s3", AchievementStatus.Achieved, "82.34" }, // ≥ 70
        { "p1", AchievementStatus.Achieved, "98.79" },
        { "s1t3p2", AchievementStatus.Achieved, "100.00" },
        { "s1t3p3a1", AchievementStatus.Achieved, "3.00" },   // ≥ 3 processes
        { "s1t3p3a2", AchievementStatus.Achieved, "12.00" },  // 12 reports a year
        { "s2t1p1", AchievementStatus.Achieved, null },       // yes/no: องค์กรคุณธรรมต้นแบบ
        { "s2t1p2", AchievementStatus.Achieved, null },
        { "s2t1p3", AchievementStatus.Achieved, "13.00" },    // ≥ 12 people
        { "s2t1p4", AchievementStatus.Achieved, "89.56" },    // ≥ 80
        { "s2t1p5", AchievementStatus.Achieved, "100.00" },   // ≥ 70
        { "s2t2p1", AchievementStatus.Achieved, "3.00" },     // ≥ 3 activities
        { "s2t2p2", AchievementStatus.Achieved, "92.02" },    // ≥ 60
        { "s2t2p3", AchievementStatus.Achieved, "87.82" },    // ≥ 80
        { "s2t2p4", AchievementStatus.Unknown, null },        // 4.1 done, 4.2 not needed: no figure
    };

    [Theory]
    [MemberData(nameof(SeedKpis))]
    public void Each_kpi_of_seed_004_is_achieved_or_not_as_the_seed_reports(string id, AchievementStatus status, string? shown)
    {
        var import = Spm();
        var (item, kpi) = import.Plan.Kpis().Single(k => k.Kpi.Id == id);
        var result = Achievement.Of(kpi, import.Reports.Single().ForItem(item.Number), itaTotal: null);

        Assert.Equal(status, result.Status);
        Assert.Equal(shown, result.Shown);
    }

    [Fact]
    public void Seed_004_has_a_kpi_for_every_kpi_the_report_prints()
    {
        Assert.Equal(SeedKpis.Count, Spm().Plan.Kpis().Count());
    }

    [Theory]
    [InlineData(95.10, AchievementStatus.Achieved)]
    [InlineData(92.99, AchievementStatus.NotAchieved)]
    [InlineData(92.995, AchievementStatus.Achieved)] // shown as 93.00
    public void The_ita_kpi_reads_the_agencys_total_from_the_results(decimal total, AchievementStatus status)
    {
        var import = Spm();
        var kpi = import.Plan.Find("1.2")!.Kpis.Single();

        Assert.Equal(KpiSource.ItaTotal, kpi.Source);
        Assert.Equal(status, Achievement.Of(kpi, import.Reports.Single().ForItem("1.2"), total).Status);
    }

    [Fact]
    public void Budgets_27325_and_17270_and_the_plans_totals()
    {
        var import = Spm();
        var plan = import.Plan;
        var round = import.Reports.Single();

        Assert.Equal(27325m, plan.Find("1.2.1")!.BudgetOf(Fy2568)!.Planned);
        Assert.Equal(17270m, plan.Find("2.2.3")!.BudgetOf(Fy2568)!.Planned);
        Assert.Equal(27325m, round.ForItem("1.2.1")!.Spent);
        Assert.Equal(17270m, round.ForItem("2.2.3")!.Spent);

        // 2,670 (งบ กทบ.) is another unit's money, in the totals and said apart.
        var total = BudgetRollup.ByYear(plan, import.Reports).Single();
        Assert.Equal(27325m + 2670m + 4080m + 15065m + 17270m, total.Planned);
        Assert.Equal(2670m, total.PlannedOtherUnits);
        Assert.Equal(66410m, total.Spent);
        Assert.Equal(100m, total.SpentPercent);

        Assert.Equal(29995m, BudgetRollup.OfItem(plan.Items[0], Fy2568, round).Planned);
        Assert.Equal(36415m, BudgetRollup.OfItem(plan.Items[1], Fy2568, round).Planned);
        Assert.Equal(27325m, BudgetRollup.OfItem(plan.Find("1.2.1")!, Fy2568, round).Spent);
        Assert.Null(BudgetRollup.OfItem(plan.Find("1.3")!, Fy2568, round).Spent); // nothing spent: no budget used

        var levels = BudgetRollup.ByLevel(plan, Fy2568, round);
        Assert.Equal(["ยุทธศาสตร์", "กลยุทธ์", "โครงการ", "กิจกรรม", "กิจกรรมย่อย"], levels.Select(l => l.Name));
        Assert.Equal([0m, 0m, 63740m, 0m, 2670m], levels.Select(l => l.Planned));
    }

    [Fact]
    public void Rows_printed_with_no_budget_are_source_none_and_the_one_not_allocated_is_not_done_with_its_reason()
    {
        var import = Spm();
        var budgets = import.Plan.All().Select(p => (p.Item.Number, Budget: p.Item.BudgetOf(Fy2568))).Where(b => b.Budget is not null).ToList();

        Assert.Equal(14, budgets.Count(b => b.Budget!.Source == BudgetSource.None));
        Assert.All(budgets.Where(b => b.Budget!.Source == BudgetSource.None), b => Assert.Null(b.Budget!.Planned));
        Assert.Equal("1.1.2", budgets.Single(b => b.Budget!.Source == BudgetSource.NotAllocated).Number);
        var entry = import.Reports.Single().ForItem("1.1.2")!;
        Assert.Equal(EntryStatus.NotDone, entry.Status);
        Assert.Equal("ไม่ได้รับการจัดสรรงบประมาณ", entry.Reason);
    }

    [Fact]
    public void The_12_month_round_of_fy2568_runs_from_1_october_2024_to_30_september_2025()
    {
        var round = Spm().Reports.Single();

        Assert.Equal(ReportingPeriod.TwelveMonths, round.Period);
        Assert.Equal(new DateOnly(2024, 10, 1), round.From);
        Assert.Equal(new DateOnly(2025, 9, 30), round.To);
        Assert.Equal(new DateOnly(2025, 3, 31), ReportingPeriod.SixMonths.To(Fy2568));
        Assert.Equal(new DateOnly(2025, 1, 1), ReportingPeriod.Quarter(2).From(Fy2568));
        Assert.Equal(new DateOnly(2024, 12, 31), ReportingPeriod.Month(3).To(Fy2568));
        Assert.Equal(new DateOnly(2025, 2, 28), ReportingPeriod.Month(5).To(Fy2568));
    }

    [Fact]
    public void The_eight_measures_of_fy2568_carry_kpis_and_their_report_achieves_each()
    {
        var measures = SpmMeasures();
        var report = Spm().MeasureReports.Single();

        Assert.Equal(new FiscalYear(2568), measures.PlanYear);
        Assert.Equal(8, measures.Measures.Count);
        Assert.All(measures.Measures, m => Assert.Single(m.Kpis!));
        var results = measures.Measures.Select(m => Achievement.Of(m.Kpis![0], report.ForMeasure(m.Number), null)).ToList();
        Assert.All(results, r => Assert.Equal(AchievementStatus.Achieved, r.Status));
        Assert.Equal("88.60", results[1].Shown); // มาตรการที่ ๒: ความพึงพอใจโดยรวม ร้อยละ ๘๘.๖๐ ≥ ๖๐
        Assert.All(report.Entries, e => Assert.Equal("ดำเนินการตามตัวชี้วัดสำเร็จร้อยละ ๑๐๐", e.Outcome));
    }

    [Fact]
    public void Measures_plans_without_kpis_read_and_write_as_before()
    {
        var path = Path.Combine(SeedsFolder, "measures-spm-2565.json");
        var text = File.ReadAllText(path);
        var plan = MeasurePlanJson.Read(text);

        Assert.All(plan.Measures, m => Assert.Null(m.Kpis));
        Assert.DoesNotContain("\"kpis\"", MeasurePlanJson.Write(plan), StringComparison.Ordinal);
        var withKpis = SpmMeasures();
        Assert.Equal(withKpis.Measures[2].Kpis![0], MeasurePlanJson.Read(MeasurePlanJson.Write(withKpis)).Measures[2].Kpis![0]);
    }

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        var import = Spm();
        var written = PlanJson.Write(import);
        var again = PlanJson.Read(written, year => year == Fy2568 ? SpmMeasures() : null);

        Assert.Equal(written, PlanJson.Write(again));
        Assert.Equal(import.Plan.Kpis().Count(), again.Plan.Kpis().Count());
    }
}
