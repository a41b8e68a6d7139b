using Microsoft.Playwright;
using OpenIta.Reports.Documents;

namespace OpenIta.Reports.Rendering;

/// <summary>Prints a <see cref="ReportDocument"/> to PDF: the <see cref="HtmlRenderer"/> page printed by headless
/// Chromium through Playwright. Chromium shapes Thai with HarfBuzz (tone marks, ญ/ฐ tails) and breaks lines at Thai
/// word boundaries with ICU's dictionary. One browser is started on first use and reused by every render of this
/// instance; dispose the instance to close it. Safe to call from several threads.</summary>
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
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<byte[]> RenderAsync(ReportDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var browser = await BrowserAsync(cancellationToken);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        cancellationToken.ThrowIfCancellationRequested();
        await page.SetContentAsync(_html.Render(document), new() { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync("() => document.fonts.ready");
        cancellationToken.ThrowIfCancellationRequested();
        return await page.PdfAsync(new()
        {
            Format = "A4",
            PrintBackground = true,
            PreferCSSPageSize = true,
        });
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
