using System.Diagnostics;
using System.Net;
using System.Text;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Import;

/// <summary>
/// Issue 9 H1 (a 61 KB XLSX took gigabytes), M4 ("too many SQL variables"), L3 (formulas in the CSV templates):
/// reading a file is bounded whatever it holds, and only those who may import get it read at all.
/// </summary>
public sealed class ImportLimitsTests
{
    public static TheoryData<XlsxBombs.Kind> Bombs => new(Enum.GetValues<XlsxBombs.Kind>());

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Reading_an_xlsx_bomb_is_refused_within_seconds_and_allocates_under_100_MB(XlsxBombs.Kind kind)
    {
        var bomb = XlsxBombs.Make(kind);
        Assert.True(bomb.Length < Sheets.MaxFileBytes, $"{kind}: {bomb.Length} bytes");

        // Sheets.Read is synchronous: what this thread allocates is what the read allocated.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<SheetException>(() => Sheets.Read(bomb, ResultColumns.Agency)).Error;
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotEmpty(error.Thai);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"{kind}: {clock.Elapsed}");
        Assert.True(allocated < 100L * 1024 * 1024, $"{kind}: allocated {allocated / (1024 * 1024)} MB");
    }

    [Fact]
    public async Task An_xlsx_bomb_sent_by_a_coordinator_answers_400_within_seconds_and_saves_nothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        var coordinator = await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.ApiClientAsync(coordinator);

        var clock = Stopwatch.StartNew();
        using var response = await ImportFiles.PostApiAsync(client, XlsxBombs.Make(XlsxBombs.Kind.EmptyCells), "bomb.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), clock.Elapsed.ToString());
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
    }

    [Fact]
    public async Task A_user_who_coordinates_no_agency_is_refused_before_the_file_is_read()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        var viewer = await app.AddUserAsync("viewer", false, ("spm", Role.Viewer));
        var file = ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565);

        using var api = await ImportFiles.PostApiAsync(await app.ApiClientAsync(viewer), file);
        using var page = await ImportFiles.PostPageAsync(await app.SignedInAsync("viewer"), "/import", file);

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("coordinators", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("ท่านไม่มีสิทธิ์นำเข้าผลคะแนน", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
    }

    [Fact]
    public async Task An_import_naming_40000_unknown_agencies_is_a_400_listing_them_not_a_500()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddUserAsync("admin", administrator: true);
        var client = await app.ApiClientAsync(await app.AddUserAsync("api-admin", administrator: true));
        var lines = new List<string> { "agency,fiscal_year,total" };
        lines.AddRange(Enumerable.Range(0, 40_000).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"x{i},2565,80")));

        using var response = await ImportFiles.PostApiAsync(client, ImportFiles.Csv([.. lines]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("40000 errors", body, StringComparison.Ordinal);
        Assert.Contains("there is no agency", body, StringComparison.Ordinal);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.invalid\",\"x\")")]
    [InlineData("+66 2 123 4567")]
    [InlineData("-1+1")]
    [InlineData("@SUM(1,1)")]
    [InlineData("\t=1+1")]
    public void Agency_names_that_a_spreadsheet_would_run_are_written_as_text_in_the_csv_template(string name)
    {
        var framework = FrameworkCatalog.BuiltIn.All.Last();
        var csv = Encoding.UTF8.GetString(ResultTemplate.Csv(framework, [new Agency { Slug = "spm", NameTh = name }], detail: false));

        var row = Sheets.ReadCsv(csv).Rows.Single();
        Assert.Equal("'" + name, row.Cell(1));
        Assert.Equal("spm", row.Cell(0));
    }
}
