using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Import;

/// <summary>Importing results from CSV and XLSX through /import and the API, on both database engines.</summary>
public sealed class ResultImportTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static async Task<TestApp> CoordinatorAppAsync(DatabaseEngine engine)
    {
        var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddAgencyAsync("opdc");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator), ("opdc", Role.Coordinator));
        return app;
    }

    private static async Task AssertSeed000StoredAsync(TestApp app)
    {
        var result = await app.WithDbAsync(db => db.Results.Include(r => r.Scores).Include(r => r.Agency).SingleAsync(r => r.Agency!.Slug == "spm"));
        Assert.Equal((2565, 8921, "A", true, 0, "coordinator"),
            (result.FiscalYear, result.TotalHundredths, result.RatingCode, result.Passed, result.DiscrepancyCount, result.UpdatedBy));
        Assert.Contains(result.Scores, s => s is { Level: ScoreLevel.Instrument, Code: "IIT", Hundredths: 7768, Given: false });
        Assert.Contains(result.Scores, s => s is { Level: ScoreLevel.Instrument, Code: "EIT", Hundredths: 8634 });
        Assert.Contains(result.Scores, s => s is { Level: ScoreLevel.Instrument, Code: "OIT", Hundredths: 10000 });
        Assert.Contains(result.Scores, s => s is { Level: ScoreLevel.Indicator, Code: "2", Hundredths: 7430, Given: true });
        using var input = JsonDocument.Parse(result.InputJson);
        Assert.Equal(2565, input.RootElement.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(85.84m, input.RootElement.GetProperty("indicators").GetProperty("1").GetDecimal());
        Assert.Equal("A", input.RootElement.GetProperty("published").GetProperty("rating").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_coordinator_imports_a_csv_and_sees_the_totals_and_ratings(DatabaseEngine engine)
    {
        await using var app = await CoordinatorAppAsync(engine);
        var client = await app.SignedInAsync("coordinator");

        var response = await ImportFiles.PostPageAsync(client, "/import",
            ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"import-result\"", page, StringComparison.Ordinal);
        Assert.Contains("หน่วยงาน spm", page, StringComparison.Ordinal);
        Assert.Contains("ปีงบประมาณ พ.ศ. 2565", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">89.21</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>A</td>", page, StringComparison.Ordinal);
        Assert.Contains("ตรงกับที่คำนวณ", page, StringComparison.Ordinal); // every published figure matches
        await AssertSeed000StoredAsync(app);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_coordinator_imports_an_xlsx_with_two_agencies_and_years(DatabaseEngine engine)
    {
        await using var app = await CoordinatorAppAsync(engine);
        var client = await app.SignedInAsync("coordinator");
        var header = ImportFiles.Header.Split(',').Concat(["EIT1", "EIT2"]).ToArray();
        object?[] Row(string line, int columns) => line.Split(',')
            .Select(v => decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) ? (object)d : v)
            .Concat(Enumerable.Repeat<object?>(null, columns)).Take(header.Length).ToArray();
        var opdc = ImportFiles.Opdc2566.Split(',');
        var opdcRow = new object?[header.Length];
        for (var i = 0; i < 12; i++)
        {
            opdcRow[i] = i == 0 ? opdc[i] : decimal.Parse(opdc[i], System.Globalization.CultureInfo.InvariantCulture);
        }
        opdcRow[^2] = 84.54m;
        opdcRow[^1] = 92.59m;
        var xlsx = Sheets.WriteXlsx([new SheetContent("results", [header, Row(ImportFiles.Spm2565, header.Length), opdcRow])]);

        var response = await ImportFiles.PostPageAsync(client, "/import", xlsx, "results.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<td class=\"num\">89.21</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">90.47</td>", page, StringComparison.Ordinal); // seed 003's printed total
        await AssertSeed000StoredAsync(app);
        var opdcResult = await app.WithDbAsync(db => db.Results.Include(r => r.Scores).SingleAsync(r => r.Agency!.Slug == "opdc"));
        Assert.Equal((2566, 9047), (opdcResult.FiscalYear, opdcResult.TotalHundredths));
        Assert.Contains(opdcResult.Scores, s => s is { Level: ScoreLevel.Instrument, Code: "EIT1", Hundredths: 8454, Given: true });
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Importing_the_same_file_twice_leaves_the_same_data(DatabaseEngine engine)
    {
        await using var app = await CoordinatorAppAsync(engine);
        var client = await app.SignedInAsync("coordinator");
        var file = ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565);

        var first = await ImportFiles.PostPageAsync(client, "/import", file);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await app.WithDbAsync(db => db.Results.AsNoTracking().Include(r => r.Scores).ToListAsync());
        var scoresBefore = await ImportFiles.CountScoresAsync(app);

        var second = await ImportFiles.PostPageAsync(client, "/import", file);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("แทนที่ผลเดิม", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await app.WithDbAsync(db => db.Results.AsNoTracking().Include(r => r.Scores).ToListAsync());
        Assert.Equal(scoresBefore, await ImportFiles.CountScoresAsync(app));
        var one = Assert.Single(after);
        Assert.Equal(before.Single().Id, one.Id);
        Assert.Equal((before[0].InputJson, before[0].TotalExact, before[0].RatingCode), (one.InputJson, one.TotalExact, one.RatingCode));
        Assert.Equal(
            before[0].Scores.OrderBy(s => s.Level).ThenBy(s => s.Code, StringComparer.Ordinal).Select(s => (s.Level, s.Code, s.Exact, s.Given)),
            one.Scores.OrderBy(s => s.Level).ThenBy(s => s.Code, StringComparer.Ordinal).Select(s => (s.Level, s.Code, s.Exact, s.Given)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_api_imports_a_file_and_answers_with_a_summary(DatabaseEngine engine)
    {
        await using var app = await CoordinatorAppAsync(engine);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "coordinator").Select(u => u.Id).SingleAsync());
        var client = await app.ApiClientAsync(userId);

        var response = await ImportFiles.PostApiAsync(client, ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, summary.RootElement.GetProperty("imported").GetInt32());
        var result = summary.RootElement.GetProperty("results")[0];
        Assert.Equal(("spm", 2565, "89.21", "A", "created"),
            (result.GetProperty("agency").GetString(), result.GetProperty("fiscalYear").GetInt32(),
             result.GetProperty("totalDisplay").GetString(), result.GetProperty("rating").GetString(), result.GetProperty("status").GetString()));
        await AssertSeed000StoredAsync(app);

        var again = await ImportFiles.PostApiAsync(client, ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565));
        using var replaced = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(1, replaced.RootElement.GetProperty("replaced").GetInt32());
        Assert.Equal(1, await ImportFiles.CountResultsAsync(app));
    }

    [Fact]
    public async Task The_api_answers_a_broken_file_with_problem_details_listing_rows_and_columns()
    {
        await using var app = await CoordinatorAppAsync(DatabaseEngine.Sqlite);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "coordinator").Select(u => u.Id).SingleAsync());
        var client = await app.ApiClientAsync(userId);

        var response = await ImportFiles.PostApiAsync(client, ImportFiles.Csv(
            ImportFiles.Header, ImportFiles.Spm2565.Replace("74.30", "เจ็ดสิบสี่", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "indicator_2", "D"),
            (error.GetProperty("row").GetInt32(), error.GetProperty("column").GetString(), error.GetProperty("columnLetter").GetString()));
        Assert.Contains("เจ็ดสิบสี่", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
    }

    [Fact]
    public async Task The_api_takes_an_api_token_not_the_browser_cookie()
    {
        await using var app = await CoordinatorAppAsync(DatabaseEngine.Sqlite);
        var browser = await app.SignedInAsync("coordinator");

        var response = await ImportFiles.PostApiAsync(browser, ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
    }

    [Fact]
    public async Task The_template_lists_the_agencies_the_user_may_import_with_the_columns_of_the_year()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddAgencyAsync("tceb");
        await app.AddAgencyAsync("opdc");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator), ("tceb", Role.Viewer));
        var client = await app.SignedInAsync("coordinator");

        var xlsx = await client.GetAsync("/import/template?year=2566&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(Sheets.XlsxContentType, xlsx.Content.Headers.ContentType?.MediaType);
        var sheet = Sheets.Read(await xlsx.Content.ReadAsByteArrayAsync(), ResultColumns.Agency);
        Assert.Equal(
            ["agency", "agency_name", "fiscal_year", "indicator_1", "indicator_2", "indicator_3", "indicator_4", "indicator_5",
             "indicator_6", "indicator_7", "indicator_8", "indicator_9", "indicator_10", "IIT", "EIT1", "EIT2", "EIT", "OIT", "total",
             "published_total", "published_IIT", "published_EIT1", "published_EIT2", "published_EIT", "published_OIT", "published_rating"],
            sheet.Header);
        var row = Assert.Single(sheet.Rows);
        Assert.Equal(["spm", "หน่วยงาน spm", "2566"], row.Cells);

        var csv = await client.GetAsync("/import/template?year=2565&format=csv&detail=true");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // a byte order mark, so that Excel shows Thai
        var table = Sheets.Read(bytes, ResultColumns.Agency);
        Assert.Contains("IIT", table.Header);
        Assert.DoesNotContain("EIT1", table.Header);
        Assert.Contains(table.Header, h => h.StartsWith("q:", StringComparison.Ordinal));
        Assert.Contains(table.Header, h => h.StartsWith("oit:", StringComparison.Ordinal));
        Assert.Equal("spm", Assert.Single(table.Rows).Cells[0]);
    }

    [Fact]
    public async Task A_filled_template_imports_back()
    {
        await using var app = await CoordinatorAppAsync(DatabaseEngine.Sqlite);
        var client = await app.SignedInAsync("coordinator");
        var template = Sheets.Read(await client.GetByteArrayAsync("/import/template?year=2565&format=csv"), ResultColumns.Agency);
        var values = ImportFiles.Spm2565.Split(',');
        var filled = new List<IReadOnlyList<object?>> { template.Header.ToArray() };
        foreach (var row in template.Rows)
        {
            var cells = template.Header.Select((column, i) => (object?)row.Cell(i)).ToArray();
            if (row.Cell(0) == "spm")
            {
                for (var n = 1; n <= 10; n++)
                {
                    cells[template.Header.ToList().IndexOf($"indicator_{n}")] = values[n + 1];
                }
            }
            filled.Add(cells);
        }

        var response = await ImportFiles.PostPageAsync(client, "/import", Sheets.WriteCsv(filled));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("ข้าม 1 แถวที่ไม่มีคะแนน", page, StringComparison.Ordinal); // opdc's row was left empty
        var result = await app.WithDbAsync(db => db.Results.SingleAsync());
        Assert.Equal((8921, "A"), (result.TotalHundredths, result.RatingCode));
    }
}
