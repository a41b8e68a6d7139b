using OpenIta.Core.Text;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;

namespace OpenIta.Web.Infrastructure;

/// <summary>
/// A document downloaded from the pages as DOCX, PDF or XLSX: rendered in the asked format and sent with a Thai file
/// name (Content-Disposition filename*, with an ASCII fallback). PDF needs Chromium on the server: 503 when it is missing or failing, 422 for a document over the printer's limits
/// (<see cref="PdfPrinter"/>).
/// </summary>
public static class DocumentFiles
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["pdf"] = "application/pdf",
    };

    public static bool IsFormat(string format) => ContentTypes.ContainsKey(format);

    /// <summary>The digits a download asks for: <c>?digits=thai</c> for Thai digits, Arabic otherwise.</summary>
    public static DigitStyle Digits(string? digits) =>
        string.Equals(digits, "thai", StringComparison.OrdinalIgnoreCase) ? DigitStyle.Thai : DigitStyle.Arabic;

    /// <summary>
    /// A download's file name as sent: what <see cref="UserText"/> refuses (control characters, direction overrides that
    /// would show "exe.docx" as "xcod.exe") and the characters file systems refuse (/ \ : * ? " &lt; &gt; |) are left out
    /// or replaced, so an agency name stored before the rule cannot disguise a file.
    /// </summary>
    public static string FileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var safe = new string([.. UserText.Printable(name).Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or '\t' or '\r' or '\n' ? ' ' : c)]);
        return string.Join(' ', safe.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static async Task<IResult> RespondAsync(ReportDocument document, string format, string fileName, PdfPrinter printer, Lang lang,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(printer);
        ArgumentNullException.ThrowIfNull(lang);
        byte[] bytes;
        switch (format)
        {
            case "docx":
                bytes = new DocxRenderer().Render(document);
                break;
            case "xlsx":
                bytes = new XlsxRenderer().Render(document);
                break;
            default:
                var printed = await printer.PrintAsync(document, cancellationToken);
                if (printed.Pdf is not { } pdf)
                {
                    return TypedResults.Problem(statusCode: printed.Status, title: lang.T(printed.Th, printed.En));
                }
                bytes = pdf;
                break;
        }
        return TypedResults.File(bytes, ContentTypes[format], FileName(fileName));
    }
}
