using Microsoft.Playwright;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// The application's one PDF printer: a singleton holding one <see cref="PdfRenderer"/>, so one headless Chromium is
/// started on the first PDF and reused by every request until the application stops (the container disposes it).
/// Chromium's path is <c>Reports:Chromium</c> (default Debian's /usr/bin/chromium).
/// </summary>
public sealed class PdfPrinter(IConfiguration configuration) : IAsyncDisposable
{
    private readonly PdfRenderer _renderer = new(ChromiumPath(configuration));

    public string Chromium { get; } = ChromiumPath(configuration);

    /// <summary>Whether Chromium is installed where it is looked for.</summary>
    public bool Available => File.Exists(Chromium);

    /// <summary>The PDF, or null when Chromium is missing or cannot be started (the caller answers 503).</summary>
    public async Task<byte[]?> PrintAsync(ReportDocument document, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            return null;
        }
        try
        {
            return await _renderer.RenderAsync(document, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    private static string ChromiumPath(IConfiguration configuration) =>
        configuration["Reports:Chromium"] is { Length: > 0 } path ? path : PdfRenderer.DefaultChromium;
}
