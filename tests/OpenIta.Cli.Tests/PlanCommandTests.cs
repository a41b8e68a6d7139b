using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary>
/// Issue 11: <c>openita plan import</c> (atomic; a bad file exits 2 with one line naming the JSON path) and
/// <c>openita docs plan|progress|measures-report</c> from the demo database, whose spm carries seed 004's FY2568 plan,
/// its 12-month results and its measures report; a local administration's four-year plan imports and reports.
/// </summary>
public sealed class PlanCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static string LocalPlan => File.ReadAllText(CliRunner.Example("plan-local-4-years.json"));

    private string Write(string name, string json)
    {
        var file = demo.Out(name);
        File.WriteAllText(file, json);
        return file;
    }

    private async Task<(int Plans, int Rounds, int Entries, int Units)> CountsAsync()
    {
        await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, $"Data Source={demo.File};Pooling=False");
        return (await db.ActionPlans.CountAsync(), await db.ProgressRounds.CountAsync(), await db.ProgressEntries.CountAsync(), await db.AgencyUnits.CountAsync());
    }

    private static string DocxText(string file)
    {
        using var document = WordprocessingDocument.Open(file, false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    private static string XlsxText(string file)
    {
        using var workbook = SpreadsheetDocument.Open(file, false);
        var shared = workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var cells = workbook.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Select(c =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.InlineString?.InnerText ?? c.CellValue?.Text ?? "");
        return string.Join("\n", cells);
    }

    /// <summary>The local plan with one change made to its JSON.</summary>
    private static string Broken(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(LocalPlan)!;
        change(json);
        return json.ToJsonString();
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "unknown-kpi", "reports[0].entries[0].actuals[0].kpi" },
        { "target-not-a-number", "items[0].items[0].items[0].kpis[0].target" },
        { "report-outside-the-plan", "reports[0].fiscalYear" },
        { "duplicate-number", "items[1].items[0].items[1].number" },
        { "not-json", "$" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_plan_file_exits_2_with_one_line_naming_the_json_path_and_changes_nothing(string fault, string path)
    {
        var json = fault switch
        {
            "unknown-kpi" => Broken(j => j["reports"]![0]!["entries"]![0]!["actuals"]![0]!["kpi"] = "nope"),
            "target-not-a-number" => Broken(j => j["items"]![0]!["items"]![0]!["items"]![0]!["kpis"]![0]!["target"] = JsonNode.Parse("""{"atLeast": "สี่สิบ"}""")),
            "report-outside-the-plan" => Broken(j => j["reports"]![0]!["fiscalYear"] = 2570),
            "duplicate-number" => Broken(j => j["items"]![1]!["items"]![0]!["items"]![1]!["number"] = "1.1.1"),
            _ => "{\"title\": ",
        };
        var before = await CountsAsync();

        var run = CliRunner.Run("plan", "import", "--db", demo.File, "--agency", "maet-na-thom", "--file", Write(fault + ".json", json));

        Assert.Equal(CliApp.BadInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"openita: {path}: ", line, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_local_four_year_plan_imports_with_its_budgets_per_year_and_reports_its_6_month_round()
    {
        var before = await CountsAsync();
        var run = CliRunner.Run("plan", "import", "--db", demo.File, "--agency", "maet-na-thom", "--file", CliRunner.Example("plan-local-4-years.json"));

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains("FY2566–2569 of maet-na-thom imported: 8 items, 5 KPIs, 1 round, 4 entries", run.Out, StringComparison.Ordinal);
        var after = await CountsAsync();
        Assert.Equal(before.Rounds + 1, after.Rounds);
        Assert.True(after.Units >= before.Units + 2, "สำนักปลัด and กองคลัง become units of the agency");

        // Importing again replaces the plan (no round of it is closed): still one plan of those years.
        Assert.Equal(CliApp.Ok, CliRunner.Run("plan", "import", "--db", demo.File, "--agency", "maet-na-thom", "--file", CliRunner.Example("plan-local-4-years.json")).ExitCode);
        Assert.Equal(after, await CountsAsync());

        var plan = demo.Out("local-plan-2569.xlsx");
        run = CliRunner.Run("docs", "plan", "--db", demo.File, "--agency", "maet-na-thom", "--year", "2569", "--format", "xlsx", "--out", plan);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var text = XlsxText(plan);
        Assert.Contains("มิติ", text, StringComparison.Ordinal);
        Assert.Contains("โครงการจัดซื้อจัดจ้างโปร่งใส เผยแพร่ข้อมูลทางเว็บไซต์", text, StringComparison.Ordinal);

        var progress = demo.Out("local-progress-2568-6.docx");
        run = CliRunner.Run("docs", "progress", "--db", demo.File, "--agency", "maet-na-thom", "--year", "2568", "--round", "6", "--format", "docx", "--out", progress);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var report = DocxText(progress);
        Assert.Contains("จัดอบรมเมื่อวันที่ ๑๕ มกราคม ๒๕๖๘ ผู้เข้าร่วม ๔๒ คน", report, StringComparison.Ordinal);
        Assert.Contains("ไม่ได้รับการจัดสรรงบประมาณ", report, StringComparison.Ordinal);
        Assert.Contains("24,500", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demos_12_month_progress_report_of_spm_carries_seed_004s_figures()
    {
        var file = demo.Out("spm-2568-progress-12.docx");
        var run = CliRunner.Run("docs", "progress", "--db", demo.File, "--agency", "spm", "--year", "2568", "--round", "12", "--format", "docx", "--out", file);

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var text = DocxText(file);
        Assert.Contains("98.79", text, StringComparison.Ordinal);
        Assert.Contains("27,325", text, StringComparison.Ordinal);
        Assert.Contains("17,270", text, StringComparison.Ordinal);
        Assert.Contains("ไม่ใช้งบประมาณ", text, StringComparison.Ordinal);
        Assert.Contains("ไม่ได้รับการจัดสรรงบประมาณ", text, StringComparison.Ordinal);
        Assert.Contains("ผู้ลงนามทั้งสิ้น จำนวน 654 คน จากบุคลากรทั้งหมด 662 คน", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demos_measures_report_of_spm_carries_the_eight_measures_and_their_outcomes()
    {
        var file = demo.Out("spm-2568-measures-report.docx");
        var run = CliRunner.Run("docs", "measures-report", "--db", demo.File, "--agency", "spm", "--year", "2568", "--format", "docx", "--out", file, "--thai-digits");

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        var text = DocxText(file);
        Assert.Contains("๘๘.๖๐", text, StringComparison.Ordinal);
        Assert.Contains("มาตรการที่ ๘", text, StringComparison.Ordinal);
        Assert.Contains("ดำเนินการตามตัวชี้วัดสำเร็จร้อยละ ๑๐๐", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_gets_one_progress_report_per_agency_with_the_round_with_progress_lines()
    {
        var dir = demo.Out("group-progress");
        var run = CliRunner.Run("docs", "progress", "--db", demo.File, "--group", "opm", "--year", "2568", "--format", "xlsx", "--out", dir);

        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal(["spm-2568-progress-12.xlsx"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Contains("[1/1] spm", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 document written", run.Out, StringComparison.Ordinal);
        Assert.Contains("98.79", XlsxText(Path.Combine(dir, "spm-2568-progress-12.xlsx")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--round", "7", "--round: '7' is not a round: 6, 12, q1–q4 or m1–m12")]
    [InlineData("--round", "6", "--round: spm has no round 6 for 2568 (it has 12)")]
    [InlineData("--year", "2570", "--year: spm has no action plan for 2570 (it has 2568)")]
    public void A_missing_or_wrong_round_exits_2_naming_the_option(string option, string value, string message)
    {
        string[] args = ["docs", "progress", "--db", demo.File, "--agency", "spm", "--year", "2568", "--format", "docx", "--out", demo.Out("never.docx")];
        var i = Array.IndexOf(args, option);
        args = i >= 0 ? [.. args[..(i + 1)], value, .. args[(i + 2)..]] : [.. args, option, value];

        var run = CliRunner.Run(args);

        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Equal($"openita: {message}", run.Error.Trim());
    }
}
