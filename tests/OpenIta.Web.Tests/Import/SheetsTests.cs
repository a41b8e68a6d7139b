using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using OpenIta.Web.Features.Import;
using Xunit;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace OpenIta.Web.Tests.Import;

/// <summary>Reading CSV and XLSX into rows with the numbers a spreadsheet shows: encodings, quoting, numbers.</summary>
public sealed class SheetsTests
{
    private const string ThaiCsv = "agency,agency_name,fiscal_year\r\nspm,สำนักเลขาธิการนายกรัฐมนตรี,2565\r\n";

    [Fact]
    public void Csv_in_utf8_with_or_without_a_byte_order_mark_reads_the_same()
    {
        var plain = Encoding.UTF8.GetBytes(ThaiCsv);
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(plain).ToArray();
        foreach (var bytes in new[] { plain, withBom })
        {
            var table = Sheets.Read(bytes, "agency");
            Assert.Equal(["agency", "agency_name", "fiscal_year"], table.Header);
            var row = Assert.Single(table.Rows);
            Assert.Equal((2, "สำนักเลขาธิการนายกรัฐมนตรี"), (row.Number, row.Cell(1)));
        }
    }

    [Fact]
    public void Csv_in_the_thai_windows_874_encoding_is_recognised()
    {
        var tis620 = CodePagesEncodingProvider.Instance.GetEncoding(874)!.GetBytes(ThaiCsv);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(tis620));
        var row = Assert.Single(Sheets.Read(tis620, "agency").Rows);
        Assert.Equal("สำนักเลขาธิการนายกรัฐมนตรี", row.Cell(1));
    }

    [Fact]
    public void Csv_in_utf16_with_tabs_as_excel_saves_unicode_text_is_read()
    {
        var utf16 = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(ThaiCsv.Replace(',', '\t'))).ToArray();
        var table = Sheets.Read(utf16, "agency");
        Assert.Equal("สำนักเลขาธิการนายกรัฐมนตรี", Assert.Single(table.Rows).Cell(1));
    }

    [Fact]
    public void Csv_in_another_encoding_is_refused_with_save_as_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes("agency,name\r\nx,Grüße\r\n");
        var error = Assert.Throws<SheetException>(() => Sheets.Read(latin1, "agency")).Error;
        Assert.Contains("CSV UTF-8", error.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_numbers_are_those_a_spreadsheet_shows_with_blank_lines_and_cells_spanning_lines()
    {
        var table = Sheets.ReadCsv("\r\nagency,note\r\nspm,\"two\r\nlines\"\r\n\r\nopdc,\"ก.พ.ร. \"\"สำนักงาน\"\"\"\r\ntceb,สำนักงาน \"สสปน.\"\r\n");
        Assert.Equal(2, table.HeaderRow);
        Assert.Equal([3, 4, 5, 6], table.Rows.Select(r => r.Number));
        Assert.Equal("two\r\nlines", table.Rows[0].Cell(1));
        Assert.True(table.Rows[1].IsBlank);
        Assert.Equal("ก.พ.ร. \"สำนักงาน\"", table.Rows[2].Cell(1));
        Assert.Equal("สำนักงาน \"สสปน.\"", table.Rows[3].Cell(1)); // a stray quote is kept as text
    }

    [Fact]
    public void Csv_whose_quotes_do_not_pair_up_is_refused_at_its_row()
    {
        var error = Assert.Throws<SheetException>(() => Sheets.ReadCsv("agency,note\r\nspm,\"open\"x,1\r\n")).Error;
        Assert.Equal(2, error.Row);
    }

    [Fact]
    public void Csv_with_semicolons_is_read()
    {
        var table = Sheets.ReadCsv("agency;fiscal_year\r\nspm;2565\r\n");
        Assert.Equal(["spm", "2565"], Assert.Single(table.Rows).Cells);
    }

    [Fact]
    public void Empty_input_is_refused()
    {
        Assert.Contains("empty", Assert.Throws<SheetException>(() => Sheets.Read([], "agency")).Error.English, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<SheetException>(() => Sheets.Read("\r\n , \r\n"u8, "agency")).Error.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_written_and_read_back_keeps_text_numbers_and_row_numbers()
    {
        var xlsx = Sheets.WriteXlsx(
        [
            new SheetContent("คำอธิบาย", [["no agency column here"]]),
            new SheetContent("results", [["agency", "fiscal_year", "indicator_1"], ["spm", 2565, 85.84m], [], ["opdc", 2566, null]]),
        ]);
        var table = Sheets.Read(xlsx, "agency");
        Assert.Equal(["agency", "fiscal_year", "indicator_1"], table.Header);
        Assert.Equal([2, 3, 4], table.Rows.Select(r => r.Number));
        Assert.Equal(["spm", "2565", "85.84"], table.Rows[0].Cells);
        Assert.True(table.Rows[1].IsBlank);
        Assert.Equal(["opdc", "2566"], table.Rows[2].Cells);
    }

    [Fact]
    public void Xlsx_numbers_stored_as_binary_doubles_read_as_typed_and_shared_strings_and_gaps_are_read()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new X.Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new X.SharedStringTable(
                new X.SharedStringItem(new X.Text("agency")),
                new X.SharedStringItem(new X.Run(new X.Text("indi")), new X.Run(new X.Text("cator_2"))),
                new X.SharedStringItem(new X.Text("สลน.")));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new X.Worksheet(new X.SheetData(
                new X.Row(
                    new X.Cell { CellReference = "A3", DataType = X.CellValues.SharedString, CellValue = new X.CellValue("0") },
                    new X.Cell { CellReference = "C3", DataType = X.CellValues.SharedString, CellValue = new X.CellValue("1") })
                { RowIndex = 3 },
                new X.Row(
                    new X.Cell { CellReference = "A7", DataType = X.CellValues.SharedString, CellValue = new X.CellValue("2") },
                    new X.Cell { CellReference = "C7", CellValue = new X.CellValue("74.299999999999997") })
                { RowIndex = 7 }));
            workbook.Workbook.AppendChild(new X.Sheets(new X.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Sheet1" }));
        }
        var table = Sheets.Read(stream.ToArray(), "agency");
        Assert.Equal(3, table.HeaderRow);
        Assert.Equal(["agency", "", "indicator_2"], table.Header);
        var row = Assert.Single(table.Rows);
        Assert.Equal((7, "สลน.", "74.3"), (row.Number, row.Cell(0), row.Cell(2)));
    }

    [Fact]
    public void The_templates_are_valid_workbooks()
    {
        var framework = OpenIta.Core.Methodology.FrameworkCatalog.BuiltIn.All.Last();
        var agencies = new[] { new OpenIta.Data.Agencies.Agency { Slug = "spm", NameTh = "สำนักเลขาธิการนายกรัฐมนตรี" } };
        foreach (var xlsx in new[] { ResultTemplate.Xlsx(framework, agencies, detail: true), OpenIta.Web.Features.Admin.AgencyTemplate.Xlsx(agencies) })
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}");
            Assert.Empty(errors);
            Assert.Equal(2, document.WorkbookPart!.Workbook.Sheets!.Count());
        }
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters_are_those_of_a_spreadsheet(int index, string letters)
    {
        Assert.Equal(letters, Sheets.ColumnLetter(index));
        Assert.Equal(index, Sheets.ColumnIndex(letters + "12"));
    }

    [Theory]
    [InlineData("85.84", "85.84")]
    [InlineData(" ๘๕.๘๔ ", "85.84")]
    [InlineData("๑๐๐", "100")]
    [InlineData("0", "0")]
    [InlineData("", null)]
    [InlineData("-", null)]
    public void Scores_are_read_with_thai_digits(string text, string? expected)
    {
        var (value, problem) = Cells.Score(text);
        Assert.Null(problem);
        Assert.Equal(expected, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("แปดสิบห้า", "Thai text")]
    [InlineData("85,84", "comma")]
    [InlineData("85%", "percent")]
    [InlineData("100.01", "outside 0 to 100")]
    [InlineData("-1", "outside 0 to 100")]
    [InlineData("abc", "not a number")]
    [InlineData("1e2", "not a number")]
    public void Cells_that_are_not_scores_say_why(string text, string why)
    {
        var (value, problem) = Cells.Score(text);
        Assert.Null(value);
        Assert.Contains(why, problem!.English, StringComparison.Ordinal);
    }
}
