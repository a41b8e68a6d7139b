using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;

namespace OpenIta.Reports.Tests;

/// <summary>
/// Issue 9 M1: a text stored before the input rule, with a control character, U+FFFE or a direction override, made the
/// DOCX and XLSX writers throw (the download a 500 for ever). The writers leave such characters out and still write.
/// </summary>
public class UnsafeTextRenderingTests
{
    private static readonly string Bad = "มาตรการ\u0001ที่\u000Bเสีย\uFFFE\u202E\0\uD800";

    private static ReportDocument Document() => new(
        new DocumentOptions(Bad, Agency: new AgencyHeader(Bad, [Bad]), Subtitle: Bad),
        [
            new Heading(1, Bad),
            new Paragraph([new Documents.Run(Bad), new Documents.Run(Bad, Bold: true)]),
            new Documents.Table([new TableRow([new Documents.Cell(Bad), new Documents.Cell("หัว")])], [new TableRow([new Documents.Cell(Bad), new Documents.Cell("87.45")])],
                [3.0, 2.0], Caption: Bad, SheetName: Bad),
            new SignatureBlock(Bad, Bad, new DateOnly(2026, 11, 22), Bad, Bad),
        ]);

    [Fact]
    public void Docx_writes_text_with_control_characters_leaving_them_out()
    {
        var bytes = new DocxRenderer().Render(Document());
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        var text = docx.MainDocumentPart!.Document!.InnerText;
        Assert.Contains("มาตรการที่เสีย", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c is '\u0001' or '\u000B' or '\uFFFE' or '\u202E' or '\0' || char.IsSurrogate(c));
    }

    [Fact]
    public void Xlsx_writes_text_and_sheet_names_with_control_characters_leaving_them_out()
    {
        var bytes = new XlsxRenderer().Render(Document());
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var sheet = xlsx.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>().Single();
        Assert.StartsWith("มาตรการที่เสีย", sheet.Name!.Value, StringComparison.Ordinal);
        var cells = string.Concat(xlsx.WorkbookPart.WorksheetParts.Single().Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText));
        Assert.Contains("มาตรการที่เสีย", cells, StringComparison.Ordinal);
        Assert.DoesNotContain(cells, c => c is '\u0001' or '\u000B' or '\uFFFE' or '\u202E');
    }

    [Fact]
    public void Html_for_pdf_leaves_out_direction_overrides()
    {
        var html = new HtmlRenderer().Render(Document());
        Assert.Contains("มาตรการที่เสีย", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", html, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(html) > 0);
    }
}
