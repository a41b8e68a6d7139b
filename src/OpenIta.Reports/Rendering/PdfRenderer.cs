using Microsoft.Playwright;
using OpenIta.Reports.Documents;

namespace OpenIta.Reports.Rendering;

/// <summary>Prints a <see cref="ReportDocument"/> to PDF: the <see cref="HtmlRenderer"/> page printed by headless
/// Chromium through Playwright. Chromium shapes Thai with HarfBuzz (tone marks, ญ/ฐ tails) and breaks lines at Thai
/// word boundaries with ICU's dictionary. One browser is started on first use and reused by every render of this
/// instance, and so are its pages: a render takes an idle page (or opens one when all are busy), replaces its
/// content and prints it — opening a fresh page costs more than printing a document. The content is set and printed
/// with the DevTools protocol's own calls (Page.setDocumentContent, Page.printToPDF) through Playwright's CDP session:
/// the same PDF as <c>page.PdfAsync</c>, without the navigation bookkeeping around <c>SetContentAsync</c>, which costs
/// as much as parsing the document (docs/benchmarks.md). Dispose the instance to close the browser. Safe to call from
/// several threads.</summary>
public sealed class PdfRenderer(string? chromiumPath = null) : IAsyncDisposable
{
    /// <summary>Debian's Chromium; Playwright's own browser download is not used.</summary>
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>Debian's headless shell (package chromium-headless-shell): the same engine without the browser around it,
    /// which prints the same PDF about a fifth faster (docs/benchmarks.md).</summary>
    public const string DebianHeadlessShell = "/usr/lib/chromium/chromium-headless-shell";

    /// <summary>The headless shell when it is installed, else Debian's Chromium.</summary>
    public static string DefaultChromium => File.Exists(DebianHeadlessShell) ? DebianHeadlessShell : DebianChromium;

    private readonly string _chromiumPath = chromiumPath ?? DefaultChromium;

    /// <summary>The Chromium this renderer starts.</summary>
    public string ChromiumPath => _chromiumPath;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly HtmlRenderer _html = new();
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentBag<PrintPage> _idle = [];

    /// <summary>A page kept for printing, with its DevTools session and its main frame.</summary>
    private sealed record PrintPage(IPage Page, ICDPSession Cdp, string FrameId);

    /// <summary>A4 in inches; margins come from the document's CSS @page rule (preferCSSPageSize).</summary>
    private static readonly Dictionary<string, object> PrintOptions = new(StringComparer.Ordinal)
    {
        ["paperWidth"] = 8.27,
        ["paperHeight"] = 11.69,
        ["marginTop"] = 0,
        ["marginBottom"] = 0,
        ["marginLeft"] = 0,
        ["marginRight"] = 0,
        ["printBackground"] = true,
        ["preferCSSPageSize"] = true,
        ["generateTaggedPDF"] = false,
        ["generateDocumentOutline"] = false,
    };
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> RenderAsync(ReportDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = _html.Render(document);
        var page = _idle.TryTake(out var idle) ? idle : await NewPageAsync(cancellationToken);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await page.Cdp.SendAsync("Page.setDocumentContent", new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["frameId"] = page.FrameId,
                ["html"] = html,
            });
            await page.Page.EvaluateAsync("() => document.fonts.ready");
            cancellationToken.ThrowIfCancellationRequested();
            var printed = await page.Cdp.SendAsync("Page.printToPDF", PrintOptions)
                ?? throw new PlaywrightException("Chromium printed no PDF.");
            var pdf = Convert.FromBase64String(printed.GetProperty("data").GetString()!);
            _idle.Add(page);
            return pdf;
        }
        catch
        {
            // A page that failed may be in any state: close it rather than reuse it.
            await page.Page.Context.CloseAsync();
            throw;
        }
    }

    private async Task<PrintPage> NewPageAsync(CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var tree = await cdp.SendAsync("Page.getFrameTree") ?? throw new PlaywrightException("Chromium gave no frame tree.");
        var frameId = tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()
            ?? throw new PlaywrightException("Chromium gave no frame id.");
        return new PrintPage(page, cdp, frameId);
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { } ready)
        {
            return ready;
        }
        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is null)
            {
                if (!File.Exists(_chromiumPath))
                {
                    throw new FileNotFoundException($"Chromium is needed to print PDF and was not found at {_chromiumPath} (Debian package chromium).", _chromiumPath);
                }
                _playwright ??= await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = _chromiumPath,
                    Headless = true,
                    Args = ChromiumArgs,
                });
            }
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }
        _playwright?.Dispose();
        _playwright = null;
        _launch.Dispose();
    }
}
