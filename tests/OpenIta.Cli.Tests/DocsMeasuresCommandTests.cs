using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Measures;
using OpenIta.Reports;
using OpenIta.Reports.Rendering;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary>
/// The demo database (its seed plans are published as revision 1: spm FY2565 with seed 000's approval, tceb FY2564,
/// opdc FY2566, maet-na-thom FY2567) with more added through <see cref="MeasurePlanStore"/>: spm's plan revised into a
/// draft revision 2 with a new measure, and a new draft plan by theme for opdc's FY2565 results (a year without theme
/// mapping, so the seeds' theme names are used).
/// </summary>
public sealed class DemoDatabaseWithPlans
{
    public const string RevisedTitle = "ทบทวนแผนการใช้จ่ายงบประมาณร่วมกับบุคลากร";
    public const string ThemeMeasure = "จัดทำคู่มือการยืมทรัพย์สินของราชการ";
    public const string Memo = "ศปท. 0706/2565";

    public DemoDatabaseWithPlans()
    {
        Folder = Directory.CreateTempSubdirectory("openita-cli-measures-").FullName;
        File = Path.Combine(Folder, "demo.db");
        var run = CliRunner.Run("demo", "--db", File);
        if (run.ExitCode != CliApp.Ok)
        {
            throw new InvalidOperationException("openita demo failed: " + run.Error);
        }
        AddPlansAsync().GetAwaiter().GetResult();
    }

    public string Folder { get; }
    public string File { get; }

    public string Out(string name) => Path.Combine(Folder, name);

    private async Task AddPlansAsync()
    {
        await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, $"Data Source={File};Pooling=false");
        var store = new MeasurePlanStore(db, TimeProvider.System);
        var actor = new PlanActor(null, "test");
        var spm = await db.Agencies.SingleAsync(a => a.Slug == "spm");
        var published = await store.LatestAsync(spm.Id, 2565, publishedOnly: true)
            ?? throw new InvalidOperationException("The demo has no published plan of spm for 2565.");
        var draft = await store.ApplyAsync(published.Id, PlanAction.Revise, actor);
        var plan = draft.Plan();
        await store.SaveAsync(draft.Id, plan with
        {
            Measures =
            [
                new Measure(1, RevisedTitle, MeasureKind.Improve, ["I7", "I12"], [], null,
                    [new MeasureStep("จัดทำและเผยแพร่แผนการใช้จ่ายงบประมาณประจำปี")], new Timeline([1, 2]), ["สทน."], "ศปท. ติดตาม",
                    new Reporting(ReportingCadence.EverySixMonths, "เลขาธิการนายกรัฐมนตรี")),
                .. plan.Measures.Select(m => m with { Number = m.Number + 1 }),
            ],
        }, actor);

        var opdc = await db.Agencies.SingleAsync(a => a.Slug == "opdc");
        await store.StartAsync(opdc, new MeasurePlan(new FiscalYear(2565), PlanLayout.ByTheme, "สำนักงาน ก.พ.ร. ได้กำหนดมาตรการ ดังนี้",
            [new ThemeFinding(4, "พบข้อบกพร่องในการกำกับดูแลการใช้ทรัพย์สินของราชการ")],
            [
                new Measure(1, ThemeMeasure, MeasureKind.Improve, ["I20"], [4], null,
                    [new MeasureStep("ระบุขั้นตอนการขอยืมไว้ในคู่มือ", ["ทุกกอง"]), new MeasureStep("รายงานผล", ["ศปท."])],
                    new Timeline([], new DateOnly(2022, 10, 1), new DateOnly(2023, 9, 30)), ["กองบริหารกลาง"], null, null),
            ]), actor);
    }
}

/// <summary><c>openita docs measures</c>, <c>docs results</c> and the group batches (<c>--group SLUG --out DIR</c>).</summary>
public sealed class DocsMeasuresCommandTests(DemoDatabaseWithPlans demo) : IClassFixture<DemoDatabaseWithPlans>
{
    private CliResult Docs(string kind, params string[] more) => CliRunner.Run(["docs", kind, "--db", demo.File, .. more]);

    [Fact]
    public void Measures_default_to_the_newest_revision_marked_as_a_draft()
    {
        var file = demo.Out("spm-2565-measures.docx");
        var run = Docs("measures", "--agency", "spm", "--year", "2565", "--format", "docx", "--out", file);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains("revision 2, draft", run.Out, StringComparison.Ordinal);

        var text = DocxText(file);
        Assert.Contains(MeasuresDocument.Title(new FiscalYear(2566)), text, StringComparison.Ordinal);
        Assert.Contains(DemoDatabaseWithPlans.RevisedTitle, text, StringComparison.Ordinal);
        Assert.Contains(MeasuresDocument.DraftMark, text, StringComparison.Ordinal);
        Assert.Contains(MeasuresDocument.ApplyMeasure(1), text, StringComparison.Ordinal); // I12 after I7
        Assert.Contains("56.51", text, StringComparison.Ordinal);                         // I7's score from the result
        Assert.DoesNotContain(DemoDatabaseWithPlans.Memo, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_takes_the_newest_published_revision_signed_with_its_memo()
    {
        var file = demo.Out("spm-2565-measures-published.docx");
        var run = Docs("measures", "--agency", "spm", "--year", "2565", "--format", "docx", "--out", file, "--published", "--thai-digits");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains("revision 1, published", run.Out, StringComparison.Ordinal);

        var text = DocxText(file);
        Assert.Contains("ทบทวนคู่มือหรือแนวทางการปฏิบัติงาน", text, StringComparison.Ordinal); // seed 000's measure 1
        Assert.DoesNotContain(DemoDatabaseWithPlans.RevisedTitle, text, StringComparison.Ordinal);
        Assert.DoesNotContain(MeasuresDocument.DraftMark, text, StringComparison.Ordinal);
        Assert.Contains("เลขที่บันทึก ศปท. ๐๗๐๖/๒๕๖๕", text, StringComparison.Ordinal);
        Assert.Contains("๓๐ พฤศจิกายน ๒๕๖๕", text, StringComparison.Ordinal);
        Assert.Contains("พ.ศ. ๒๕๖๖", text, StringComparison.Ordinal);
        Assert.Contains("I7", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_xlsx_marks_the_quarters()
    {
        var file = demo.Out("spm-2565-measures.xlsx");
        var run = Docs("measures", "--agency", "spm", "--year", "2565", "--format", "xlsx", "--out", file);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        using var workbook = SpreadsheetDocument.Open(file, false);
        var part = workbook.WorkbookPart!;
        var sheet = part.Workbook.Descendants<Sheet>().Single(s => s.Name == "มาตรการ");
        var cells = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().ToList();
        Assert.Equal(2, cells.Count(c => c.InnerText == XlsxRenderer.MarkText));
    }

    [Fact]
    public async Task Measures_by_theme_print_to_pdf()
    {
        var file = demo.Out("opdc-2565-measures.pdf");
        var run = Docs("measures", "--agency", "opdc", "--year", "2565", "--format", "pdf", "--out", file);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        // -raw keeps a table cell's lines together (the default reads a table line by line across its columns).
        var text = ExternalTools.Squeeze(await ExternalTools.PdfRawTextAsync(file));
        Assert.Contains(ExternalTools.Squeeze(MeasuresDocument.Title(new FiscalYear(2566))), text, StringComparison.Ordinal);
        Assert.Contains(ExternalTools.Squeeze(DemoDatabaseWithPlans.ThemeMeasure), text, StringComparison.Ordinal);
        Assert.Contains(ExternalTools.Squeeze("1 ตุลาคม 2565 – 30 กันยายน 2566"), text, StringComparison.Ordinal);
        Assert.Contains(ExternalTools.Squeeze("กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ"), text, StringComparison.Ordinal); // theme 4's name
        Assert.Contains(ExternalTools.Squeeze(MeasuresDocument.DraftMark), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tceb", "2563", "", "--year: tceb has no measures plan for 2563 (it has 2564)")]
    [InlineData("opdc", "2565", "--published", "--year: opdc has no published measures plan for 2565 (it has 2566)")]
    public void No_plan_is_exit_code_2_with_one_clear_line(string agency, string year, string flag, string message)
    {
        var file = demo.Out($"never-{agency}.docx");
        string[] args = ["--agency", agency, "--year", year, "--format", "docx", "--out", file];
        var run = Docs("measures", [.. args, .. flag.Length > 0 ? [flag] : Array.Empty<string>()]);
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Equal("openita: " + message, run.Error.Trim());
        Assert.False(File.Exists(file));
    }

    [Theory]
    [InlineData("analysis")]
    [InlineData("measures")]
    [InlineData("results")]
    public void Agency_and_group_together_is_exit_code_2_naming_both(string kind)
    {
        var run = Docs(kind, "--agency", "spm", "--group", "opm", "--year", "2565", "--format", "xlsx", "--out", demo.Out("never"));
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains("--agency and --group cannot be used together", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Neither_agency_nor_group_is_exit_code_2()
    {
        var run = Docs("results", "--year", "2565", "--format", "xlsx", "--out", demo.Out("never.xlsx"));
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains("give --agency SLUG", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_writes_one_analysis_per_agency_with_a_result()
    {
        var dir = demo.Out("opm-analysis");
        var run = Docs("analysis", "--group", "opm", "--year", "2565", "--format", "xlsx", "--out", dir);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        // opm itself and tceb (results for 2563 and 2564 only) have no result for 2565.
        Assert.Equal(["opdc-2565-analysis.xlsx", "spm-2565-analysis.xlsx"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"2 documents written to {dir}, 2 agencies skipped (no result)", run.Out, StringComparison.Ordinal);
        Assert.Contains("[1/2] spm", run.Error, StringComparison.Ordinal); // plain progress lines when not a terminal
        using var workbook = SpreadsheetDocument.Open(Path.Combine(dir, "spm-2565-analysis.xlsx"), false);
        Assert.Contains(workbook.WorkbookPart!.Workbook.Descendants<Sheet>(), s => s.Name == "เร่งด่วน");
    }

    [Fact]
    public void A_group_writes_the_measures_of_the_agencies_with_a_plan()
    {
        var dir = demo.Out("opm-measures-published");
        var run = Docs("measures", "--group", "opm", "--year", "2565", "--format", "docx", "--out", dir, "--published");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal(["spm-2565-measures.docx"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Contains($"1 document written to {dir}, 3 agencies skipped (no plan)", run.Out, StringComparison.Ordinal);
        Assert.Contains(DemoDatabaseWithPlans.Memo, DocxText(Path.Combine(dir, "spm-2565-measures.docx")), StringComparison.Ordinal);

        // Without --published, opdc's draft for 2565 counts too.
        dir = demo.Out("opm-measures");
        run = Docs("measures", "--group", "opm", "--year", "2565", "--format", "docx", "--out", dir);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal(["opdc-2565-measures.docx", "spm-2565-measures.docx"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"2 documents written to {dir}, 2 agencies skipped (no plan)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_prints_its_pdfs_with_one_browser()
    {
        var dir = demo.Out("opm-results-pdf");
        var run = Docs("results", "--group", "opm", "--year", "2565", "--format", "pdf", "--out", dir);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Equal(["opdc-2565-results.pdf", "opm-2565-results-group.pdf", "spm-2565-results.pdf"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var text = await ExternalTools.RunAsync("pdftotext", ["-layout", Path.Combine(dir, "spm-2565-results.pdf"), "-"], TimeSpan.FromSeconds(60));
        Assert.Contains("89.21", text, StringComparison.Ordinal);
        Assert.Contains("56.51", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_of_one_agency_and_the_group_table_in_xlsx()
    {
        var file = demo.Out("spm-2565-results.xlsx");
        var run = Docs("results", "--agency", "spm", "--year", "2565", "--format", "xlsx", "--out", file);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        using (var workbook = SpreadsheetDocument.Open(file, false))
        {
            var names = workbook.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Contains("สรุป", names);
            Assert.Contains("ข้อคำถาม", names);
        }

        var dir = demo.Out("opm-results");
        run = Docs("results", "--group", "opm", "--year", "2566", "--format", "xlsx", "--out", dir);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains($"1 document written to {dir}, 3 agencies skipped (no result)", run.Out, StringComparison.Ordinal);
        var group = Path.Combine(dir, "opm-2566-results-group.xlsx");
        using var table = SpreadsheetDocument.Open(group, false);
        var part = table.WorkbookPart!;
        var sheet = part.Workbook.Descendants<Sheet>().Single();
        var rows = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Skip(1).Select(r => r.InnerText).ToList();
        // Every result of the group's agencies up to FY2566: spm 2565, tceb 2563 and 2564, opdc 2565 and 2566.
        Assert.Equal(5, rows.Count);
        Assert.Contains(rows, r => r.Contains("spm2565", StringComparison.Ordinal));
    }

    [Fact]
    public void A_group_out_that_is_a_file_is_exit_code_2()
    {
        var file = demo.Out("a-file.txt");
        File.WriteAllText(file, "x");
        var run = Docs("analysis", "--group", "opm", "--year", "2565", "--format", "xlsx", "--out", file);
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains("is a file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_group_is_exit_code_2()
    {
        var run = Docs("analysis", "--group", "nobody", "--year", "2565", "--format", "xlsx", "--out", demo.Out("nobody"));
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains("--group: there is no agency 'nobody'", run.Error, StringComparison.Ordinal);
    }

    private static string DocxText(string file)
    {
        using var document = WordprocessingDocument.Open(file, false);
        var body = document.MainDocumentPart!.Document.Body!;
        return string.Join("\n", body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

}
