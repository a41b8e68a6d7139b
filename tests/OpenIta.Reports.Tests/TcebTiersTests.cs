using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using Table = OpenIta.Reports.Documents.Table;

namespace OpenIta.Reports.Tests;

/// <summary>Seed 001 (tceb, FY2564 results, FY2565 measures) sorts its items into tiers — urgent below 85, to improve
/// from 85 to 92 — and its measures document, built from the demo's files, prints each item's tier with its score.</summary>
public sealed class TcebTiersTests
{
    [Fact]
    public void Tcebs_measures_print_each_items_tier_with_its_score()
    {
        var seeds = Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds");
        var input = ScoreInputReader.Read(File.ReadAllText(Path.Combine(seeds, "tceb-2564.json")), FrameworkCatalog.BuiltIn.Find).Input;
        var framework = FrameworkCatalog.BuiltIn.Get(input.Year);
        var analysis = ResultAnalysis.Analyse(framework, ScoringEngine.Score(framework, input), AnalysisSettings.Default, [], input.OitItems);
        var plan = MeasurePlanJson.Read(File.ReadAllText(Path.Combine(seeds, "measures-tceb-2564.json")));

        var document = MeasuresDocument.Build(plan, analysis, framework, new AnalysisAgency("สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)"), new MeasuresDocumentOptions());
        var rows = document.Blocks.OfType<Table>().Single().BodyRows;
        string Score(string code) => rows.First(r => r.Cells[0].Text == code || r.Cells[0].Text.StartsWith(code + " ", StringComparison.Ordinal)).Cells[1].Text;

        Assert.Equal("81.80\nเร่งด่วน", Score("I7"));   // seed 001: I7 81.80, urgent
        Assert.Equal("84.25\nเร่งด่วน", Score("I14"));
        Assert.Equal("90.91\nควรพัฒนา", Score("I1"));  // seed 001: I1 90.91, to improve
        // The score is still a number for XLSX.
        Assert.Equal(81.80m, rows.First(r => r.Cells[0].Text.StartsWith("I7", StringComparison.Ordinal)).Cells[1].Number);
    }
}
