using Microsoft.Playwright;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;

namespace OpenIta.Web.Infrastructure;

/// <summary>A PDF, or why there is none: the status to answer and the reason in Thai and English.</summary>
public sealed record PdfPrint(byte[]? Pdf, int Status = StatusCodes.Status200OK, string Th = "", string En = "");

/// <summary>
/// The application's one PDF printer: a singleton holding one <see cref="PdfRenderer"/>, so one headless Chromium is
/// started on the first PDF and reused by every request until the application stops (the container disposes it). A
/// Chromium that dies is relaunched by the renderer and the document printed once more; a print is stopped when its
/// request is aborted (the client left) or after <c>Reports:PrintTimeoutSeconds</c> (default 30). Chromium's path is
/// <c>Reports:Chromium</c> (default the headless shell, else Debian's /usr/bin/chromium).
/// </summary>
public sealed class PdfPrinter(IConfiguration configuration, ILogger<PdfPrinter> logger) : IAsyncDisposable
{
    private readonly PdfRenderer _renderer = new(ChromiumPath(configuration), Limits(configuration), logger);

    public string Chromium => _renderer.ChromiumPath;

    /// <summary>Whether Chromium is installed where it is looked for.</summary>
    public bool Available => File.Exists(Chromium);

    /// <summary>Where the renderer stands (for the readiness check).</summary>
    public PdfRendererState State => _renderer.State;

    /// <summary>The PDF; else 503 when Chromium is missing or cannot print (after one relaunch), 422 when the document
    /// is over a limit. Throws <see cref="OperationCanceledException"/> when the request is aborted.</summary>
    public async Task<PdfPrint> PrintAsync(ReportDocument document, CancellationToken cancellationToken)
    {
        if (!Available)
        {
            logger.LogWarning("PDF asked for, but Chromium is not installed at {Path}", Chromium);
            return Missing;
        }
        try
        {
            return new PdfPrint(await _renderer.RenderAsync(document, cancellationToken));
        }
        catch (FileNotFoundException)
        {
            logger.LogWarning("PDF asked for, but Chromium is not installed at {Path}", Chromium);
            return Missing;
        }
        catch (PlaywrightException)
        {
            // The renderer logged the failure and its retry.
            return new PdfPrint(null, StatusCodes.Status503ServiceUnavailable,
                "ยังพิมพ์ PDF ไม่ได้: โปรแกรม Chromium บนเซิร์ฟเวอร์ขัดข้อง กรุณาลองใหม่อีกครั้ง หรือดาวน์โหลด DOCX แทน",
                "PDF could not be printed: Chromium failed on the server. Try again, or download the DOCX instead.");
        }
        catch (PdfLimitException e)
        {
            return e.Limit switch
            {
                PdfLimit.Time => new PdfPrint(null, StatusCodes.Status503ServiceUnavailable,
                    Text($"พิมพ์ PDF ไม่เสร็จภายใน {e.Maximum} วินาที เอกสารอาจยาวเกินไป ดาวน์โหลด DOCX แทนได้"),
                    Text($"The PDF did not print within {e.Maximum} s; the document may be too long. Download the DOCX instead.")),
                PdfLimit.Pages => new PdfPrint(null, StatusCodes.Status422UnprocessableEntity,
                    Text($"เอกสารยาวเกิน {e.Maximum} หน้า จึงไม่พิมพ์เป็น PDF ดาวน์โหลด DOCX แทนได้"),
                    Text($"The document is longer than {e.Maximum} pages and is not printed as PDF. Download the DOCX instead.")),
                _ => new PdfPrint(null, StatusCodes.Status422UnprocessableEntity,
                    Text($"เอกสารใหญ่เกินกว่าจะพิมพ์เป็น PDF ได้ ({e.Value:N0} ตัวอักษร เกิน {e.Maximum:N0}) ดาวน์โหลด DOCX แทนได้"),
                    Text($"The document is too large to print as PDF ({e.Value:N0} characters, over {e.Maximum:N0}). Download the DOCX instead.")),
            };
        }
    }

    private static string Text(FormattableString text) => FormattableString.Invariant(text);

    private static PdfPrint Missing { get; } = new(null, StatusCodes.Status503ServiceUnavailable,
        "ยังพิมพ์ PDF ไม่ได้: ไม่พบโปรแกรม Chromium บนเซิร์ฟเวอร์ (ผู้ดูแลระบบติดตั้งแพ็กเกจ chromium) ดาวน์โหลด DOCX แทนได้",
        "PDF cannot be printed: Chromium is not installed on the server (the administrator installs the chromium package); download the DOCX instead.");

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    private static string ChromiumPath(IConfiguration configuration) =>
        configuration["Reports:Chromium"] is { Length: > 0 } path ? path : PdfRenderer.DefaultChromium;

    private static PdfLimits Limits(IConfiguration configuration) =>
        configuration.GetValue<int?>("Reports:PrintTimeoutSeconds") is > 0 and var seconds
            ? new PdfLimits { Timeout = TimeSpan.FromSeconds(seconds) }
            : new PdfLimits();
}
