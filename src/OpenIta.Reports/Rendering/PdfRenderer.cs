using Microsoft.Playwright;
using OpenIta.Reports.Documents;

namespace OpenIta.Reports.Rendering;

/// <summary>Prints a <see cref="ReportDocument"/> to PDF: the <see cref="HtmlRenderer"/> page printed by headless
/// Chromium through Playwright. Chromium shapes Thai with HarfBuzz (tone marks, ญ/ฐ tails) and breaks lines at Thai
/// word boundaries with ICU's dictionary. One browser is started on first use and reused by every render of this
/// instance, and so are its pages: a render takes an idle page (or opens one when all are busy), replaces its
/// content and prints it — opening a fresh page costs more than printing a document. Dispose the instance to close the
/// browser. Safe to call from several threads.</summary>
public sealed class PdfRenderer(string chromiumPath = PdfRenderer.DebianChromium) : IAsyncDisposable
{
    /// <summary>Debian's Chromium; Playwright's own browser download is not used.</summary>
    public const string DebianChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly HtmlRenderer _html = new();
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _idle = [];
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
            await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load });
            await page.EvaluateAsync("() => document.fonts.ready");
            cancellationToken.ThrowIfCancellationRequested();
            var pdf = await page.PdfAsync(new()
            {
                Format = "A4",
                PrintBackground = true,
                PreferCSSPageSize = true,
            });
            _idle.Add(page);
            return pdf;
        }
        catch
        {
            // A page that failed may be in any state: close it rather than reuse it.
            await page.Context.CloseAsync();
            throw;
        }
    }

    private async Task<IPage> NewPageAsync(CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        var context = await browser.NewContextAsync();
        return await context.NewPageAsync();
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
                if (!File.Exists(chromiumPath))
                {
                    throw new FileNotFoundException($"Chromium is needed to print PDF and was not found at {chromiumPath} (Debian package chromium).", chromiumPath);
                }
                _playwright ??= await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = chromiumPath,
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
