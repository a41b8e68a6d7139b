using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using OpenIta.Reports.Documents;

namespace OpenIta.Reports.Rendering;

/// <summary>Prints a <see cref="ReportDocument"/> to PDF: the <see cref="HtmlRenderer"/> page printed by headless
/// Chromium through Playwright. Chromium shapes Thai with HarfBuzz (tone marks, ญ/ฐ tails) and breaks lines at Thai
/// word boundaries with ICU's dictionary; the Thai face is <see cref="PrintFont"/>, so that copied text keeps its words. One browser is started on first use and reused by every render of this
/// instance, and so are its pages: a render takes an idle page (or opens one when all are busy), replaces its
/// content and prints it — opening a fresh page costs more than printing a document. A page keeps the print font
/// loaded (<see cref="PrintShell"/>); each document's style and body are put into it by one script call and printed
/// with the DevTools protocol's Page.printToPDF through Playwright's CDP session: the same PDF as
/// <c>page.PdfAsync</c>, without the navigation bookkeeping around <c>SetContentAsync</c> (docs/benchmarks.md). Dispose the instance to close the browser. Safe to call from
/// several threads.
/// <para>Faults: a browser that died (its process exited, its pipe closed, a page call failed) is never used again —
/// its pages are dropped, a new browser is launched and the document is printed once more. At most
/// <see cref="PdfLimits.MaxOpenPages"/> pages print at once; the rest wait. A document is refused before printing when
/// its HTML is over <see cref="PdfLimits.MaxHtmlChars"/> and after it when it has more than
/// <see cref="PdfLimits.MaxPages"/> pages; a print that takes longer than <see cref="PdfLimits.Timeout"/>, or whose
/// caller cancels, has its page closed so that Chromium stops working on it.</para></summary>
public sealed partial class PdfRenderer : IAsyncDisposable
{
    /// <param name="chromiumPath">The Chromium to start; <see cref="DefaultChromium"/> when null.</param>
    /// <param name="limits">What a print may cost; <see cref="PdfLimits"/>' defaults when null.</param>
    /// <param name="logger">Where failures, relaunches and refusals are logged (never a document's text).</param>
    public PdfRenderer(string? chromiumPath = null, PdfLimits? limits = null, ILogger? logger = null)
    {
        _chromiumPath = chromiumPath ?? DefaultChromium;
        Limits = limits ?? new PdfLimits();
        _logger = logger ?? NullLogger.Instance;
        _printing = new SemaphoreSlim(Limits.MaxOpenPages, Limits.MaxOpenPages);
    }

    /// <summary>Debian's Chromium; Playwright's own browser download is not used.</summary>
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>Debian's headless shell (package chromium-headless-shell): the same engine without the browser around it,
    /// which prints the same PDF about a fifth faster (docs/benchmarks.md).</summary>
    public const string DebianHeadlessShell = "/usr/lib/chromium/chromium-headless-shell";

    /// <summary>The headless shell when it is installed, else Debian's Chromium.</summary>
    public static string DefaultChromium => File.Exists(DebianHeadlessShell) ? DebianHeadlessShell : DebianChromium;

    private readonly string _chromiumPath;
    private readonly ILogger _logger;

    /// <summary>The Chromium this renderer starts.</summary>
    public string ChromiumPath => _chromiumPath;

    /// <summary>The limits every print keeps.</summary>
    public PdfLimits Limits { get; }

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>How long closing a page may take before the whole browser is given up.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly HtmlRenderer _html = new();
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly SemaphoreSlim _printing;
    private readonly ConcurrentBag<PrintPage> _idle = [];

    /// <summary>A page kept for printing, with its DevTools session and its main frame, and the browser it lives in.</summary>
    /// <remarks><paramref name="Died"/> is cancelled when the browser disconnects: a DevTools call in flight is never
    /// answered then, so it is abandoned on that signal rather than waited for.</remarks>
    private sealed record PrintPage(IBrowser Browser, IPage Page, ICDPSession Cdp, string FrameId, CancellationToken Died)
    {
        /// <summary>Documents printed on this page (one print at a time holds it).</summary>
        public int Prints { get; set; }
    }

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private CancellationToken _browserDied;
    private int _launches;
    private int _failuresInARow;
    private string? _lastFailure;
    private bool _disposed;
    private int _fontWarned;

    /// <summary>Where the printer stands, for a readiness check: whether a browser is up, how often one was launched,
    /// and how many prints in a row failed (0 once one succeeds).</summary>
    public PdfRendererState State => new(_browser is { IsConnected: true }, Volatile.Read(ref _launches),
        Volatile.Read(ref _failuresInARow), _lastFailure);

    public async Task<byte[]> RenderAsync(ReportDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var font = PrintFont.Css;
        // The document's own HTML: the print font lives in the page (PrintShell), loaded once per page, not per document.
        var html = _html.Render(document, printCss: null);
        var chars = html.Length;
        if (chars > Limits.MaxHtmlChars)
        {
            _logger.LogWarning("PDF refused: the document's HTML has {Chars} characters, over the limit of {Limit}", chars, Limits.MaxHtmlChars);
            throw new PdfLimitException(PdfLimit.Size, chars, Limits.MaxHtmlChars);
        }
        if (font is null && Interlocked.Exchange(ref _fontWarned, 1) == 0)
        {
            _logger.LogWarning("Laksaman (Debian package fonts-thai-tlwg) is not installed: PDFs print in another font, and their Thai words may not copy whole");
        }
        await _printing.WaitAsync(cancellationToken);
        try
        {
            byte[] pdf;
            try
            {
                pdf = await PrintOnceAsync(html, cancellationToken);
            }
            catch (PlaywrightException e) when (!cancellationToken.IsCancellationRequested)
            {
                // The browser died (or the page did): never reuse either, relaunch if needed, try once more.
                Failed(e, retrying: true);
                pdf = await PrintOnceAsync(html, cancellationToken);
            }
            Interlocked.Exchange(ref _failuresInARow, 0);
            var pages = PageCount(pdf);
            if (pages > Limits.MaxPages)
            {
                _logger.LogWarning("PDF refused: the document has more than {Limit} pages", Limits.MaxPages);
                throw new PdfLimitException(PdfLimit.Pages, pages, Limits.MaxPages);
            }
            return pdf;
        }
        catch (PlaywrightException e)
        {
            Failed(e, retrying: false);
            throw;
        }
        finally
        {
            _printing.Release();
        }
    }

    /// <summary>Prints on an idle page of the live browser (or a new one) within <see cref="PdfLimits.Timeout"/>. A
    /// page that fails, times out or is cancelled is closed before this returns (so Chromium stops working on it),
    /// never reused.</summary>
    private async Task<byte[]> PrintOnceAsync(string html, CancellationToken cancellationToken)
    {
        var page = await TakePageAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(Limits.Timeout);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, page.Died);
        try
        {
            await Within(page.Page.EvaluateAsync(SwapScript, html), watching.Token);
            var printed = await Within(page.Cdp.SendAsync("Page.printToPDF", PrintOptions(Limits.MaxPages + 1)), watching.Token)
                ?? throw new PlaywrightException("Chromium printed no PDF.");
            var pdf = Convert.FromBase64String(printed.GetProperty("data").GetString()!);
            if (++page.Prints < Limits.PrintsPerPage)
            {
                _idle.Add(page);
            }
            else
            {
                // A page lives for a bounded number of documents, so that whatever Chromium keeps per document is freed.
                await CloseAsync(page);
            }
            return pdf;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (page.Died.IsCancellationRequested)
            {
                throw new PlaywrightException("Chromium exited while printing.");
            }
            await CloseAsync(page);
            _logger.LogWarning("PDF print stopped: not done within {Seconds} s; its page was closed", Limits.Timeout.TotalSeconds);
            throw new PdfLimitException(PdfLimit.Time, (long)Limits.Timeout.TotalSeconds, (long)Limits.Timeout.TotalSeconds);
        }
        catch
        {
            // A page that failed may be in any state, and a cancelled one may still be laying out: close it.
            await CloseAsync(page);
            throw;
        }
    }

    private async Task<PrintPage> TakePageAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Browser.IsConnected && ReferenceEquals(idle.Browser, _browser) && !idle.Page.IsClosed)
            {
                return idle;
            }
            // A page of a browser that died or was replaced: dropped, never handed out.
            await CloseAsync(idle);
        }
        var (browser, died) = await BrowserAsync(cancellationToken);
        IBrowserContext? context = null;
        try
        {
            // Not cut short by cancellation (a context half made would stay open): quick calls, checked after.
            context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var cdp = await context.NewCDPSessionAsync(page);
            var tree = await cdp.SendAsync("Page.getFrameTree") ?? throw new PlaywrightException("Chromium gave no frame tree.");
            var frameId = tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()
                ?? throw new PlaywrightException("Chromium gave no frame id.");
            await cdp.SendAsync("Page.setDocumentContent", new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["frameId"] = frameId,
                ["html"] = PrintShell(PrintFont.Css),
            });
            cancellationToken.ThrowIfCancellationRequested();
            return new PrintPage(browser, page, cdp, frameId, died);
        }
        catch when (context is not null)
        {
            await CloseAsync(browser, context);
            throw;
        }
    }

    /// <summary>Closes a page's context (its renderer goes with it). Should that hang, the browser is given up.</summary>
    private Task CloseAsync(PrintPage page) => CloseAsync(page.Browser, page.Page.Context);

    private async Task CloseAsync(IBrowser browser, IBrowserContext context)
    {
        if (!browser.IsConnected)
        {
            return;
        }
        try
        {
            await context.CloseAsync().WaitAsync(CloseTimeout);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("A Chromium page did not close within {Seconds} s; the browser is closed and will be relaunched", CloseTimeout.TotalSeconds);
            await ForgetAsync(browser);
        }
        catch (PlaywrightException)
        {
            // Already closed, or the browser is gone: nothing is left running for this page.
        }
    }

    private async Task<(IBrowser Browser, CancellationToken Died)> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } ready)
        {
            return (ready, _browserDied);
        }
        await _launch.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } launched)
            {
                return (launched, _browserDied);
            }
            if (_browser is { } dead)
            {
                _logger.LogWarning("Chromium is gone (it exited or its connection closed); launching a new one");
                await ForgetAsync(dead);
            }
            if (!File.Exists(_chromiumPath))
            {
                throw new FileNotFoundException($"Chromium is needed to print PDF and was not found at {_chromiumPath} (Debian package chromium).", _chromiumPath);
            }
            _playwright ??= await Playwright.CreateAsync();
            var watch = Stopwatch.StartNew();
            var browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = _chromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            var died = new CancellationTokenSource();
            browser.Disconnected += (_, _) =>
            {
                died.Cancel();
                if (!_disposed)
                {
                    _logger.LogWarning("Chromium disconnected (its process exited or was killed); the next PDF launches a new one");
                }
            };
            var launches = Interlocked.Increment(ref _launches);
            _logger.LogInformation("Chromium launched for PDF printing in {Milliseconds} ms (launch {Launch}): {Path}",
                watch.ElapsedMilliseconds, launches, _chromiumPath);
            _browserDied = died.Token;
            _browser = browser;
            return (browser, died.Token);
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>Drops a browser: it is closed (or its process ends with it) and no page of it is handed out again.</summary>
    private async Task ForgetAsync(IBrowser browser)
    {
        Interlocked.CompareExchange(ref _browser, null, browser);
        try
        {
            await browser.CloseAsync().WaitAsync(CloseTimeout);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            _logger.LogWarning("Closing a Chromium that failed did not finish cleanly: {Error}", e.GetType().Name);
        }
    }

    private void Failed(PlaywrightException e, bool retrying)
    {
        var inARow = Interlocked.Increment(ref _failuresInARow);
        _lastFailure = e.GetType().Name + ": " + FirstLine(e.Message);
        // The message is Playwright's (a protocol call and its error), never the document's text.
        _logger.LogWarning("PDF print failed ({Failures} in a row, browser connected: {Connected}); {Next}: {Error}",
            inARow, _browser is { IsConnected: true }, retrying ? "retrying once" : "giving up", _lastFailure);
    }

    /// <summary>Waits for a DevTools call until the token is cancelled. The call itself goes on until its page is
    /// closed, which the caller does; its failure then is observed here, not left to the finalizer.</summary>
    private static async Task<T> Within<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _ = call.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    /// <summary>
    /// The document a print page keeps for its life: the print font's rules (<see cref="PrintFont"/>: two faces, about
    /// 300 KB as data URLs) in a style element of their own, after an empty one for each document's rules. Chromium
    /// decodes and checks a web font when a document loads it; kept in the page, the faces are loaded by its first
    /// print (a data URL loads as the layout asks for it) and serve every later one (each print cost about twice as
    /// much when every document carried them). <see cref="NoScreenLayout"/> comes first.
    /// </summary>
    internal static string PrintShell(string? fontCss) =>
        "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n<title></title>\n<style id=\"openita-document\"></style>\n<style id=\"openita-print\">\n"
        + NoScreenLayout + (fontCss ?? "") + "</style>\n</head>\n<body></body>\n</html>";

    /// <summary>
    /// A print page is never looked at: on screen its body is not displayed, so Chromium does not lay each document
    /// out for the screen (once when it is put in, again after it is printed) besides the layout it prints. Printing
    /// lays out with print media, where the rule does not apply: the PDF is the same, byte for byte apart from its
    /// dates, and the CPU per agency's pair fell by about a third (docs/benchmarks.md).
    /// </summary>
    internal const string NoScreenLayout = "@media screen { body { display: none !important; } }\n";

    /// <summary>
    /// Puts a document into the page's <see cref="PrintShell"/>: its title, the root's attributes (lang), its style
    /// rules (before the print font's, as when they were one style element) and its body, parsed by DOMParser (which
    /// runs no script). The same DOM as the document loaded on its own, plus the font rules. Nothing is laid out
    /// until it prints (<see cref="NoScreenLayout"/>).
    /// </summary>
    private const string SwapScript = """
        (html) => {
          const parsed = new DOMParser().parseFromString(html, "text/html");
          const root = document.documentElement;
          for (const name of root.getAttributeNames()) root.removeAttribute(name);
          for (const attribute of parsed.documentElement.attributes) root.setAttribute(attribute.name, attribute.value);
          document.title = parsed.title;
          document.getElementById("openita-document").textContent =
            Array.from(parsed.head.querySelectorAll("style"), style => style.textContent).join("\n");
          document.body.replaceWith(document.adoptNode(parsed.body));
          return true;
        }
        """;

    /// <summary>A4 in inches; margins come from the document's CSS @page rule (preferCSSPageSize). Only the first
    /// <paramref name="pages"/> pages are printed: one more than the limit tells a document over it.</summary>
    private static Dictionary<string, object> PrintOptions(int pages) => new(StringComparer.Ordinal)
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
        ["pageRanges"] = string.Create(CultureInfo.InvariantCulture, $"1-{pages}"),
    };

    /// <summary>The number of pages of a PDF Chromium printed: the root page tree's /Count (the largest of them).</summary>
    internal static int PageCount(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var count = 0;
        foreach (Match match in PageCountPattern().Matches(text))
        {
            count = Math.Max(count, int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }
        return count;
    }

    [GeneratedRegex(@"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex PageCountPattern();

    /// <summary>The processes of the running browser (browser, renderers, utilities) with their CPU seconds, or empty
    /// when none runs. For tests: the browser's own process id, and whether Chromium is still working.</summary>
    internal async Task<IReadOnlyList<(string Type, int Id, double CpuSeconds)>> ProcessesAsync()
    {
        if (_browser is not { IsConnected: true } browser)
        {
            return [];
        }
        var session = await browser.NewBrowserCDPSessionAsync();
        try
        {
            var info = await session.SendAsync("SystemInfo.getProcessInfo") ?? throw new PlaywrightException("Chromium gave no process info.");
            return [.. info.GetProperty("processInfo").EnumerateArray().Select(p =>
                (p.GetProperty("type").GetString() ?? "", p.GetProperty("id").GetInt32(), p.GetProperty("cpuTime").GetDouble()))];
        }
        finally
        {
            await session.DetachAsync();
        }
    }

    /// <summary>How many pages are open (printing or idle) in the running browser.</summary>
    internal int OpenPages => _browser is { IsConnected: true } browser ? browser.Contexts.Sum(c => c.Pages.Count) : 0;

    /// <summary>How many pages wait in the pool for the next print.</summary>
    internal int IdlePages => _idle.Count;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_browser is { } browser)
        {
            _browser = null;
            try
            {
                await browser.CloseAsync().WaitAsync(CloseTimeout);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // A browser that died or hangs: Playwright's driver ends it when it is disposed below.
            }
        }
        _playwright?.Dispose();
        _playwright = null;
        _launch.Dispose();
        _printing.Dispose();
    }
}

/// <summary>What a print may cost.</summary>
public sealed record PdfLimits
{
    /// <summary>The document's HTML, checked before Chromium sees it (the largest group table, 137 agencies, is about
    /// 0.2 M characters).</summary>
    public int MaxHtmlChars { get; init; } = 2_000_000;

    /// <summary>Pages of the PDF.</summary>
    public int MaxPages { get; init; } = 500;

    /// <summary>One document, from giving Chromium its HTML to the PDF (waiting for a free page and launching Chromium
    /// are not counted: Playwright's launch has a timeout of its own).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pages printing at once; the others wait.</summary>
    public int MaxOpenPages { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Documents printed on one page before it is closed (a new one is opened for the next): a page keeps
    /// the print font for its life, and this bounds what else it may keep.</summary>
    public int PrintsPerPage { get; init; } = 100;
}

/// <summary>The limit a document went over.</summary>
public enum PdfLimit
{
    /// <summary>Its HTML is too long to give Chromium.</summary>
    Size,

    /// <summary>It prints to too many pages.</summary>
    Pages,

    /// <summary>It did not print within the time allowed.</summary>
    Time,
}

/// <summary>A document the renderer will not print: over a <see cref="PdfLimit"/>. <see cref="Value"/> is what the
/// document reached (characters, pages, seconds) and <see cref="Maximum"/> the limit.</summary>
public sealed class PdfLimitException(PdfLimit limit, long value, long maximum) : Exception(limit switch
{
    PdfLimit.Size => string.Create(CultureInfo.InvariantCulture, $"The document is too large to print as PDF: {value} characters of HTML, at most {maximum}."),
    PdfLimit.Pages => string.Create(CultureInfo.InvariantCulture, $"The document is too long to print as PDF: more than {maximum} pages."),
    _ => string.Create(CultureInfo.InvariantCulture, $"The document did not print as PDF within {maximum} s; Chromium stopped working on it."),
})
{
    public PdfLimit Limit { get; } = limit;
    public long Value { get; } = value;
    public long Maximum { get; } = maximum;
}

/// <summary>Where a <see cref="PdfRenderer"/> stands: <paramref name="FailuresInARow"/> is 0 once a print succeeds;
/// <paramref name="LastFailure"/> names the last error (the exception's type and first line, no document text).</summary>
public sealed record PdfRendererState(bool BrowserRunning, int Launches, int FailuresInARow, string? LastFailure);
