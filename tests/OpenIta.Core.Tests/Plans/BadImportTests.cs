using System.Text.Json.Nodes;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using Xunit;

namespace OpenIta.Core.Tests.Plans;

/// <summary>A bad plan file is refused at its first fault, named by its JSON path (the CLI prints that one line and
/// exits 2; nothing is stored).</summary>
public sealed class BadImportTests
{
    /// <summary>The issue's contract example, whole: everything in it is accepted.</summary>
    internal const string Contract = """
        {"title": "แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2568", "fiscalYears": [2568], "levels": ["ยุทธศาสตร์", "กลยุทธ์", "โครงการ", "กิจกรรม"],
         "items": [{"number": "1", "title": "…", "goal": "…", "kpis": [{"id": "s1k1", "name": "…", "kind": "percent", "target": {"atLeast": 85}}],
           "items": [{"number": "1.1", "title": "…", "objective": "…", "owners": ["ศปท."], "kpis": [{"id": "p1", "name": "ร้อยละของบุคลากรที่ลงนาม", "kind": "percent", "target": {"atLeast": 80}}], "budgets": [{"fiscalYear": 2568, "planned": 27325, "source": "own"}], "items": []}]}],
         "reports": [{"fiscalYear": 2568, "round": 12, "entries": [{"item": "1.1", "text": "…", "status": "done", "spent": 27325, "actuals": [{"kpi": "p1", "count": 654, "of": 662}]}]}],
         "measureReports": [{"fiscalYear": 2568, "round": 12, "entries": [{"measure": 1, "text": "…", "outcome": "…", "actuals": [{"kpi": "m1", "value": 88.6}]}]}]}
        """;

    private static MeasurePlan MeasuresWithM1() => MeasurePlan.Empty(new FiscalYear(2567)) with
    {
        Measures =
        [
            new Measure(1, "ส่งเสริมการมีส่วนร่วมของผู้รับบริการ", MeasureKind.Improve, [], [], null, [new MeasureStep("สำรวจ")],
                Timeline.None, ["ศปท."], null, null)
            {
                Kpis = [new Kpi("m1", "ความพึงพอใจ", KpiKind.Percent, Target.AtLeast(60))],
            },
        ],
    };

    [Fact]
    public void The_contract_example_is_accepted_whole()
    {
        var import = PlanJson.Read(Contract, year => year.BuddhistEra == 2568 ? MeasuresWithM1() : null);

        Assert.Equal("98.79", Achievement.Of(import.Plan.Find("1.1")!.Kpis[0], import.Reports[0].ForItem("1.1"), null).Shown);
        Assert.Equal(AchievementStatus.Achieved,
            Achievement.Of(MeasuresWithM1().Measures[0].Kpis![0], import.MeasureReports[0].ForMeasure(1), null).Status);
        Assert.Equal(["ศปท."], import.Plan.Find("1.1")!.Owners);
    }

    public static TheoryData<string, string, string> Faults => new()
    {
        // (what is changed, path named, words of the message)
        { "items[0].items[0].kpis[0].target = {\"atLeast\": \"80\"}", "items[0].items[0].kpis[0].target", "is not a number" },
        { "items[0].items[0].kpis[0].target = {\"atleast\": 80}", "items[0].items[0].kpis[0].target.atleast", "unknown field" },
        { "items[0].items[0].kpis[0].target = {\"atLeast\": 80, \"atMost\": 90}", "items[0].items[0].kpis[0].target", "is one of" },
        { "items[0].items[0].kpis[0].target = {\"done\": true}", "items[0].items[0].kpis[0].target", "yesno" },
        { "items[0].items[0].kpis[0].target = {\"atLeast\": 180}", "items[0].items[0].kpis[0].target", "0 to 100" },
        { "items[0].items[0].kpis[0].kind = \"ratio\"", "items[0].items[0].kpis[0].kind", "is not one of percent" },
        { "items[0].items[0].kpis[0].id = \"s1k1\"", "items[0].items[0].kpis[0].id", "used twice" },
        { "items[0].items[0].number = \"1\"", "items[0].items[0].number", "item number 1 is used twice" },
        { "items[0].items[0].budgets[0].fiscalYear = 2569", "items[0].items[0].budgets[0].fiscalYear", "not a year of the plan" },
        { "items[0].items[0].budgets[0].source = \"none\"", "items[0].items[0].budgets[0].planned", "has no amount" },
        { "items[0].items[0].budgets[0].planned = -5", "items[0].items[0].budgets[0].planned", "not negative" },
        { "items[0].budgets = [{\"fiscalYear\": 2568, \"planned\": 1, \"source\": \"own\"}]", "items[0].items[0].budgets[0].planned", "item 1 above" },
        { "items[0].items[0].items = [{\"number\": \"1.1.1\", \"title\": \"ก\", \"items\": [{\"number\": \"1.1.1.1\", \"title\": \"ข\", \"items\": [{\"number\": \"1.1.1.1.1\", \"title\": \"ค\"}]}]}]",
            "items[0].items[0].items[0].items[0].items[0]", "the plan names 4 levels" },
        { "reports[0].fiscalYear = 2567", "reports[0].fiscalYear", "not a year of the plan" },
        { "reports[0].round = 9", "reports[0].round", "is not a round" },
        { "reports[0].entries[0].item = \"9.9\"", "reports[0].entries[0].item", "no item numbered 9.9" },
        { "reports[0].entries[0].actuals[0].kpi = \"p9\"", "reports[0].entries[0].actuals[0].kpi", "unknown KPI id p9" },
        { "reports[0].entries[0].actuals[0].kpi = \"s1k1\"", "reports[0].entries[0].actuals[0].kpi", "unknown KPI id s1k1 for item 1.1" },
        { "reports[0].entries[0].actuals[0].count = 700", "reports[0].entries[0].actuals[0].count", "from zero to the total" },
        { "reports[0].entries[0].status = \"not-done\"", "reports[0].entries[0].reason", "is required" },
        { "reports[0].entries[0].status = \"finished\"", "reports[0].entries[0].status", "not-started, on-track" },
        { "reports[0].entries[0].spent = \"27,325\"", "reports[0].entries[0].spent", "is not a number" },
        { "measureReports[0].entries[0].measure = 2", "measureReports[0].entries[0].measure", "no measure 2" },
        { "measureReports[0].entries[0].actuals[0].kpi = \"m7\"", "measureReports[0].entries[0].actuals[0].kpi", "unknown KPI id m7 for measure 1" },
        { "measureReports[0].fiscalYear = 2570", "measureReports[0].fiscalYear", "not a year of the plan" },
        { "fiscalYears = [2568, 2568]", "fiscalYears", "names a year twice" },
        { "title = null", "title", "is required" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_bad_file_is_refused_naming_the_json_path(string change, string path, string words)
    {
        var json = Change(Contract, change);

        var e = Assert.Throws<PlanException>(() => PlanJson.Read(json, year => year.BuddhistEra == 2568 ? MeasuresWithM1() : null));

        Assert.Equal(path, e.Path);
        Assert.Contains(words, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        // The reader's text: a stable code, Thai words, and the place in Thai words, not the path.
        Assert.StartsWith("plan.", e.Reason.Code, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsThai}", e.Reason.Thai);
        Assert.Equal(e.Reason.English, e.Message[(path.Length + 2)..]);
        var described = e.Describe().Thai;
        Assert.DoesNotContain(path, described, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\w\[\d+\]|\.(items|kpis|budgets|entries|actuals|target)\b", described);
    }

    [Theory]
    [InlineData("items[2].kpis[1].target", "รายการที่ 3 › ตัวชี้วัดที่ 2 › ค่าเป้าหมาย", "item 3 › KPI 2 › target")]
    [InlineData("items[0].items[1].budgets[0].planned", "รายการที่ 1 › รายการย่อยที่ 2 › งบประมาณลำดับที่ 1 › วงเงินที่ตั้งไว้",
        "item 1 › sub-item 2 › budget 1 › planned amount")]
    [InlineData("reports[0].entries[3].actuals[0].kpi", "รอบรายงานที่ 1 › ผลที่รายงานลำดับที่ 4 › ผลตามตัวชี้วัดลำดับที่ 1 › รหัสตัวชี้วัด",
        "report round 1 › entry 4 › actual 1 › KPI")]
    [InlineData("measureReports[1].corrections[0].entry.status", "รอบรายงานผลมาตรการที่ 2 › การแก้ไขลำดับที่ 1 › ผลที่แก้ไข › สถานะ",
        "measure report round 2 › correction 1 › entry › status")]
    [InlineData("items[0].kpis[0].target.atleast", "รายการที่ 1 › ตัวชี้วัดที่ 1 › ค่าเป้าหมาย › ช่อง \"atleast\"",
        "item 1 › KPI 1 › target › field \"atleast\"")]
    [InlineData("fiscalYears", "ปีงบประมาณของแผน", "fiscal years")]
    [InlineData("$", "ไฟล์แผน", "the plan file")]
    [InlineData("entry.actuals[0].value", "ผลตามตัวชี้วัดลำดับที่ 1 › ค่าที่ได้", "actual 1 › value")]
    public void A_json_path_is_named_in_thai_words_counting_from_one(string path, string thai, string english)
    {
        var place = PlanFields.Of(path);

        Assert.Equal((thai, english), (place.Thai, place.English));
    }

    [Fact]
    public void A_cross_reference_fault_names_the_other_place_in_words()
    {
        var e = Assert.Throws<PlanException>(() => PlanJson.Read(Change(Contract, "items[0].items[0].number = \"1\""),
            year => year.BuddhistEra == 2568 ? MeasuresWithM1() : null));

        Assert.Equal("plan.number-twice", e.Reason.Code);
        Assert.Equal("รายการที่ 1 › รายการย่อยที่ 1 › เลขที่รายการ: เลขที่รายการ 1 ซ้ำ (ซ้ำกับรายการที่ 1)", e.Describe().Thai);
        Assert.Equal("item 1 › sub-item 1 › number: item number 1 is used twice (also item 1)", e.Describe().English);
    }

    [Fact]
    public void A_report_entry_for_a_duplicate_item_and_a_duplicate_round_are_refused()
    {
        var twice = Change(Contract, "reports[0].entries = [{\"item\": \"1.1\"}, {\"item\": \"1.1\"}]");
        Assert.Equal("reports[0].entries[1]", Assert.Throws<PlanException>(() => PlanJson.Read(twice)).Path);

        var node = JsonNode.Parse(Contract)!;
        node["reports"]!.AsArray().Add(node["reports"]![0]!.DeepClone());
        Assert.Equal("reports[1].round", Assert.Throws<PlanException>(() => PlanJson.Read(node.ToJsonString())).Path);
    }

    [Fact]
    public void Not_json_is_refused_with_its_line()
    {
        var e = Assert.Throws<PlanException>(() => PlanJson.Read("{\"title\": \n"));
        Assert.Equal("$", e.Path);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_measures_plan_measure_numbers_are_not_checked()
    {
        var import = PlanJson.Read(Change(Contract, "measureReports[0].entries[0].measure = 5"));
        Assert.Equal(5, import.MeasureReports[0].Entries[0].Measure);
    }

    [Fact]
    public void A_bad_kpi_in_a_measures_plan_names_the_measure_and_the_field()
    {
        var json = MeasurePlanJson.Write(MeasuresWithM1()).Replace("\"atLeast\": 60", "\"atLeast\": \"60\"", StringComparison.Ordinal);

        var e = Assert.Throws<MeasurePlanException>(() => MeasurePlanJson.Read(json));

        Assert.Equal("measures[0].kpis[0]", e.Field);
        Assert.Contains("target: \"60\" is not a number", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Sets one value: "a.b[0].c = json".</summary>
    private static string Change(string json, string change)
    {
        var root = JsonNode.Parse(json)!;
        var (path, value) = (change[..change.IndexOf(" = ", StringComparison.Ordinal)], change[(change.IndexOf(" = ", StringComparison.Ordinal) + 3)..]);
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = parts[i].StartsWith('[') ? node[int.Parse(parts[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        }
        var last = parts[^1];
        var parsed = JsonNode.Parse(value);
        if (last.StartsWith('['))
        {
            node[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = parsed;
        }
        else
        {
            node.AsObject()[last] = parsed;
        }
        return root.ToJsonString();
    }
}
