using System.Net;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Web.Tests.Dashboards;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Results;

/// <summary>
/// M4: a group's export once sent one SQL parameter per result and SQLite refuses more than 32,766 ("too many SQL
/// variables"), so a ministry's or the nation's table answered 500. Now the number of parameters does not grow with the data.
/// </summary>
public sealed class LargeGroupExportTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_group_export_of_more_than_32766_results_answers_200(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("ministry", kind: AgencyKind.Ministry);
        await app.WithDbAsync(async db =>
        {
            await BulkResults.AddAsync(db, "ministry", "m", 11_000, [2565, 2566, 2567]); // 33,000 results
            return 0;
        });
        await app.AddUserAsync("overseer", false, ("ministry", OpenIta.Data.Users.Role.Oversight));
        var client = await app.SignedInAsync("overseer");

        var response = await client.GetAsync("/groups/ministry/results.xlsx?year=2567");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var rows = document.WorkbookPart!.WorksheetParts.Sum(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
        Assert.True(rows >= 33_000, $"{rows} rows");
    }
}
