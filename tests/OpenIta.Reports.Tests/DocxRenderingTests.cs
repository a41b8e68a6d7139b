using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Tests;

public class DocxRenderingTests
{
    [Fact]
    public void Docx_names_TH_Sarabun_New_as_complex_script_with_thai_language()
    {
        var bytes = new DocxRenderer().Render(SampleDocument.Build());
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);

        var defaults = docx.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var fonts = defaults.GetFirstChild<RunFonts>()!;
        Assert.Equal("TH Sarabun New", fonts.Ascii?.Value);
        Assert.Equal("TH Sarabun New", fonts.HighAnsi?.Value);
        Assert.Equal("TH Sarabun New", fonts.ComplexScript?.Value);
        Assert.Equal("TH Sarabun New", fonts.EastAsia?.Value);
        Assert.Equal("32", defaults.GetFirstChild<FontSize>()!.Val?.Value);              // 16 pt in half-points
        Assert.Equal("32", defaults.GetFirstChild<FontSizeComplexScript>()!.Val?.Value);
        var lang = defaults.GetFirstChild<Languages>()!;
        Assert.Equal("th-TH", lang.Val?.Value);
        Assert.Equal("th-TH", lang.Bidi?.Value);

        var section = docx.MainDocumentPart.Document.Body!.GetFirstChild<SectionProperties>()!;
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal((16838u, 11906u), (size.Width!.Value, size.Height!.Value)); // A4 landscape
        Assert.Equal(PageOrientationValues.Landscape, size.Orient!.Value);
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.Equal(1417u, margin.Left!.Value);   // 2.5 cm
        Assert.Equal(1134, margin.Top!.Value);     // 2 cm

        var body = docx.MainDocumentPart.Document.Body!.InnerText;
        Assert.Contains(SampleDocument.HeadingText, body, StringComparison.Ordinal);
        Assert.Contains(SampleDocument.ShapingText, body, StringComparison.Ordinal);
        Assert.Contains("22 พฤศจิกายน 2569", body, StringComparison.Ordinal);
        Assert.Contains("เลขที่บันทึก สกน 0017/2569", body, StringComparison.Ordinal);

        var table = docx.MainDocumentPart.Document.Body!.Elements<Table>().Single();
        var rows = table.Elements<TableRow>().ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows.Take(2), r => Assert.NotNull(r.TableRowProperties!.GetFirstChild<TableHeader>())); // header repeats
        Assert.Null(rows[2].TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.Equal(9, table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count());
        Assert.Equal(4, rows[0].Elements<TableCell>().Single(c => c.InnerText.Contains("ปีงบประมาณ", StringComparison.Ordinal))
            .TableCellProperties!.GridSpan!.Val!.Value);
        // The second header row carries five vMerge continuations before its four quarters.
        Assert.Equal(9, rows[1].Elements<TableCell>().Count());
        Assert.Equal(5, rows[1].Elements<TableCell>().Count(c => c.TableCellProperties!.VerticalMerge?.Val?.Value == MergedCellValues.Continue));
        var marked = rows[2].Elements<TableCell>().Count(c => c.TableCellProperties!.Shading?.Fill?.Value == "7F7F7F");
        Assert.Equal(4, marked);
        Assert.NotNull(table.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>());
    }

    [Fact]
    public void Docx_portrait_is_a4_with_the_table_across_the_text_width()
    {
        var bytes = new DocxRenderer().Render(SampleDocument.Build(landscape: false));
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        var size = docx.MainDocumentPart!.Document.Body!.GetFirstChild<SectionProperties>()!.GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        var widths = docx.MainDocumentPart.Document.Body!.Descendants<GridColumn>()
            .Sum(c => int.Parse(c.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(widths, 11906 - 1417 - 1134 - 9, 11906 - 1417 - 1134 + 9);
    }

    [Fact]
    public void Docx_writes_thai_digits_when_asked()
    {
        var bytes = new DocxRenderer().Render(SampleDocument.Build(DigitStyle.Thai));
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        var body = docx.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("ปีงบประมาณ พ.ศ. ๒๕๖๙", body, StringComparison.Ordinal);
        Assert.Contains("๒๒ พฤศจิกายน ๒๕๖๙", body, StringComparison.Ordinal);
        Assert.Contains("๘๗.๔๕", body, StringComparison.Ordinal);
        Assert.DoesNotContain("2569", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docx_converts_to_pdf_with_libreoffice_keeping_the_thai()
    {
        var dir = ExternalTools.OutputDirectory("libreoffice");
        var docx = Path.Combine(dir, "sample.docx");
        await File.WriteAllBytesAsync(docx, new DocxRenderer().Render(SampleDocument.Build()));
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ExternalTools.RunAsync("libreoffice",
                ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx],
                TimeSpan.FromSeconds(90));
        }
        finally
        {
            if (Directory.Exists(profile))
            {
                Directory.Delete(profile, recursive: true);
            }
        }
        var text = ExternalTools.Squeeze(await ExternalTools.PdfTextAsync(Path.Combine(dir, "sample.pdf")));
        Assert.Contains(ExternalTools.Squeeze(SampleDocument.HeadingText), text, StringComparison.Ordinal);
        Assert.Contains(SampleDocument.TableValue, text, StringComparison.Ordinal);
        Assert.Contains(SampleDocument.OwnerUnit, text, StringComparison.Ordinal);
    }
}
