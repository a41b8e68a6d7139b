using Xunit;

namespace OpenIta.Web.Tests.Language;

/// <summary>The crawl's rule (<see cref="ThaiText"/>) on the texts issue 10 found, and on Thai that must pass.</summary>
public sealed class ThaiTextTests
{
    [Theory]
    [InlineData("The FY2566 rating scale is inferred from seed 003", "English sentence")]
    [InlineData("ค่าที่ได้ not given, and not computable", "English sentence")]
    [InlineData("ตัวชี้วัด instruments.EIT", "field path")]
    [InlineData("indicators.4: 120", "field path")]
    [InlineData("total: 89.21", "field path")]
    [InlineData("ข้อมูล subIndicators", "field path")]
    [InlineData("อ้างอิง spm-2565.json", "file name or our source")]
    [InlineData("ดู seed 003", "file name or our source")]
    [InlineData("ตาม research §5.1", "file name or our source")]
    public void A_developer_text_on_a_Thai_page_is_found(string text, string kind) =>
        Assert.Contains(ThaiText.Problems(text), p => p.Kind == kind);

    [Theory]
    [InlineData("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2566: IIT 89.67 EIT 88.57 OIT 92.50")]
    [InlineData("มาตรการ No Gift Policy ของหน่วยงาน")]
    [InlineData("ดาวน์โหลด DOCX PDF XLSX CSV")]
    [InlineData("ตัวชี้วัดที่ 4 การใช้ทรัพย์สินของราชการ: เผยแพร่ 86.10, คำนวณได้ 86.11")]
    [InlineData("โทเค็น API สำหรับ OpenITA")]
    [InlineData("อบต. maet-na-thom")]
    public void Thai_with_names_and_acronyms_passes(string text) => Assert.Empty(ThaiText.Problems(text));

    [Fact]
    public void The_language_switch_scripts_and_tags_are_not_read_but_titles_are()
    {
        var html = """
            <form method="post" action="/account/language"><button>English version of this page</button></form>
            <script>var x = "this is not shown";</script>
            <p title="shown as a tooltip">ข้อความ</p>
            """;
        var visible = ThaiText.Visible(html);
        Assert.DoesNotContain("English version", visible, StringComparison.Ordinal);
        Assert.DoesNotContain("not shown", visible, StringComparison.Ordinal);
        Assert.Contains("shown as a tooltip", visible, StringComparison.Ordinal);
    }
}
