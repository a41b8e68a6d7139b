using System.Net;
using DocumentFormat.OpenXml.Packaging;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Results;

/// <summary>The results exports: one agency's result and a group's table, as XLSX (and DOCX).</summary>
public sealed class ResultDownloadTests
{
    public static TheoryData<DatabaseEngine, bool> Engines => TestDatabases.BothAndThai;

    private static string SheetText(byte[] xlsx)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var shared = workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        return shared + string.Concat(workbook.WorkbookPart.WorksheetParts.Select(w => w.Worksheet.InnerText));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_agencys_result_and_a_groups_table_export_to_those_who_may_read_them(DatabaseEngine engine, bool thaiCollation)
    {
        await using var app = await StartAsync(engine, thaiCollation: thaiCollation);
        await app.AddUserAsync("provviewer", false, ("prov", Role.Viewer));
        var viewer = await app.SignedInAsync("viewer");
        var oversight = await app.SignedInAsync("oversight");

        // One agency's result: every level, with the questions' texts.
        var result = await viewer.GetAsync("/agencies/spm/results/2565/result.xlsx");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("ผล ITA spm 2565.xlsx", result.Content.Headers.ContentDisposition!.FileNameStar);
        var text = SheetText(await result.Content.ReadAsByteArrayAsync());
        Assert.Contains("I7", text, StringComparison.Ordinal);
        Assert.Contains("56.51", text, StringComparison.Ordinal); // I7's score, given (numbers stay numbers in XLSX)
        Assert.Contains("การรับรู้ให้ความรู้เกี่ยวกับ", text, StringComparison.Ordinal); // I7's text
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/agencies/spm/results/2564/result.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync("/agencies/spm/results/2565/result.xlsx")).StatusCode);

        // The group's table: for those who oversee the group.
        var table = await oversight.GetAsync("/groups/prov/results.xlsx?year=2565");
        Assert.Equal(HttpStatusCode.OK, table.StatusCode);
        var rows = SheetText(await table.Content.ReadAsByteArrayAsync());
        Assert.Contains("spm", rows, StringComparison.Ordinal);
        Assert.Contains("77.676", rows, StringComparison.Ordinal); // IIT as stored, exact (shown as 77.68)
        Assert.Equal(HttpStatusCode.OK, (await oversight.GetAsync("/groups/prov/results.docx")).StatusCode);
        Assert.Contains("href=\"/groups/prov/results.xlsx?year=2565\"", await oversight.GetStringAsync("/groups/prov?year=2565"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("provviewer")).GetAsync("/groups/prov/results.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/groups/prov/results.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync("/groups/prov/results.csv")).StatusCode);
    }
}
