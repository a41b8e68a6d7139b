using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenIta.Reports;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary>One demo database (made by <c>openita demo</c>) shared by the document tests.</summary>
public sealed class DemoDatabase
{
    public DemoDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("openita-cli-docs-").FullName;
        File = Path.Combine(Folder, "demo.db");
        var run = CliRunner.Run("demo", "--db", File);
        if (run.ExitCode != CliApp.Ok)
        {
            throw new InvalidOperationException("openita demo failed: " + run.Error);
        }
    }

    public string Folder { get; }
    public string File { get; }

    public string Out(string name) => Path.Combine(Folder, name);
}

/// <summary><c>openita docs analysis</c>: the analysis of seed 000's agency (spm, FY2565) as PDF, DOCX and XLSX.</summary>
public sealed class DocsCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    // Seed 000: total 89.21, IIT 77.68, EIT 86.34, lowest indicator 4 at 74.27.
    private static readonly string[] SeedFigures = ["89.21", "77.68", "86.34", "74.27"];

    private CliResult Analysis(string format, string output, params string[] more) =>
        CliRunner.Run([
            "docs", "analysis", "--db", demo.File, "--agency", "spm", "--year", "2565", "--format", format, "--out", output, .. more,
        ]);

    [Fact]
    public async Task The_pdf_carries_the_seed_figures_and_the_title()
    {
        var file = demo.Out("spm-2565.pdf");
        var run = Analysis("pdf", file);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains(file, run.Out, StringComparison.Ordinal);

        var text = await ExternalTools.RunAsync("pdftotext", ["-layout", file, "-"], TimeSpan.FromSeconds(60));
        foreach (var figure in SeedFigures)
        {
            Assert.Contains(figure, text, StringComparison.Ordinal);
        }
        Assert.Contains("คะแนนต่ำ", text, StringComparison.Ordinal);
        // The title wraps over lines; compare without the layout's white space.
        Assert.Contains(ExternalTools.Squeeze(AnalysisDocument.Title(new Core.Methodology.FiscalYear(2565))), ExternalTools.Squeeze(text), StringComparison.Ordinal);

        var png = Path.Combine(demo.Folder, "spm-2565");
        await ExternalTools.RunAsync("pdftoppm", ["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", file, png], TimeSpan.FromSeconds(60));
        Assert.True(new FileInfo(png + ".png").Length > 10_000);
    }

    [Fact]
    public async Task A_database_of_an_older_schema_is_refused_with_what_to_do_and_left_as_it_was()
    {
        var file = demo.Out("schema-3.db");
        await using (var db = Data.DatabaseEngines.Create(Data.DatabaseEngine.Sqlite, $"Data Source={file};Pooling=False"))
        {
            await Data.Migrations.LegacySchema.BuildAsync(db, 3);
        }
        var before = await File.ReadAllBytesAsync(file);
        var run = CliRunner.Run("docs", "analysis", "--db", file, "--agency", "spm", "--year", "2565", "--format", "xlsx", "--out", demo.Out("x.xlsx"));
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains("has an older schema (0 of this openita's", run.Error, StringComparison.Ordinal);
        Assert.Contains("start the web application on it once", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public void The_docx_carries_the_seed_figures()
    {
        var file = demo.Out("spm-2565.docx");
        var run = Analysis("docx", file);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);

        var text = DocxText(file);
        foreach (var figure in SeedFigures)
        {
            Assert.Contains(figure, text, StringComparison.Ordinal);
        }
        Assert.Contains("การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", text, StringComparison.Ordinal);
        Assert.Contains("สำนักเลขาธิการนายกรัฐมนตรี", text, StringComparison.Ordinal);
        Assert.Contains("คะแนนต่ำสุด", text, StringComparison.Ordinal);
        Assert.Contains("I7", text, StringComparison.Ordinal); // the lowest question (56.51) is urgent
        Assert.Contains("56.51", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Thai_digits_write_the_total_as_thai_and_keep_the_codes()
    {
        var file = demo.Out("spm-2565-thai.docx");
        var run = Analysis("docx", file, "--thai-digits");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);

        var text = DocxText(file);
        Assert.Contains("๘๙.๒๑", text, StringComparison.Ordinal);
        Assert.Contains("๗๔.๒๗", text, StringComparison.Ordinal);
        Assert.DoesNotContain("89.21", text, StringComparison.Ordinal);
        Assert.Contains("I7", text, StringComparison.Ordinal);
        Assert.Contains("พ.ศ. ๒๕๖๕", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_xlsx_holds_the_figures_as_numbers()
    {
        var file = demo.Out("spm-2565.xlsx");
        var run = Analysis("xlsx", file, "--target", "95");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);

        using var workbook = SpreadsheetDocument.Open(file, false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook.Descendants<Sheet>().ToList();
        Assert.Contains(sheets, s => s.Name == "สรุป");
        Assert.Contains(sheets, s => s.Name == "ลำดับ");
        Assert.Contains(sheets, s => s.Name == "เร่งด่วน");

        var summary = (WorksheetPart)part.GetPartById(sheets.Single(s => s.Name == "สรุป").Id!);
        var numbers = summary.Worksheet.Descendants<Cell>()
            .Where(c => (c.DataType is null || c.DataType.Value == CellValues.Number) && c.CellValue is not null)
            .Select(c => Math.Round(decimal.Parse(c.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero))
            .ToList();
        Assert.Contains(89.21m, numbers);
        Assert.Contains(77.68m, numbers);
        Assert.Contains(86.34m, numbers);

        var ranking = (WorksheetPart)part.GetPartById(sheets.Single(s => s.Name == "ลำดับ").Id!);
        var lastRow = ranking.Worksheet.Descendants<Row>().Last();
        Assert.Contains(lastRow.Descendants<Cell>(), c => c.CellValue?.Text is { } v
            && Math.Round(decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture), 2) == 74.27m);
        Assert.Contains("คะแนนต่ำสุด", lastRow.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_with_an_earlier_year_gets_a_year_over_year_table()
    {
        var file = demo.Out("opdc-2566.docx");
        var run = CliRunner.Run("docs", "analysis", "--db", demo.File, "--agency", "opdc", "--year", "2566", "--format", "docx", "--out", file);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains("เปรียบเทียบกับปีงบประมาณ พ.ศ. 2565", DocxText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_is_dated_by_Thailand_s_clock_even_when_UTC_is_still_yesterday()
    {
        // Issue 8: at 01:30 in Bangkok (18:30 UTC the day before) a document carried yesterday's date.
        var file = demo.Out("spm-2565-dated.docx");
        using var input = new StringReader("");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(
            ["docs", "analysis", "--db", demo.File, "--agency", "spm", "--year", "2565", "--format", "docx", "--out", file],
            input, output, error, new FixedClock(FixedClock.BangkokAfterMidnight));
        Assert.True(code == CliApp.Ok, error.ToString());

        var text = DocxText(file);
        Assert.Contains("3 ธันวาคม 2569", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2 ธันวาคม 2569", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--agency", "nobody", "no agency 'nobody'")]
    [InlineData("--year", "2570", "no result for 2570")]
    [InlineData("--format", "odt", "'odt' is not one of docx, pdf, xlsx")]
    [InlineData("--target", "120", "not a score from 0 to 100")]
    public void A_mistake_is_exit_code_2_with_one_clear_line(string option, string value, string message)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--db"] = demo.File, ["--agency"] = "spm", ["--year"] = "2565", ["--format"] = "docx", ["--out"] = demo.Out("never.docx"),
            [option] = value,
        };
        var run = CliRunner.Run(["docs", "analysis", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(demo.Out("never.docx")));
    }

    [Fact]
    public void A_missing_database_is_exit_code_2()
    {
        var missing = demo.Out("missing.db");
        var run = CliRunner.Run("docs", "analysis", "--db", missing, "--agency", "spm", "--year", "2565", "--format", "pdf", "--out", demo.Out("x.pdf"));

        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    private static string DocxText(string file)
    {
        using var document = WordprocessingDocument.Open(file, false);
        var body = document.MainDocumentPart!.Document.Body!;
        return string.Join("\n", body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

}
