using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;

namespace OpenIta.Reports.Tests;

/// <summary>The survey poster (issue 12, item 3): one A4 page whose QR codes read back as the links it prints, and whose
/// Thai text extracts as whole words.</summary>
public sealed class SurveyPosterTests : IAsyncDisposable
{
    private const string Iit = "https://ita.example.go.th/s/Qm7xK2pL9vTz";
    private const string Eit = "https://ita.example.go.th/s/Zr4NwB8cHy3d";

    private readonly PdfRenderer _pdf = new(ExternalTools.Require("chromium"));

    public ValueTask DisposeAsync() => _pdf.DisposeAsync();

    private static ReportDocument Poster() => SurveyPosterDocument.Build("องค์การบริหารส่วนตำบลตัวอย่าง", 2569,
    [
        new PosterLink("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "สำหรับบุคลากรของหน่วยงาน", Iit),
        new PosterLink("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", "สำหรับผู้รับบริการและผู้ติดต่อ", Eit,
            "ยืนยันด้วยรหัสผ่านครั้งเดียว (OTP) ทางข้อความสั้นถึงโทรศัพท์มือถือ"),
    ]);

    [Fact]
    public void The_png_of_a_link_reads_back_as_the_link()
    {
        Assert.Equal(Iit, QrReader.Read(QrCodes.Png(Iit)));
        Assert.Equal(Eit, QrReader.Read(QrCodes.Png(Eit, pixelsPerModule: 4)));
    }

    [Fact]
    public void The_html_poster_inlines_both_codes_as_svg()
    {
        var html = new HtmlRenderer().Render(Poster());
        Assert.Equal(2, html.Split("<svg ", StringSplitOptions.None).Length - 1);
        Assert.Contains(Iit, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal); // nothing the printer must wait for
    }

    [Fact]
    public async Task The_poster_prints_on_one_a4_page_with_readable_codes_and_whole_thai_words()
    {
        var dir = ExternalTools.OutputDirectory("poster");
        var pdf = Path.Combine(dir, "poster.pdf");
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(Poster()));

        var info = await ExternalTools.RunAsync("pdfinfo", [pdf], TimeSpan.FromSeconds(30));
        Assert.Matches(@"Pages:\s+1\n", info);
        Assert.Matches(@"Page size:.*\(A4\)", info);

        var text = await ExternalTools.PdfTextAsync(pdf);
        foreach (var word in new[] { "ประเมิน", "คุณธรรม", "โปร่งใส", "บุคลากร", "ผู้รับบริการ", "โทรศัพท์มือถือ", "องค์การบริหารส่วนตำบลตัวอย่าง", Iit, Eit })
        {
            Assert.Contains(word, text, StringComparison.Ordinal);
        }

        await ExternalTools.RunAsync("pdftoppm", ["-r", "150", "-png", "-singlefile", pdf, Path.Combine(dir, "poster")], TimeSpan.FromSeconds(60));
        var codes = QrReader.ReadAll(await File.ReadAllBytesAsync(Path.Combine(dir, "poster.png")));
        Assert.Equal(new[] { Iit, Eit }.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_poster_needs_one_or_two_links()
    {
        Assert.Throws<ArgumentException>(() => SurveyPosterDocument.Build("หน่วยงาน", 2569, []));
    }
}
