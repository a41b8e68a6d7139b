using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Table = OpenIta.Reports.Documents.Table;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;

namespace OpenIta.Reports.Tests;

/// <summary>Document (b): the measures, per item (seeds 000, 001) and per theme (seeds 002, 003).</summary>
public sealed class MeasuresDocumentTests : IAsyncDisposable
{
    private static readonly AnalysisAgency Spm = new("สำนักเลขาธิการนายกรัฐมนตรี", ["Secretariat of the Prime Minister"]);
    private static readonly AnalysisAgency Tambon = new("องค์การบริหารส่วนตำบลแม่นาทม");

    private PdfRenderer? _pdf;

    public async ValueTask DisposeAsync()
    {
        if (_pdf is not null)
        {
            await _pdf.DisposeAsync();
        }
    }

    private static ReportDocument ByItem(PlanStatus status = PlanStatus.Published) => MeasuresDocument.Build(
        SamplePlans.ByItem(), SamplePlans.Spm2565(), SamplePlans.Framework(2565), Spm,
        new MeasuresDocumentOptions(Status: status, Approval: status is PlanStatus.Approved or PlanStatus.Published ? SamplePlans.Approval : null));

    private static ReportDocument ByTheme() => MeasuresDocument.Build(
        SamplePlans.ByTheme(), SamplePlans.Tambon2567(), SamplePlans.Framework(2567), Tambon,
        new MeasuresDocumentOptions(Status: PlanStatus.Submitted));

    [Fact]
    public void By_item_content() =>
        OpenIta.Testing.Approvals.Verify(DocumentDump.Write(ByItem()), "measures-by-item");

    [Fact]
    public void By_theme_content() =>
        OpenIta.Testing.Approvals.Verify(DocumentDump.Write(ByTheme()), "measures-by-theme");

    [Fact]
    public void By_item_refers_to_a_measure_already_shown_and_marks_its_quarters()
    {
        var document = ByItem();
        Assert.Equal(MeasuresDocument.Title(new FiscalYear(2566)), document.Options.Title);
        Assert.True(document.Options.Landscape);
        var table = document.Blocks.OfType<Table>().Single();
        Assert.Equal(12, table.ColumnCount);
        var rows = table.BodyRows.Select(r => r.Cells.Select(c => c.Text).ToList()).ToList();

        // I1 (framework order first) has measures 1 and 2; I7 shows measure 2 again as a reference, as does I12.
        Assert.Contains(rows, r => r.Contains("2. " + SamplePlans.BudgetMeasure));
        Assert.Equal(1, rows.Count(r => r.Contains("2. " + SamplePlans.BudgetMeasure)));
        Assert.Equal(2, rows.Count(r => r.Contains(MeasuresDocument.ApplyMeasure(2))));
        Assert.Contains(rows, r => r.Any(c => c.StartsWith("ตัวชี้วัดที่ 2 การใช้งบประมาณ", StringComparison.Ordinal)));
        Assert.Contains(rows, r => r.Contains("มาตรการเพิ่มเติม"));

        // Measure 1: quarters 1–2; measure 3: 2–4; measure 4: the whole year.
        Assert.Equal(2 + 3 + 4, table.BodyRows.Sum(r => r.Cells.Count(c => c.Marked)));
        // Measure 2 runs by dates: written across the four quarter columns.
        Assert.Contains(table.BodyRows.SelectMany(r => r.Cells),
            c => c.ColumnSpan == 4 && c.Text == "1 ตุลาคม 2565 – 30 กันยายน 2566");
        // Scores from the analysis: I7 is 56.51.
        Assert.Contains(table.BodyRows, r => r.Cells[0].Text.StartsWith("I7 ", StringComparison.Ordinal) && r.Cells[1].Text == "56.51\nเร่งด่วน");

        var signature = document.Blocks.OfType<SignatureBlock>().Single();
        Assert.Equal(SamplePlans.MemoNumber, signature.MemoNumber);
        Assert.Equal(new DateOnly(2022, 11, 30), signature.Date);
        Assert.DoesNotContain(document.Blocks.OfType<Paragraph>(), p => p.Runs.Any(r => r.Text == MeasuresDocument.DraftMark));
        var html = new HtmlRenderer().Render(document);
        Assert.Contains("วันที่ 30 พฤศจิกายน 2565", html, StringComparison.Ordinal); // Thai BE form
        Assert.Contains("เลขที่บันทึก ศปท. 0706/2565", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4 landscape; }", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_not_approved_is_marked_as_a_draft_and_not_signed()
    {
        foreach (var document in new[] { ByItem(PlanStatus.Draft), ByTheme() })
        {
            Assert.Empty(document.Blocks.OfType<SignatureBlock>());
            Assert.Contains(document.Blocks.OfType<Paragraph>(), p => p.Runs.Any(r => r.Text == MeasuresDocument.DraftMark));
        }
        // Approved without the approval's details is not signed either.
        var unsigned = MeasuresDocument.Build(SamplePlans.ByItem(), null, SamplePlans.Framework(2565), Spm,
            new MeasuresDocumentOptions(Status: PlanStatus.Approved));
        Assert.Empty(unsigned.Blocks.OfType<SignatureBlock>());
    }

    [Fact]
    public void Without_an_analysis_the_items_keep_their_texts_and_have_no_score()
    {
        var document = MeasuresDocument.Build(SamplePlans.ByItem(), null, SamplePlans.Framework(2565), Spm, new MeasuresDocumentOptions());
        var table = document.Blocks.OfType<Table>().Single();
        // Measure 3 does not word the weakness: the question's text is the weakness, the code stands alone (seed 000).
        var i20 = table.BodyRows.Single(r => r.Cells[0].Text == "I20");
        Assert.Contains("ยืมทรัพย์สินของราชการ", i20.Cells[2].Text, StringComparison.Ordinal);
        Assert.Equal("–", i20.Cells[1].Text);
    }

    [Fact]
    public void The_framework_must_be_of_the_results_year() =>
        Assert.Throws<ArgumentException>(() => MeasuresDocument.Build(
            SamplePlans.ByItem(), null, SamplePlans.Framework(2566), Spm, new MeasuresDocumentOptions()));

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, "ไตรมาส 1–4")]
    [InlineData(new[] { 1, 3 }, "ไตรมาส 1, 3")]
    [InlineData(new[] { 2, 3, 4 }, "ไตรมาส 2–4")]
    [InlineData(new int[0], "–")]
    public void Periods_by_quarter(int[] quarters, string period) =>
        Assert.Equal(period, MeasuresDocument.Period(new Timeline(quarters)));

    [Fact]
    public void Periods_by_dates_in_full_be_form() =>
        Assert.Equal("1 ตุลาคม 2566 – 31 มีนาคม 2567",
            MeasuresDocument.Period(new Timeline([], new DateOnly(2023, 10, 1), new DateOnly(2024, 3, 31))));

    [Fact]
    public void By_theme_shows_items_findings_keep_standard_and_measures()
    {
        var document = ByTheme();
        var headings = document.Blocks.OfType<Heading>().Select(h => h.Text).ToList();
        Assert.Equal(8, headings.Count); // the seven themes of FY2567 and the measures without a theme
        Assert.StartsWith("1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", headings[0], StringComparison.Ordinal);
        var text = DocumentDump.Write(document);
        Assert.Contains("(รักษามาตรฐาน)", text, StringComparison.Ordinal);
        Assert.Contains("| O10 |", text, StringComparison.Ordinal);
        Assert.Contains("| i1 |", text, StringComparison.Ordinal);
        Assert.Contains("83.50", text, StringComparison.Ordinal);
        Assert.Contains("1 ตุลาคม 2566 – 31 มีนาคม 2567", text, StringComparison.Ordinal);
        Assert.Contains("ไตรมาส 1–4", text, StringComparison.Ordinal);
        // Measure 2 answers themes 4 and 5: shown in both.
        Assert.Equal(2, document.Blocks.OfType<Table>().Count(t => t.BodyRows.Any(r => r.Cells[0].Text.StartsWith("2. " + SamplePlans.ManualMeasure, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Docx_opens_and_converts_with_libreoffice()
    {
        var dir = ExternalTools.OutputDirectory("measures-libreoffice");
        var docx = Path.Combine(dir, "measures-by-item.docx");
        await File.WriteAllBytesAsync(docx, new DocxRenderer().Render(ByItem()));
        using (var opened = WordprocessingDocument.Open(docx, isEditable: false))
        {
            Assert.Contains(SamplePlans.BudgetMeasure, opened.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ExternalTools.RunAsync("libreoffice",
                ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx],
                TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
        var text = ExternalTools.Squeeze(await ExternalTools.PdfRawTextAsync(Path.Combine(dir, "measures-by-item.pdf")));
        Assert.Contains(ExternalTools.Squeeze("2. " + SamplePlans.BudgetMeasure), text, StringComparison.Ordinal);
        Assert.Contains("NoGiftPolicy", text, StringComparison.Ordinal);
        Assert.Contains(ExternalTools.Squeeze(SamplePlans.MemoNumber), text, StringComparison.Ordinal);
        Assert.Contains("56.51", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("by-item", "56.51", SamplePlans.BudgetMeasure)]
    [InlineData("by-theme", "83.50", SamplePlans.ManualMeasure)]
    public async Task Chromium_pdf_has_the_title_the_scores_and_the_measures(string layout, string score, string measure)
    {
        var document = layout == "by-item" ? ByItem() : ByTheme();
        var dir = ExternalTools.OutputDirectory("measures-chromium");
        var pdf = Path.Combine(dir, $"measures-{layout}.pdf");
        _pdf ??= new PdfRenderer(ExternalTools.Require("chromium"));
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(document));
        await File.WriteAllTextAsync(Path.ChangeExtension(pdf, ".html"), new HtmlRenderer().Render(document));

        var text = ExternalTools.Squeeze(await ExternalTools.PdfRawTextAsync(pdf));
        Assert.Contains(ExternalTools.Squeeze(document.Options.Title), text, StringComparison.Ordinal);
        Assert.Contains(score, text, StringComparison.Ordinal);
        Assert.Contains(ExternalTools.Squeeze(measure), text, StringComparison.Ordinal);
        // Pages as images, to be looked at (bin/…/rendered/measures-chromium).
        await ExternalTools.RunAsync("pdftoppm", ["-r", "60", "-png", pdf, Path.Combine(dir, $"measures-{layout}")], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Xlsx_has_the_measures_sheet_with_the_quarters_marked()
    {
        var bytes = new XlsxRenderer().Render(ByItem());
        File.WriteAllBytes(Path.Combine(ExternalTools.OutputDirectory("xlsx"), "measures-by-item.xlsx"), bytes);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = xlsx.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "มาตรการ");
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet;
        var cells = worksheet.Descendants<XCell>().ToList();
        var marks = cells.Where(c => c.InnerText == XlsxRenderer.MarkText).ToList();
        Assert.Equal(9, marks.Count);

        // Every mark is filled: its format has a solid fill.
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var fills = workbook.WorkbookStylesPart.Stylesheet.Fills!.Elements<Fill>().ToList();
        Assert.All(marks, m =>
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PatternValues.Solid,
                fills[(int)formats[(int)m.StyleIndex!.Value].FillId!.Value].PatternFill!.PatternType!.Value));
        Assert.Contains(cells, c => c.InnerText == MeasuresDocument.ApplyMeasure(2));
        Assert.Contains(worksheet.Descendants<MergeCell>(), m => m.Reference!.Value!.StartsWith("G1:J1", StringComparison.Ordinal));
    }
}
