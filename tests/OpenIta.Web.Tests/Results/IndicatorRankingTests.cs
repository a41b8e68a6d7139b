using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Reports;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Results.ResultPagesTests;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OpenIta.Web.Tests.Results;

/// <summary>Issue 8: one indicator ranking. The result page and the analysis document mark the same highest and lowest
/// indicators; when every indicator has the same score neither marks any, and both say so.</summary>
public sealed partial class IndicatorRankingTests
{
    private const string AllNinety =
        """{"fiscalYear": 2565, "indicators": {"1": 90, "2": 90, "3": 90, "4": 90, "5": 90, "6": 90, "7": 90, "8": 90, "9": 90, "10": 90}}""";

    [Theory]
    [InlineData(AllNinety, new int[0], new int[0])]
    [InlineData(null, new[] { 9, 10 }, new[] { 4 })] // seed 000
    public async Task The_page_and_the_document_mark_the_same_highest_and_lowest(string? input, int[] highest, int[] lowest)
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("viewer", false, ("spm", Role.Viewer));
        await StoreAsync(app, "spm", input ?? Example("spm-2565.json"));
        var viewer = await app.SignedInAsync("viewer");

        var ranking = Section(await viewer.GetStringAsync("/agencies/spm/results/2565"), "ranking");
        var response = await viewer.GetAsync("/agencies/spm/results/2565/analysis.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (documentRows, documentText) = await RankingOfDocumentAsync(response);

        Assert.Equal(highest, Marked(ranking, "highest"));
        Assert.Equal(lowest, Marked(ranking, "lowest"));
        Assert.Equal(highest, documentRows.Where(r => r.Note == "คะแนนสูงสุด").Select(r => r.Indicator));
        Assert.Equal(lowest, documentRows.Where(r => r.Note == "คะแนนต่ำสุด").Select(r => r.Indicator));
        var allEqual = highest.Length == 0;
        Assert.Equal(allEqual, ranking.Contains("ranking-all-equal", StringComparison.Ordinal));
        Assert.Equal(allEqual, documentText.Contains(AnalysisDocument.AllEqual, StringComparison.Ordinal));
        Assert.Equal(allEqual, ranking.Contains(AnalysisDocument.AllEqual, StringComparison.Ordinal));
    }

    private static int[] Marked(string ranking, string mark) =>
        Regex.Matches(ranking, $@"<tr class=""{mark}"" data-indicator=""(\d+)"">").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The rows of the document's ranking table (the one headed ลำดับ … หมายเหตุ): indicator and note.</summary>
    private static async Task<(List<(int Indicator, string Note)> Rows, string Text)> RankingOfDocumentAsync(HttpResponseMessage response)
    {
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        var table = body.Descendants<W.Table>().Single(t => t.Descendants<W.TableRow>().First().InnerText.Contains("หมายเหตุ", StringComparison.Ordinal)
            && t.Descendants<W.TableRow>().First().InnerText.StartsWith("ลำดับ", StringComparison.Ordinal));
        var rows = table.Descendants<W.TableRow>().Skip(1).Select(r =>
        {
            var cells = r.Descendants<W.TableCell>().Select(c => c.InnerText).ToList();
            var number = IndicatorNumber().Match(cells[1]).Groups[1].Value;
            return (int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), cells[^1]);
        }).ToList();
        return (rows, string.Join("\n", body.Descendants<W.Paragraph>().Select(p => p.InnerText)));
    }

    [GeneratedRegex(@"\(ตัวชี้วัดที่ (\d+)\)")]
    private static partial Regex IndicatorNumber();
}
