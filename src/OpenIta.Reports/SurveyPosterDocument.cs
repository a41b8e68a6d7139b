using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>One survey link on the poster: who answers through it, the address, and a line on how.</summary>
/// <param name="Heading">"แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)".</param>
/// <param name="Who">Who is asked to answer.</param>
/// <param name="Url">The absolute address the QR code holds and the poster prints.</param>
/// <param name="Note">How answering works (the OTP of EIT part 1), or null.</param>
public sealed record PosterLink(string Heading, string Who, string Url, string? Note = null);

/// <summary>
/// The printable A4 poster of an agency's survey links (issue 12, item 3): a QR code and the address of the IIT link and,
/// when the round has one, of EIT part 1, with what the respondent needs to know (anonymous, no sign-in). Printed through
/// the same pipeline as every document (<see cref="PdfRenderer"/>); digits stay Arabic, since an address is typed.
/// </summary>
public static class SurveyPosterDocument
{
    /// <summary>The QR's printed width: 5 cm reads from a phone at arm's length, and two fit on one A4 page with their text.</summary>
    private const double QrWidthCm = 5;

    public static string Title => "ขอเชิญร่วมตอบแบบสำรวจการประเมินคุณธรรมและความโปร่งใส (ITA)";

    public static ReportDocument Build(string agencyName, int fiscalYear, IReadOnlyList<PosterLink> links)
    {
        ArgumentException.ThrowIfNullOrEmpty(agencyName);
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count is 0 or > 2)
        {
            throw new ArgumentException("A poster carries one or two links.", nameof(links));
        }
        var blocks = new List<Block>
        {
            new Paragraph("ไม่ต้องลงชื่อเข้าใช้ ไม่มีการเก็บชื่อหรือข้อมูลที่ระบุตัวผู้ตอบ คำตอบของท่านใช้เพื่อการประเมินเท่านั้น", TextAlign.Center),
        };
        foreach (var link in links)
        {
            blocks.Add(new Heading(1, link.Heading));
            blocks.Add(new Paragraph(link.Who, TextAlign.Center));
            blocks.Add(new Graphic(QrCodes.Svg(link.Url), QrWidthCm, "คิวอาร์โค้ด " + link.Url));
            blocks.Add(new Paragraph([new Run(link.Url, Bold: true)], TextAlign.Center));
            if (link.Note is { } note)
            {
                blocks.Add(new Paragraph(note, TextAlign.Center));
            }
        }
        return new ReportDocument(
            new DocumentOptions(Title, DigitStyle.Arabic, new AgencyHeader(agencyName), FiscalYear: fiscalYear),
            blocks);
    }
}
