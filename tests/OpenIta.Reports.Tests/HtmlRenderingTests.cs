using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports.Tests;

public class HtmlRenderingTests
{
    [Fact]
    public void Html_is_self_contained_thai_and_a4()
    {
        var html = new HtmlRenderer().Render(SampleDocument.Build());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"th\">", html, StringComparison.Ordinal);
        Assert.Contains("font-family: \"TH Sarabun New\", \"Laksaman\", \"Sarabun\", sans-serif", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4 portrait;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("<th colspan=\"4\">ปีงบประมาณ พ.ศ. 2569</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th rowspan=\"2\">ที่</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"marked\"></td>", html.Replace("c marked", "marked", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("ไตรมาส 1<br>ต.ค.–ธ.ค.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_document_content_in_thai_digits()
    {
        // The content people read, without the style sheet (its own test above).
        var html = new HtmlRenderer().Render(SampleDocument.Build(DigitStyle.Thai));
        var start = html.IndexOf("<style>", StringComparison.Ordinal);
        var end = html.IndexOf("</style>", StringComparison.Ordinal) + "</style>".Length;
        OpenIta.Testing.Approvals.Verify(html[..start] + "<style>…</style>" + html[end..], "sample-document-thai-digits.html");
    }

    [Fact]
    public void Html_escapes_text_and_follows_the_digit_option()
    {
        var doc = new ReportDocument(new DocumentOptions("<ข้อ 1 & 2>", DigitStyle.Thai), [new Paragraph("a<b>c")]);
        var html = new HtmlRenderer().Render(doc);
        Assert.Contains("&lt;ข้อ ๑ &amp; ๒&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&lt;b&gt;c", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_spans_leave_continuations_in_the_rows_below()
    {
        var rows = new[]
        {
            TableRow.Of(new Cell("a", rowSpan: 2), new Cell("b", columnSpan: 2)),
            TableRow.Of("c", "d"),
        };
        var placed = CellGrid.Place(rows, 3);
        Assert.Equal([(0, false), (1, false)], placed[0].Select(p => (p.Column, p.Continuation)));
        Assert.Equal([(0, true), (1, false), (2, false)], placed[1].Select(p => (p.Column, p.Continuation)));
        Assert.Throws<InvalidOperationException>(() => CellGrid.Place([TableRow.Of("a", "b")], 1));
    }
}
