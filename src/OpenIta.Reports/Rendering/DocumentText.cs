using System.Globalization;
using OpenIta.Core.Text;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Rendering;

/// <summary>The words every renderer writes the same way: digits, the front matter, list markers, signatures.</summary>
internal sealed class DocumentText(DocumentOptions options)
{
    /// <summary>The font the documents name: Word uses it where installed; Linux maps it to Laksaman (fonts-thai-tlwg).</summary>
    public const string FontName = "TH Sarabun New";

    /// <summary>
    /// The one sanitising step of every writer (DOCX, XLSX, HTML for PDF): what <see cref="UserText"/> refuses today but
    /// a database may hold from before (a control character, U+FFFE, a direction override) is left out, so the document is
    /// still written instead of a writer throwing and the download answering 500 for ever.
    /// </summary>
    public static string Safe(string text) => UserText.Printable(text);

    /// <summary>Text in the document's digits; codes such as O11 or I7 keep theirs.</summary>
    public string Digits(string text) =>
        options.Digits == DigitStyle.Thai ? ThaiDigits.ToThaiExceptCodes(text) : ThaiDigits.ToArabic(text);

    public string? FiscalYearLine => options.FiscalYear is { } fy
        ? Digits(string.Create(CultureInfo.InvariantCulture, $"ปีงบประมาณ พ.ศ. {fy}"))
        : null;

    public string? DateLine => options.Date is { } d ? ThaiDates.Full(d, options.Digits) : null;

    public string ListMarker(bool numbered, int index) =>
        numbered ? Digits(string.Create(CultureInfo.InvariantCulture, $"{index + 1}.")) : "•";

    /// <summary>The lines of a signature block, in the order of Thai memos.</summary>
    public IReadOnlyList<string> SignatureLines(SignatureBlock s)
    {
        var lines = new List<string>();
        if (s.Caption is { } caption)
        {
            lines.Add(caption);
        }
        lines.Add("(ลงชื่อ) ..................................................");
        if (!string.IsNullOrWhiteSpace(s.Name))
        {
            // A public copy leaves the name out (issue 13): the position, date and memo number say who approved.
            lines.Add($"({s.Name})");
        }
        lines.Add(s.Position);
        if (s.Date is { } date)
        {
            lines.Add("วันที่ " + ThaiDates.Full(date, options.Digits));
        }
        if (s.MemoNumber is { } memo)
        {
            lines.Add("เลขที่บันทึก " + Digits(memo));
        }
        return lines;
    }
}
