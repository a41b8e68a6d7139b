using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenIta.Reports.Rendering;

namespace OpenIta.Reports.Tests;

public sealed class PdfRenderingTests : IAsyncDisposable
{
    private readonly PdfRenderer _renderer = new(ExternalTools.Require("chromium"));

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    [Fact]
    public async Task Chromium_pdf_keeps_the_thai_and_embeds_a_thai_font()
    {
        var pdf = Path.Combine(ExternalTools.OutputDirectory("chromium"), "sample.pdf");
        await File.WriteAllTextAsync(Path.ChangeExtension(pdf, ".html"), new HtmlRenderer().Render(SampleDocument.Build()));
        var bytes = await _renderer.RenderAsync(SampleDocument.Build());
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
        await File.WriteAllBytesAsync(pdf, bytes);

        var text = ExternalTools.Squeeze(await ExternalTools.PdfTextAsync(pdf));
        Assert.Contains(ExternalTools.Squeeze(SampleDocument.HeadingText), text, StringComparison.Ordinal);
        Assert.Contains(SampleDocument.TableValue, text, StringComparison.Ordinal);
        Assert.Contains(SampleDocument.OwnerUnit, text, StringComparison.Ordinal);

        var fonts = await ExternalTools.RunAsync("pdffonts", [pdf], TimeSpan.FromSeconds(30));
        var thai = fonts.Split('\n').Where(l => l.Contains("Laksaman", StringComparison.Ordinal)).ToList();
        Assert.True(thai.Count > 0, "No Laksaman (TH Sarabun New's stand-in) in the PDF:\n" + fonts);
        Assert.All(thai, l => Assert.Contains(" yes ", l, StringComparison.Ordinal)); // emb column
    }

    [Fact]
    public async Task The_headless_shell_prints_the_same_text_on_the_same_pages_as_chromium()
    {
        Assert.True(File.Exists(PdfRenderer.DebianHeadlessShell), "chromium-headless-shell is not installed; ./test.sh installs it.");
        Assert.Equal(PdfRenderer.DebianHeadlessShell, PdfRenderer.DefaultChromium);
        await using var shell = new PdfRenderer(PdfRenderer.DebianHeadlessShell);
        var folder = ExternalTools.OutputDirectory("headless-shell");
        var texts = new List<string>();
        foreach (var (name, renderer) in new[] { ("chromium", _renderer), ("shell", shell) })
        {
            var pdf = Path.Combine(folder, name + ".pdf");
            await File.WriteAllBytesAsync(pdf, await renderer.RenderAsync(SampleDocument.Build(Thai.DigitStyle.Thai)));
            var pages = (await ExternalTools.RunAsync("pdfinfo", [pdf], TimeSpan.FromSeconds(30)))
                .Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            texts.Add(pages + "\n" + await ExternalTools.PdfRawTextAsync(pdf));
        }
        Assert.Equal(texts[0], texts[1]);
    }

    /// <summary>A print page lays nothing out for the screen (<see cref="PdfRenderer.NoScreenLayout"/>): its documents,
    /// the first one on a fresh page included, print to the PDF Chromium prints of the same document, with the print
    /// font, loaded on a page of its own and laid out on screen first — byte for byte, the dates apart. A print font
    /// not loaded in time for the first print, or a screen rule leaking into print, fails it.</summary>
    [Fact]
    public async Task A_print_page_prints_each_document_as_a_page_of_its_own_would()
    {
        Assert.NotNull(PrintFont.Css);
        var documents = new[] { SampleDocument.Build(), SampleDocument.Build(Thai.DigitStyle.Thai) };
        await using var fresh = new PdfRenderer();
        var printed = new List<byte[]>();
        foreach (var document in documents)
        {
            printed.Add(await fresh.RenderAsync(document));
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = PdfRenderer.DefaultChromium, Args = ["--no-sandbox"] });
        for (var i = 0; i < documents.Length; i++)
        {
            var page = await browser.NewPageAsync();
            await page.SetContentAsync(new HtmlRenderer().Render(documents[i], PrintFont.Css));
            await page.EvaluateAsync("() => { void document.body.offsetHeight; return document.fonts.ready.then(() => true); }");
            var own = await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true, Tagged = false, Outline = false });
            Assert.Equal(WithoutDates(own), WithoutDates(printed[i]));
            await page.CloseAsync();
        }
    }

    private static string WithoutDates(byte[] pdf) =>
        Regex.Replace(System.Text.Encoding.Latin1.GetString(pdf), @"/(CreationDate|ModDate) \(D:[^)]*\)", "/$1 ()");

    [Fact]
    public async Task One_browser_serves_several_documents()
    {
        var first = await _renderer.RenderAsync(SampleDocument.Build());
        var second = await _renderer.RenderAsync(SampleDocument.Build(Thai.DigitStyle.Thai));
        Assert.True(first.Length > 1000 && second.Length > 1000);
    }
}
