using OpenIta.Core.Measures;
using OpenIta.Reports.Documents;
using Table = OpenIta.Reports.Documents.Table;

namespace OpenIta.Reports.Tests;

/// <summary>A FY2567 result entered with few item scores: its themes print the items that have a score, and name the
/// others in one line, never as rows of "–" in the official analysis and measures documents.</summary>
public sealed class ThemeItemRowsTests
{
    public static TheoryData<string> Documents => ["analysis", "measures"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_theme_with_unknown_items_prints_what_is_known_not_empty_rows(string name)
    {
        var analysis = SamplePlans.Tambon2567();
        var agency = new AnalysisAgency("องค์การบริหารส่วนตำบลแม่นาทม");
        var document = name == "analysis"
            ? AnalysisDocument.Build(analysis, SamplePlans.Framework(2567), null, agency, new AnalysisDocumentOptions())
            : MeasuresDocument.Build(SamplePlans.ByTheme(), analysis, SamplePlans.Framework(2567), agency, new MeasuresDocumentOptions());
        var themeTables = document.Blocks.OfType<Table>().Where(t => t.SheetName?.StartsWith("ประเด็น ", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(themeTables);
        // No row of a theme's items without a score.
        Assert.All(themeTables.SelectMany(t => t.BodyRows), r => Assert.NotEqual("–", r.Cells[3].Text));
        // The scored items are there (i1 83.50, O10 0), the unscored ones named.
        var text = DocumentDump.Write(document);
        Assert.Contains("| i1 |", text, StringComparison.Ordinal);
        Assert.Contains("83.50", text, StringComparison.Ordinal);
        Assert.Contains("ไม่มีคะแนนรายข้อ", text, StringComparison.Ordinal);
        Assert.Contains(document.Blocks.OfType<Paragraph>(), p => p.Runs.Any(r => r.Text.Contains("es1", StringComparison.Ordinal)));
    }
}
