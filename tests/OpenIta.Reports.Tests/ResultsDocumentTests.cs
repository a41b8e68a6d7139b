using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Reports.Rendering;
using OpenIta.Testing;
using Table = OpenIta.Reports.Documents.Table;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace OpenIta.Reports.Tests;

/// <summary>The export of results: one agency's result and a group's table, as sheets.</summary>
public class ResultsDocumentTests
{
    private static (ScoreInput Input, ScoreCard Card, Framework Framework) Spm()
    {
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds", "spm-2565.json"));
        var input = ScoreInputReader.Read(json, FrameworkCatalog.BuiltIn.Find).Input;
        var framework = FrameworkCatalog.BuiltIn.Get(input.Year);
        return (input, ScoringEngine.Score(framework, input), framework);
    }

    [Fact]
    public void One_agency_has_a_sheet_per_level_with_scores_as_numbers()
    {
        var (input, card, framework) = Spm();
        var document = ResultsDocument.Build(card, framework, new AnalysisAgency("สำนักเลขาธิการนายกรัฐมนตรี"), new ResultsDocumentOptions(), input.OitItems);
        Assert.Equal(ResultsDocument.Title(new FiscalYear(2565)), document.Options.Title);

        var bytes = new XlsxRenderer().Render(document);
        File.WriteAllBytes(Path.Combine(ExternalTools.OutputDirectory("xlsx"), "results-spm-2565.xlsx"), bytes);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = xlsx.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!);
        Assert.Contains("สรุป", sheets.Keys);
        Assert.Contains("ตัวชี้วัด", sheets.Keys);
        Assert.Contains("ข้อคำถาม", sheets.Keys);

        decimal[] Numbers(string sheet) => [.. ((WorksheetPart)workbook.GetPartById(sheets[sheet].Id!.Value!)).Worksheet
            .Descendants<XCell>().Where(c => c.DataType?.Value == CellValues.Number)
            .Select(c => Math.Round(decimal.Parse(c.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero))];
        Assert.Contains(89.21m, Numbers("สรุป"));   // seed 000's total
        Assert.Contains(77.68m, Numbers("สรุป"));   // IIT
        Assert.Contains(74.27m, Numbers("ตัวชี้วัด"));
        Assert.Contains(56.51m, Numbers("ข้อคำถาม")); // I7

        var summary = document.Blocks.OfType<Table>().First();
        Assert.Contains(summary.BodyRows, r => r.Cells.Any(c => c.Text == "ระดับผลการประเมิน") && r.Cells.Any(c => c.Text == "A"));
        var questions = document.Blocks.OfType<Table>().Single(t => t.SheetName == "ข้อคำถาม");
        Assert.Contains(questions.BodyRows, r => r.Cells[0].Text == "I7" && r.Cells[1].Text.Length > 10);
    }

    [Fact]
    public void A_group_table_has_a_row_per_agency_and_year_and_a_column_per_instrument()
    {
        var rows = new[]
        {
            new GroupResultRow("สำนักเลขาธิการนายกรัฐมนตรี", "spm", 2565, 89.2133m, "A",
                new Dictionary<Instrument, decimal> { [Instrument.Iit] = 77.68m, [Instrument.Eit] = 86.34m, [Instrument.Oit] = 100m }),
            new GroupResultRow("สำนักงาน ก.พ.ร.", "opdc", 2566, 90.47m, "ผ่าน",
                new Dictionary<Instrument, decimal> { [Instrument.Iit] = 89.67m, [Instrument.Eit1] = 84.54m, [Instrument.Eit2] = 92.59m, [Instrument.Oit] = 92.5m }),
            new GroupResultRow("สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ", "tceb", 2564, null, null, new Dictionary<Instrument, decimal>()),
        };
        var document = ResultsDocument.BuildGroup("สำนักนายกรัฐมนตรี", rows, new ResultsDocumentOptions());
        var table = document.Blocks.OfType<Table>().Single();
        Assert.Equal(["ลำดับ", "หน่วยงาน", "รหัส", "ปีงบประมาณ", "คะแนนรวม", "ระดับ", "IIT", "EIT", "EIT1", "EIT2", "OIT"],
            table.HeaderRows[0].Cells.Select(c => c.Text));
        Assert.Equal(3, table.BodyRows.Count);
        Assert.Equal("89.21", table.BodyRows[0].Cells[4].Text);
        Assert.Equal("–", table.BodyRows[0].Cells[8].Text); // spm FY2565 has no EIT parts
        Assert.Equal("–", table.BodyRows[2].Cells[4].Text);

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(new XlsxRenderer().Render(document)), isEditable: false);
        var sheet = xlsx.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("ผลการประเมิน", sheet.Name!.Value);
        var cells = ((WorksheetPart)xlsx.WorkbookPart.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<XCell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal("2565", cells["D2"].InnerText);                 // a year is text, not 2,565
        Assert.Equal(CellValues.Number, cells["E2"].DataType!.Value);
    }

    [Fact]
    public void The_analysis_quotes_the_naccs_recommendations_when_given()
    {
        var (input, card, framework) = Spm();
        var report = ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, [], input.OitItems);
        var recommendations = new[]
        {
            new NaccRecommendation(4, "หน่วยงานควรระบุขั้นตอนและแนวทางในการขอยืมทรัพย์สินของทางราชการ"),
            new NaccRecommendation(null, "ควรเผยแพร่ผลการดำเนินงานเปรียบเทียบกับปีก่อนหน้า"),
        };
        var with = AnalysisDocument.Build(report, framework, card.Rating, new AnalysisAgency("สลน."), new AnalysisDocumentOptions(), recommendations);
        var without = AnalysisDocument.Build(report, framework, card.Rating, new AnalysisAgency("สลน."), new AnalysisDocumentOptions());
        var text = DocumentDump.Write(with);
        Assert.Contains("ข้อเสนอแนะจากสำนักงาน ป.ป.ช.", text, StringComparison.Ordinal);
        Assert.Contains("## ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ", text, StringComparison.Ordinal);
        Assert.Contains("1. หน่วยงานควรระบุขั้นตอน", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ข้อเสนอแนะจากสำนักงาน ป.ป.ช.", DocumentDump.Write(without), StringComparison.Ordinal);
    }
}
