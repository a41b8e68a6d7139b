using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using Xunit;

namespace OpenIta.Core.Tests.Plans;

/// <summary>A local administration's four-year plan (มิติ → แผนงาน → โครงการ, a budget for each of 2566–2569): the
/// same model as seed 004's one-year plan of a central agency, with no code that knows either.</summary>
public sealed class LocalFourYearPlanTests
{
    internal const string Json = """
        {
          "title": "แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. 2566 – 2569) องค์การบริหารส่วนตำบลแม่นาทม",
          "fiscalYears": [2566, 2567, 2568, 2569],
          "levels": ["มิติ", "แผนงาน", "โครงการ"],
          "items": [
            {"number": "1", "title": "การสร้างสังคมที่ไม่ทนต่อการทุจริต", "items": [
              {"number": "1.1", "title": "การสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร", "items": [
                {"number": "1.1.1", "title": "โครงการอบรมคุณธรรมจริยธรรมแก่ผู้บริหาร สมาชิกสภาท้องถิ่น และพนักงาน",
                 "owners": ["สำนักปลัด"],
                 "kpis": [{"id": "k1", "name": "ร้อยละของผู้เข้าอบรมที่ผ่านการทดสอบ", "kind": "percent", "target": {"atLeast": 80}}],
                 "budgets": [
                   {"fiscalYear": 2566, "planned": 20000, "source": "own"},
                   {"fiscalYear": 2567, "planned": 20000, "source": "own"},
                   {"fiscalYear": 2568, "planned": 25000, "source": "own"},
                   {"fiscalYear": 2569, "planned": 25000, "source": "own"}],
                 "items": []},
                {"number": "1.1.2", "title": "มาตรการ ประกาศเจตจำนงต่อต้านการทุจริตของผู้บริหาร",
                 "kpis": [{"id": "k2", "name": "มีการประกาศเจตจำนง", "kind": "yesno", "target": {"done": true}}],
                 "budgets": [
                   {"fiscalYear": 2566, "source": "none"}, {"fiscalYear": 2567, "source": "none"},
                   {"fiscalYear": 2568, "source": "none"}, {"fiscalYear": 2569, "source": "none"}],
                 "items": []}
              ]}
            ]},
            {"number": "2", "title": "การบริหารราชการเพื่อป้องกันการทุจริต", "items": [
              {"number": "2.1", "title": "การสร้างความโปร่งใสในการใช้จ่ายงบประมาณ", "items": [
                {"number": "2.1.1", "title": "โครงการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง",
                 "kpis": [{"id": "k3", "name": "จำนวนครั้งที่เผยแพร่", "kind": "count", "target": {"atLeast": 12}, "unit": "ครั้ง", "cumulation": "per-period"}],
                 "budgets": [
                   {"fiscalYear": 2567, "planned": 5000, "source": "own"},
                   {"fiscalYear": 2568, "planned": 5000, "source": "other-unit", "unit": "กองคลัง"}],
                 "items": []}
              ]}
            ]}
          ],
          "reports": [
            {"fiscalYear": 2567, "round": 6, "entries": [
              {"item": "1.1.1", "status": "on-track", "spent": 8000, "actuals": [{"kpi": "k1", "count": 30, "of": 40}]},
              {"item": "2.1.1", "status": "at-risk", "reason": "ผู้รับผิดชอบย้าย", "actuals": [{"kpi": "k3", "value": 5}]}]},
            {"fiscalYear": 2567, "round": 12, "entries": [
              {"item": "1.1.1", "status": "done", "spent": 19500, "actuals": [{"kpi": "k1", "count": 36, "of": 40}]},
              {"item": "1.1.2", "status": "done", "actuals": [{"kpi": "k2", "done": true}]},
              {"item": "2.1.1", "status": "done", "spent": 4800, "actuals": [{"kpi": "k3", "value": 11}]}]}
          ]
        }
        """;

    private static readonly FiscalYear Fy2567 = new(2567);

    [Fact]
    public void A_four_year_plan_with_its_own_level_names_parses()
    {
        var import = PlanJson.Read(Json);
        var plan = import.Plan;

        Assert.Equal(["มิติ", "แผนงาน", "โครงการ"], plan.Levels);
        Assert.Equal([2566, 2567, 2568, 2569], plan.FiscalYears.Select(y => y.BuddhistEra));
        Assert.Equal(2, plan.HeadingLevels); // มิติ and แผนงาน are headings, โครงการ the rows
        Assert.Equal(4, plan.Find("1.1.1")!.Budgets.Count);
        Assert.Equal(["สำนักปลัด"], plan.Find("1.1.1")!.Owners);
    }

    [Fact]
    public void Budgets_roll_up_per_year_per_level_and_per_item()
    {
        var import = PlanJson.Read(Json);
        var plan = import.Plan;

        var years = BudgetRollup.ByYear(plan, import.Reports);
        Assert.Equal([20000m, 25000m, 30000m, 25000m], years.Select(y => y.Planned));
        Assert.Equal([0m, 0m, 5000m, 0m], years.Select(y => y.PlannedOtherUnits));
        // FY2567's spent is its latest round's (12 months), not the sum of the 6- and 12-month rounds.
        Assert.Equal([null, 24300m, null, null], years.Select(y => y.Spent));

        var twelve = import.Reports.Single(r => r.Period == ReportingPeriod.TwelveMonths);
        Assert.Equal(20000m, BudgetRollup.OfItem(plan.Items[0], Fy2567, twelve).Planned);
        Assert.Equal(19500m, BudgetRollup.OfItem(plan.Items[0], Fy2567, twelve).Spent);
        var levels = BudgetRollup.ByLevel(plan, new FiscalYear(2568), twelve);
        Assert.Equal([0m, 0m, 30000m], levels.Select(l => l.Planned));
        Assert.All(levels, l => Assert.Null(l.Spent)); // the round is of another year
    }

    [Fact]
    public void The_six_and_twelve_month_rounds_are_each_computed_from_their_own_actuals()
    {
        var import = PlanJson.Read(Json);
        var k1 = import.Plan.Find("1.1.1")!.Kpis[0];

        var six = import.Reports[0];
        var twelve = import.Reports[1];
        Assert.Equal(AchievementStatus.NotAchieved, Achievement.Of(k1, six.ForItem("1.1.1"), null).Status); // 75.00 < 80
        Assert.Equal("75.00", Achievement.Of(k1, six.ForItem("1.1.1"), null).Shown);
        Assert.Equal(AchievementStatus.Achieved, Achievement.Of(k1, twelve.ForItem("1.1.1"), null).Status); // 90.00
        Assert.Equal(EntryStatus.AtRisk, six.ForItem("2.1.1")!.Status);
        Assert.Equal(new DateOnly(2024, 3, 31), six.To);
    }
}

/// <summary>Every field the contract adds to the example reads, writes and reads back the same.</summary>
public sealed class PlanJsonRoundTripTests
{
    private const string Full = """
        {
          "title": "แผน",
          "fiscalYears": [2568],
          "levels": ["แผนงาน", "โครงการ"],
          "headingLevels": 1,
          "notes": ["หมายเหตุของแผน"],
          "items": [
            {"number": "1", "title": "แผนงานที่หนึ่ง", "goal": "เป้าหมาย", "items": [
              {"number": "1.1", "title": "โครงการ", "label": "กิจกรรมย่อยที่ 1", "objective": "วัตถุประสงค์", "owners": ["ศปท.", "กพบ."],
               "kpis": [
                 {"id": "a", "name": "เรื่องร้องเรียน", "kind": "count", "target": {"atMost": 2}, "unit": "เรื่อง", "baseline": 5, "cumulation": "per-period"},
                 {"id": "b", "name": "คะแนน", "kind": "score", "target": {"equals": 100}, "targetText": "เต็ม"},
                 {"id": "c", "name": "เงิน", "kind": "baht", "target": {"atLeast": 1000.5}}],
               "budgets": [{"fiscalYear": 2568, "planned": 1000.5, "source": "other-unit", "unit": "กทบ.", "text": "งบกลาง"}],
               "timeline": {"quarters": [1, 2], "from": "2024-10-01", "to": "2025-03-31"},
               "notes": ["หมายเหตุ"],
               "items": []}]}
          ],
          "reports": [
            {"fiscalYear": 2568, "round": "q2", "closedAt": "2025-04-10T09:00:00+07:00", "notes": ["หมายเหตุรอบ"],
             "entries": [{"item": "1.1", "text": "ทำแล้ว", "status": "at-risk", "reason": "ล่าช้า", "spent": 10.25,
               "actuals": [{"kpi": "a", "value": 1}, {"kpi": "c", "value": 900}], "outcome": "ผลลัพธ์", "participants": 40, "satisfaction": 85.5,
               "evidence": [{"name": "รายงานการประชุม", "url": "https://example.go.th/a.pdf"}, {"name": "ภาพกิจกรรม"}]}],
             "corrections": [{"entry": {"item": "1.1", "status": "done", "actuals": [{"kpi": "a", "value": 2}]}, "reason": "นับผิด", "by": "ศปท.", "at": "2025-04-12T10:00:00+07:00"}]},
            {"fiscalYear": 2568, "round": "m12", "entries": []}
          ],
          "measureReports": []
        }
        """;

    [Fact]
    public void Every_field_round_trips()
    {
        var import = PlanJson.Read(Full);
        var written = PlanJson.Write(import);

        Assert.Equal(written, PlanJson.Write(PlanJson.Read(written)));
        var item = import.Plan.Find("1.1")!;
        Assert.Equal(TargetKind.AtMost, item.Kpis[0].Target.Kind);
        Assert.Equal(Cumulation.PerPeriod, item.Kpis[0].Cumulation);
        Assert.Equal(TargetKind.EqualTo, item.Kpis[1].Target.Kind);
        Assert.Equal(new DateOnly(2025, 3, 31), item.Timeline!.To);
        var q2 = import.Reports[0];
        Assert.Equal(ReportingPeriod.Quarter(2), q2.Period);
        Assert.Equal(new DateOnly(2025, 1, 1), q2.From);
        Assert.True(q2.IsClosed);
        Assert.Equal(EntryStatus.AtRisk, q2.Entries[0].Status);
        Assert.Equal(2, q2.Entries[0].Evidence.Count);
        Assert.Equal(EntryStatus.Done, q2.ForItem("1.1")!.Status); // the correction
        Assert.Equal(AchievementStatus.Achieved, Achievement.Of(item.Kpis[0], q2.ForItem("1.1"), null).Status); // 2 ≤ 2
        Assert.Equal(ReportingPeriod.Month(12), import.Reports[1].Period);
        Assert.Equal(new DateOnly(2025, 9, 1), import.Reports[1].From);
        Assert.Contains("\"round\": \"q2\"", written, StringComparison.Ordinal);
        Assert.Contains("\"equals\": 100", written, StringComparison.Ordinal);
    }
}
