using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Results;

/// <summary>
/// Seed 003's FY2566 result entered from its indicator scores alone: the pages, the document and the API give the
/// possible levels (ผ่าน or ผ่านดี) and what would decide them, never ผ่านดี; with its EIT parts it stays ผ่าน.
/// </summary>
public sealed class UndecidedRatingPagesTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const string IndicatorsOnly =
        """{"fiscalYear": 2566, "indicators": {"1": 94.98, "2": 88.57, "3": 87.61, "4": 89.58, "5": 87.63, "6": 89.36, "7": 90.63, "8": 85.71, "9": 85.00, "10": 100}}""";

    private const string Undecided = "ผ่าน หรือ ผ่านดี";
    private const string DecidedBy = "ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒";

    private static async Task<TestApp> StartAsync(DatabaseEngine engine)
    {
        var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("ministry", kind: AgencyKind.Ministry);
        await app.AddAgencyAsync("opdc", "ministry");
        await app.AddAgencyAsync("parts", "ministry");
        await app.AddUserAsync("coordinator", false, ("opdc", Role.Coordinator), ("parts", Role.Coordinator));
        await app.AddUserAsync("overseer", false, ("ministry", Role.Oversight));
        await ResultPagesTests.StoreAsync(app, "opdc", IndicatorsOnly);
        await ResultPagesTests.StoreAsync(app, "parts", ResultPagesTests.Example("opdc-2566.json")); // with EIT1 and EIT2
        return app;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_result_page_and_the_overview_show_the_possible_levels_and_what_would_decide_them(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var client = await app.SignedInAsync("coordinator");

        var result = WebUtility.HtmlDecode(await client.GetStringAsync("/agencies/opdc/results/2566"));
        var overview = WebUtility.HtmlDecode(await client.GetStringAsync("/agencies/opdc"));
        var decided = WebUtility.HtmlDecode(await client.GetStringAsync("/agencies/parts/results/2566"));

        Assert.Matches(@"id=""rating"">\s*ผ่าน หรือ ผ่านดี\s*</div>", result);
        Assert.Contains(DecidedBy, result, StringComparison.Ordinal);
        Assert.Contains("data-possible=\"Pass GoodPass\"", result, StringComparison.Ordinal);
        Assert.Contains(Undecided, overview, StringComparison.Ordinal);
        Assert.Contains(DecidedBy, overview, StringComparison.Ordinal);
        Assert.Matches(@"id=""rating"">\s*ผ่าน\s*</div>", decided);
        Assert.DoesNotContain(DecidedBy, decided, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_dashboard_counts_an_undecided_rating_as_undecided_in_no_band(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var client = await app.SignedInAsync("overseer");

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/groups/ministry?year=2566"));

        Assert.Matches(@"<tr data-rating=""undecided"">\s*<td>ยังตัดสินระดับไม่ได้</td>\s*<td class=""num"">1</td>", page);
        Assert.Matches(@"<tr data-rating=""Pass"">\s*<td>ผ่าน</td>\s*<td class=""num"">1</td>", page);
        Assert.DoesNotContain("data-rating=\"GoodPass\"", page, StringComparison.Ordinal);
        Assert.Contains("ยังตัดสินระดับไม่ได้: 1", page, StringComparison.Ordinal); // its own column of the histogram
        Assert.Contains("85–94.99: 1", page, StringComparison.Ordinal); // only the decided one in the band
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_document_and_the_api_give_a_null_rating_with_the_possible_levels(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var client = await app.SignedInAsync("coordinator");

        var xlsx = await client.GetByteArrayAsync("/agencies/opdc/results/2566/result.xlsx");
        using var response = await client.GetAsync("/api/v1/agencies/opdc/results/2566");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var text = SheetText(xlsx);
        Assert.Contains(Undecided, text, StringComparison.Ordinal);
        Assert.Matches("ต้องมีคะแนน EIT ส่วนที่ [1๑] และ [2๒]", text); // in the document's digits
        var card = json.RootElement.GetProperty("scoreCard");
        Assert.Equal(JsonValueKind.Null, card.GetProperty("rating").ValueKind);
        Assert.Equal(["ผ่าน", "ผ่านดี"], card.GetProperty("possibleRatings").EnumerateArray().Select(l => l.GetProperty("th").GetString()));
        Assert.Equal(["EIT1", "EIT2"], card.GetProperty("ratingDecidedBy").GetProperty("instruments").EnumerateArray().Select(i => i.GetString()));
    }

    /// <summary>The lists gave the stored code only: null, with nothing saying why, for an open rating.</summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_api_lists_give_the_possible_levels_where_the_rating_is_open(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var overseer = await app.SignedInAsync("overseer");

        using var opdc = JsonDocument.Parse(await coordinator.GetStringAsync("/api/v1/agencies/opdc/results"));
        using var parts = JsonDocument.Parse(await coordinator.GetStringAsync("/api/v1/agencies/parts/results"));
        using var group = JsonDocument.Parse(await overseer.GetStringAsync("/api/v1/groups/ministry/summary?year=2566"));

        var open = opdc.RootElement.EnumerateArray().Single();
        var decided = parts.RootElement.EnumerateArray().Single();
        var rows = group.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("slug").GetString()!);
        foreach (var row in new[] { open, rows["opdc"] })
        {
            Assert.Equal(JsonValueKind.Null, row.GetProperty("rating").ValueKind);
            Assert.Equal(["Pass", "GoodPass"], row.GetProperty("possibleRatings").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(["EIT1", "EIT2"], row.GetProperty("ratingDecidedBy").GetProperty("instruments").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal(DecidedBy, row.GetProperty("ratingDecidedBy").GetProperty("th").GetString());
        }
        foreach (var row in new[] { decided, rows["parts"] })
        {
            Assert.Equal("Pass", row.GetProperty("rating").GetString());
            Assert.Empty(row.GetProperty("possibleRatings").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("ratingDecidedBy").ValueKind);
        }
    }

    /// <summary>The group's table printed "–" where the rating is open.</summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_group_table_names_the_possible_levels(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var client = await app.SignedInAsync("overseer");

        var text = SheetText(await client.GetByteArrayAsync("/groups/ministry/results.xlsx?year=2566"));

        Assert.Contains(Undecided, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A database of a release before the honest-ratings rule stored ผ่านดี for the indicator-only result (and has no mark
    /// of the correction). At the next start the level is taken off (the pages then show the possible levels); a decided
    /// one stays; a second run finds nothing to do; the correction is marked done, so a later start does not read every
    /// result again.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_level_stored_before_the_rule_left_it_open_is_taken_off_at_start_once(DatabaseEngine engine)
    {
        string connection;
        await using (var before = await StartAsync(engine))
        {
            connection = before.ConnectionString;
            await before.WithDbAsync(db => db.Results.Where(r => r.Agency!.Slug == "opdc")
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.RatingCode, "GoodPass")));
            await before.WithDbAsync(db => db.StartupSteps.ExecuteDeleteAsync()); // as a database of that release
        }

        await using var app = await TestApp.StartAsync(engine, connection);
        var ratings = await app.WithDbAsync(db => db.Results.OrderBy(r => r.Agency!.Slug).Select(r => r.RatingCode).ToListAsync());
        var again = await app.WithDbAsync(db => OpenIta.Data.Results.StoredRatings.ClearUndecidedAsync(db, OpenIta.Core.Methodology.FrameworkCatalog.BuiltIn));
        var page = WebUtility.HtmlDecode(await (await app.SignedInAsync("coordinator")).GetStringAsync("/agencies/opdc"));

        Assert.Equal([null, "Pass"], ratings); // opdc, parts
        Assert.Equal(0, again);
        Assert.Contains(Undecided, page, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.StartupSteps.AnyAsync(s => s.Name == OpenIta.Web.Infrastructure.StartupTasks.ClearUndecidedRatings)));
    }

    /// <summary>The correction reads every rated result of FY2566 and later: once per database, not at every start.</summary>
    [Fact]
    public async Task The_correction_runs_once_per_database_not_at_every_start()
    {
        string connection;
        await using (var first = await StartAsync(DatabaseEngine.Sqlite))
        {
            connection = first.ConnectionString;
            Assert.True(await first.WithDbAsync(db => db.StartupSteps.AnyAsync(s => s.Name == OpenIta.Web.Infrastructure.StartupTasks.ClearUndecidedRatings)));
            // A level the correction would take off, planted after it ran: only a second run would notice it.
            await first.WithDbAsync(db => db.Results.Where(r => r.Agency!.Slug == "opdc")
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.RatingCode, "GoodPass")));
        }

        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite, connection);

        Assert.Equal("GoodPass", await app.WithDbAsync(db => db.Results.Where(r => r.Agency!.Slug == "opdc").Select(r => r.RatingCode).SingleAsync()));
    }

    private static string SheetText(byte[] xlsx)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var shared = workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        return shared + string.Concat(workbook.WorkbookPart.WorksheetParts.Select(w => w.Worksheet.InnerText));
    }
}
