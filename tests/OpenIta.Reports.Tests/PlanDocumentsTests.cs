using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;
using Table = OpenIta.Reports.Documents.Table;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace OpenIta.Reports.Tests;

/// <summary>
/// The action plan, its progress report and the measures report, built from seed 004 as entered for the demo
/// (src/OpenIta.Data/Demo/Seeds/plan-spm-2568.json, measures-spm-2567.json) and rendered to DOCX, PDF and XLSX: the
/// seed's figures come out as the seed prints them.
/// </summary>
public sealed class PlanDocumentsTests : IAsyncDisposable
{
    private static readonly AnalysisAgency Spm = new("สำนักเลขาธิการนายกรัฐมนตรี", ["ศูนย์ปฏิบัติการต่อต้านการทุจริต"]);
    private static readonly FiscalYear Fy2568 = new(2568);

    private PdfRenderer? _pdf;

    public async ValueTask DisposeAsync()
    {
        if (_pdf is not null)
        {
            await _pdf.DisposeAsync();
        }
    }

    private static string Seeds => Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds");

    private static MeasurePlan Measures() => MeasurePlanJson.Read(File.ReadAllText(Path.Combine(Seeds, "measures-spm-2567.json")));

    private static PlanImport Seed004() =>
        PlanJson.Read(File.ReadAllText(Path.Combine(Seeds, "plan-spm-2568.json")), y => y == Fy2568 ? Measures() : null);

    private static ReportDocument Progress(DigitStyle digits = DigitStyle.Arabic)
    {
        var import = Seed004();
        return ProgressReportDocument.Build(import.Plan, import.Reports.Single(), Spm, new ProgressReportOptions(digits));
    }

    private static ReportDocument MeasuresReport(DigitStyle digits = DigitStyle.Arabic) =>
        MeasuresReportDocument.Build(Measures(), Seed004().MeasureReports.Single(), Spm, new ProgressReportOptions(digits));

    private static List<List<string>> Rows(ReportDocument document) =>
        [.. document.Blocks.OfType<Table>().Where(t => t.ColumnCount == 5).SelectMany(t => t.BodyRows).Select(r => r.Cells.Select(c => c.Text).ToList())];

    [Fact]
    public void Progress_report_content() =>
        OpenIta.Testing.Approvals.Verify(DocumentDump.Write(Progress()), "plan-progress-report-spm-2568");

    [Fact]
    public void Measures_report_content() =>
        OpenIta.Testing.Approvals.Verify(DocumentDump.Write(MeasuresReport()), "plan-measures-report-spm-2568");

    [Fact]
    public void Progress_report_has_seed_004s_sections_rows_results_and_budgets()
    {
        var document = Progress();

        Assert.StartsWith("รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันปราบปรามการทุจริต", document.Options.Title, StringComparison.Ordinal);
        Assert.Equal("รอบ 12 เดือน (1 ตุลาคม 2567 – 30 กันยายน 2568)", document.Options.Subtitle);
        Assert.True(document.Options.Landscape);
        var headings = document.Blocks.OfType<Heading>().Select(h => h.Text).ToList();
        Assert.Contains("ยุทธศาสตร์ที่ 1 : ขับเคลื่อนการป้องกันปราบปรามการทุจริตและประพฤติมิชอบ", headings);
        Assert.Contains(headings, h => h.StartsWith("กลยุทธ์ที่ 3 : พัฒนาระบบและกลไก", StringComparison.Ordinal));
        var paragraphs = document.Blocks.OfType<Paragraph>().Select(p => string.Concat(p.Runs.Select(r => r.Text))).ToList();
        Assert.Contains("แผนปฏิบัติการ ประกอบด้วย 5 โครงการ ดังนี้", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains("คะแนนไม่น้อยกว่าร้อยละ ๙๓ — ผล: รอผลการประเมิน ITA", StringComparison.Ordinal));

        var rows = Rows(document);
        var noGift = rows.Single(r => r[0].StartsWith("1. โครงการเสริมสร้างกลไกการป้องกันการทุจริตด้วยการงดรับของขวัญ", StringComparison.Ordinal));
        Assert.Contains("ผล : ร้อยละ 98.79 (บรรลุเป้าหมาย)", noGift[2], StringComparison.Ordinal);
        Assert.Equal("ไม่ใช้งบประมาณ", noGift[4]);
        Assert.Contains(rows, r => r[4] == "27,325");
        Assert.Contains(rows, r => r[4] == "17,270");
        Assert.Contains(rows, r => r[4] == "2,670 (งบ กทบ.)");
        Assert.Contains(rows, r => r[4] == "4,080 (งบค่ารับรองและพิธีการ)");
        Assert.Contains(rows, r => r[4] == "งบประมาณของ กพบ.");
        Assert.Equal(14, rows.Count(r => r[4] == "ไม่ใช้งบประมาณ"));
        Assert.Contains(rows, r => r[4] == "ไม่ได้รับการจัดสรรงบประมาณ");
        Assert.Contains(rows, r => r[0] == "กิจกรรมย่อยที่ ๓ สร้างการมีส่วนร่วมในการปรับปรุงพัฒนางาน ของพนักงานจ้างเหมาบริการของ สลน.");
        Assert.Contains(paragraphs, p => p.StartsWith("หมายเหตุ งบประมาณดำเนินงานโครงการฯ", StringComparison.Ordinal));
        Assert.Equal("ตัวชี้วัดทั้งหมด 29 ตัว บรรลุเป้าหมาย 21 ตัว ไม่บรรลุเป้าหมาย 0 ตัว ยังไม่มีข้อมูล 8 ตัว", paragraphs.Single(p => p.StartsWith("ตัวชี้วัดทั้งหมด", StringComparison.Ordinal)));
        // The budget at the end: strategy 1 29,995; strategy 2 36,415; the year 66,410, all spent.
        var budget = document.Blocks.OfType<Table>().Last();
        Assert.Equal("งบประมาณ", budget.SheetName);
        Assert.Equal(["รวมทั้งสิ้น", "66,410", "66,410", "100.00"], budget.BodyRows[^1].Cells.Select(c => c.Text));
        Assert.Contains(budget.BodyRows, r => r.Cells[1].Text == "29,995");
        Assert.Contains("ในจำนวนนี้เป็นงบประมาณของหน่วยงานอื่น 2,670 บาท", paragraphs);
    }

    [Fact]
    public void The_ita_kpi_shows_the_result_from_the_agencys_total()
    {
        var import = Seed004();
        var document = ProgressReportDocument.Build(import.Plan, import.Reports.Single(), Spm, new ProgressReportOptions(ItaTotal: 96.54m));

        Assert.Contains(document.Blocks.OfType<Paragraph>(), p => string.Concat(p.Runs.Select(r => r.Text))
            .EndsWith("ผล: 96.54 คะแนน (บรรลุเป้าหมาย)", StringComparison.Ordinal));
    }

    [Fact]
    public void Measures_report_has_each_measure_its_steps_kpi_result_and_outcome()
    {
        var document = MeasuresReport();

        var rows = Rows(document);
        Assert.Equal(8, rows.Count);
        Assert.Equal("มาตรการที่ 1 พัฒนาประสิทธิภาพการให้บริการของ สลน.", rows[0][0]);
        Assert.StartsWith("1) จัดทำแบบสำรวจข้อคิดเห็น", rows[1][1], StringComparison.Ordinal);
        Assert.Contains("ผล : ร้อยละ 88.60 (บรรลุเป้าหมาย)", rows[1][2], StringComparison.Ordinal);
        Assert.Contains("ผล : 6 ระบบ (บรรลุเป้าหมาย)", rows[2][2], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal("ดำเนินการตามตัวชี้วัดสำเร็จร้อยละ ๑๐๐", r[4]));
        Assert.StartsWith("รายงานผลการดำเนินการตามมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในสำนักเลขาธิการนายกรัฐมนตรี ประจำปีงบประมาณ พ.ศ. 2568",
            document.Options.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_four_year_plan_has_a_budget_column_per_year_and_its_totals()
    {
        var import = PlanJson.Read(LocalPlan);
        var document = ActionPlanDocument.Build(import.Plan, new AnalysisAgency("องค์การบริหารส่วนตำบลแม่นาทม"), new ActionPlanDocumentOptions());

        Assert.Contains(document.Blocks.OfType<Heading>(), h => h.Text == "มิติที่ 1 : การสร้างสังคมที่ไม่ทนต่อการทุจริต");
        Assert.Contains(document.Blocks.OfType<Heading>(), h => h.Text.StartsWith("แผนงานที่ 1.1 : ", StringComparison.Ordinal));
        var table = document.Blocks.OfType<Table>().First();
        Assert.Equal(["โครงการ/กิจกรรม", "วัตถุประสงค์", "ตัวชี้วัด/เป้าหมาย", "งบประมาณ (บาท)", "ผู้รับผิดชอบ"], table.HeaderRows[0].Cells.Select(c => c.Text));
        Assert.Equal(["พ.ศ. 2566", "พ.ศ. 2567", "พ.ศ. 2568", "พ.ศ. 2569"], table.HeaderRows[1].Cells.Select(c => c.Text));
        Assert.Equal(8, table.ColumnCount);
        Assert.Equal(["20,000", "20,000", "25,000", "25,000"], table.BodyRows[0].Cells.Skip(3).Take(4).Select(c => c.Text));
        Assert.EndsWith("เป้าหมาย : ไม่น้อยกว่าร้อยละ 80", table.BodyRows[0].Cells[2].Text, StringComparison.Ordinal);
        var totals = document.Blocks.OfType<Table>().Last();
        Assert.Equal(["รวม", "90,000", "0"], totals.BodyRows[^1].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Seed_004_plan_document_lists_the_budget_and_no_results()
    {
        var document = ActionPlanDocument.Build(Seed004().Plan, Spm, new ActionPlanDocumentOptions());

        var rows = Rows(document);
        Assert.Contains(rows, r => r.Contains("27,325"));
        Assert.DoesNotContain(rows, r => r.Any(c => c.Contains("ผล :", StringComparison.Ordinal)));
        Assert.Null(document.Options.Subtitle); // the title names the year
    }

    [Fact]
    public async Task Chromium_pdf_of_the_progress_report_has_seed_004s_figures_in_either_digits()
    {
        var dir = ExternalTools.OutputDirectory("plans-chromium");
        _pdf ??= new PdfRenderer(ExternalTools.Require("chromium"));
        foreach (var (digits, name) in new[] { (DigitStyle.Arabic, "arabic"), (DigitStyle.Thai, "thai") })
        {
            var document = Progress(digits);
            var pdf = Path.Combine(dir, $"progress-{name}.pdf");
            await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(document));
            var text = ExternalTools.Squeeze(await ExternalTools.PdfRawTextAsync(pdf));

            Assert.Contains(ExternalTools.Squeeze(ThaiDigits.Apply(document.Options.Title, digits)), text, StringComparison.Ordinal);
            Assert.Contains(ThaiDigits.Apply("98.79", digits), text, StringComparison.Ordinal);
            Assert.Contains(ThaiDigits.Apply("27,325", digits), text, StringComparison.Ordinal);
            Assert.Contains(ThaiDigits.Apply("17,270", digits), text, StringComparison.Ordinal);
            Assert.Contains("ไม่ใช้งบประมาณ", text, StringComparison.Ordinal);
            if (digits == DigitStyle.Thai)
            {
                Assert.Contains("๒๗,๓๒๕", text, StringComparison.Ordinal);
                Assert.DoesNotContain("27,325", text, StringComparison.Ordinal);
            }
            await ExternalTools.RunAsync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "3", pdf, Path.Combine(dir, $"progress-{name}")], TimeSpan.FromSeconds(60));
        }

        var measures = Path.Combine(dir, "measures-report.pdf");
        await File.WriteAllBytesAsync(measures, await _pdf.RenderAsync(MeasuresReport(DigitStyle.Thai)));
        var measuresText = ExternalTools.Squeeze(await ExternalTools.PdfRawTextAsync(measures));
        Assert.Contains("๘๘.๖๐", measuresText, StringComparison.Ordinal);
        Assert.Contains(ExternalTools.Squeeze("มาตรการที่ ๘ เสริมสร้างการรับรู้"), measuresText, StringComparison.Ordinal);
        await ExternalTools.RunAsync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", measures, Path.Combine(dir, "measures-report")], TimeSpan.FromSeconds(60));

        var plan = Path.Combine(dir, "four-year-plan.pdf");
        await File.WriteAllBytesAsync(plan, await _pdf.RenderAsync(ActionPlanDocument.Build(PlanJson.Read(LocalPlan).Plan,
            new AnalysisAgency("องค์การบริหารส่วนตำบลแม่นาทม"), new ActionPlanDocumentOptions(DigitStyle.Thai))));
        var planText = ExternalTools.Squeeze(await ExternalTools.PdfRawTextAsync(plan));
        Assert.Contains(ExternalTools.Squeeze("พ.ศ. ๒๕๖๙"), planText, StringComparison.Ordinal);
        Assert.Contains("๙๐,๐๐๐", planText, StringComparison.Ordinal);
        await ExternalTools.RunAsync("pdftoppm", ["-r", "60", "-png", "-f", "1", "-l", "1", plan, Path.Combine(dir, "four-year-plan")], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Docx_of_the_progress_report_holds_the_figures()
    {
        var bytes = new DocxRenderer().Render(Progress(DigitStyle.Thai));
        File.WriteAllBytes(Path.Combine(ExternalTools.OutputDirectory("plans-docx"), "progress-thai.docx"), bytes);
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        var text = docx.MainDocumentPart!.Document.Body!.InnerText;

        Assert.Contains("ร้อยละ ๙๘.๗๙ (บรรลุเป้าหมาย)", text, StringComparison.Ordinal);
        Assert.Contains("๒๗,๓๒๕", text, StringComparison.Ordinal);
        Assert.Contains("๑๗,๒๗๐", text, StringComparison.Ordinal);
        Assert.Contains("ไม่ได้รับการจัดสรรงบประมาณ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_of_the_progress_report_keeps_amounts_as_numbers()
    {
        var bytes = new XlsxRenderer().Render(Progress());
        File.WriteAllBytes(Path.Combine(ExternalTools.OutputDirectory("xlsx"), "progress.xlsx"), bytes);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = xlsx.WorkbookPart!;
        var names = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Contains("ข้อ 1.2", names);
        Assert.Contains("งบประมาณ", names);

        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "ข้อ 1.2");
        var cells = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<XCell>().ToList();
        Assert.Contains(cells, c => c.DataType?.Value == CellValues.Number && c.CellValue?.Text == "27325");
    }

    private const string LocalPlan = """
        {"title": "แผนปฏิบัติการป้องกันการทุจริต 4 ปี องค์การบริหารส่วนตำบลแม่นาทม", "fiscalYears": [2566, 2567, 2568, 2569],
         "levels": ["มิติ", "แผนงาน", "โครงการ"],
         "items": [{"number": "1", "title": "การสร้างสังคมที่ไม่ทนต่อการทุจริต", "items": [
           {"number": "1.1", "title": "การสร้างจิตสำนึกและความตระหนักแก่บุคลากร", "items": [
             {"number": "1.1.1", "title": "โครงการอบรมคุณธรรมจริยธรรม", "owners": ["สำนักปลัด"],
              "kpis": [{"id": "k1", "name": "ร้อยละของผู้เข้าอบรมที่ผ่านการทดสอบ", "kind": "percent", "target": {"atLeast": 80}}],
              "budgets": [{"fiscalYear": 2566, "planned": 20000, "source": "own"}, {"fiscalYear": 2567, "planned": 20000, "source": "own"},
                          {"fiscalYear": 2568, "planned": 25000, "source": "own"}, {"fiscalYear": 2569, "planned": 25000, "source": "own"}]},
             {"number": "1.1.2", "title": "มาตรการประกาศเจตจำนงต่อต้านการทุจริต",
              "kpis": [{"id": "k2", "name": "มีการประกาศเจตจำนง", "kind": "yesno", "target": {"done": true}}],
              "budgets": [{"fiscalYear": 2566, "source": "none"}, {"fiscalYear": 2569, "source": "none"}]}]}]}],
         "reports": []}
        """;
}
