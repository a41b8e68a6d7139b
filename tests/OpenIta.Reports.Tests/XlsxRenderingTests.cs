using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenIta.Reports.Rendering;

namespace OpenIta.Reports.Tests;

public class XlsxRenderingTests
{
    [Fact]
    public void Xlsx_has_a_thai_sheet_per_table_with_numbers_as_numbers()
    {
        var bytes = new XlsxRenderer().Render(SampleDocument.Build());
        File.WriteAllBytes(Path.Combine(ExternalTools.OutputDirectory("xlsx"), "sample.xlsx"), bytes);
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var workbook = xlsx.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("มาตรการ ปี 2569", sheet.Name!.Value);

        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet;
        var cells = worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal("ประเด็นที่ต้องพัฒนา", cells["B1"].InnerText);
        Assert.Equal("ปีงบประมาณ พ.ศ. 2569", cells["F1"].InnerText);
        Assert.Equal("ไตรมาส 1\nต.ค.–ธ.ค.", cells["F2"].InnerText);
        Assert.Equal("การเปิดเผยข้อมูลการใช้จ่ายงบประมาณ (O11)", cells["B3"].InnerText);
        Assert.Equal(CellValues.Number, cells["C3"].DataType!.Value);
        Assert.Equal("87.45", cells["C3"].CellValue!.Text);
        Assert.Equal("82", cells["C5"].CellValue!.Text);

        var merges = worksheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ToList();
        Assert.Contains("F1:I1", merges);
        Assert.Contains("A1:A2", merges);
        Assert.Equal(9, worksheet.Descendants<Column>().Count());

        var bold = workbook.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ElementAt(
            (int)workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cells["B1"].StyleIndex!.Value).FontId!.Value);
        Assert.NotNull(bold.GetFirstChild<Bold>());
    }

    [Theory]
    [InlineData("ผลการประเมิน", "ผลการประเมิน")]
    [InlineData("ก/ข:ค", "ก ข ค")]
    [InlineData("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน", "ผลการประเมินคุณธรรมและความโปร่ง")] // 31 UTF-16 units
    public void Sheet_names_follow_excel_rules(string wanted, string name) =>
        Assert.Equal(name, XlsxRenderer.UniqueName(wanted, []));

    [Fact]
    public void Sheet_names_are_unique()
    {
        var taken = new HashSet<string>();
        Assert.Equal("ตาราง", XlsxRenderer.UniqueName("ตาราง", taken));
        Assert.Equal("ตาราง (2)", XlsxRenderer.UniqueName("ตาราง", taken));
    }

    [Theory]
    [InlineData(0, 1, "A1")]
    [InlineData(25, 2, "Z2")]
    [InlineData(26, 3, "AA3")]
    [InlineData(701, 1, "ZZ1")]
    public void Cell_references(int column, int row, string reference) =>
        Assert.Equal(reference, XlsxRenderer.Reference(column, row));
}
