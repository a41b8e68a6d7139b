using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Results;

/// <summary>The result page and the agency overview: what a coordinator reads (seed 000's analysis, made by the page).</summary>
public sealed partial class ResultPagesTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    internal static string Example(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", name));

    internal static Task StoreAsync(TestApp app, string slug, string inputJson) => app.WithDbAsync(async db =>
    {
        var agency = await db.Agencies.SingleAsync(a => a.Slug == slug);
        return await ResultStore.StageAsync(db, agency, inputJson, "test", TimeProvider.System, FrameworkCatalog.BuiltIn);
    });

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_coordinator_sees_seed_000_FY2565_with_its_ranking(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        await StoreAsync(app, "spm", Example("spm-2565.json"));
        var client = await app.SignedInAsync("coordinator");

        var response = await client.GetAsync("/agencies/spm/results/2565");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("<div class=\"figure\" id=\"total\">89.21</div>", page, StringComparison.Ordinal);
        Assert.Matches(@"id=""rating"">\s*A\s*</div>", page);
        Assert.Equal("77.68", InstrumentScore(page, "IIT"));
        Assert.Equal("86.34", InstrumentScore(page, "EIT"));
        Assert.Equal("100.00", InstrumentScore(page, "OIT"));
        Assert.Contains("ตัวเลขที่เผยแพร่ตรงกับที่คำนวณทุกรายการ", page, StringComparison.Ordinal);

        // Ranking: 9 and 10 share the highest place at 100.00; 4 is the lowest at 74.27.
        var ranking = Section(page, "ranking");
        var highest = RankedRows(ranking, "highest");
        Assert.Equal(["9", "10"], highest.Select(r => r.Indicator));
        Assert.All(highest, r => Assert.Equal("100.00", r.Score));
        var lowest = Assert.Single(RankedRows(ranking, "lowest"));
        Assert.Equal(("4", "74.27"), (lowest.Indicator, lowest.Score));
        Assert.Contains("สูงสุด", ranking, StringComparison.Ordinal);
        Assert.Contains("ต่ำสุด", ranking, StringComparison.Ordinal);
        // Ranked from the highest down: 9, 10, 6, 1, 7, 8, 3, 5, 2, 4.
        Assert.Equal(["9", "10", "6", "1", "7", "8", "3", "5", "2", "4"],
            IndicatorRow().Matches(ranking).Select(m => m.Groups["n"].Value));

        // Per indicator against 85: indicator 1 (85.84) passes, indicator 2 (74.30) does not.
        var indicators = Section(page, "indicators");
        Assert.Contains("การปฏิบัติหน้าที่", indicators, StringComparison.Ordinal);
        Assert.Matches(@"data-indicator=""1"">[\s\S]*?85\.84[\s\S]*?class=""pass""", indicators);
        Assert.Matches(@"data-indicator=""2"">[\s\S]*?74\.30[\s\S]*?class=""fail""", indicators);
        // The chart: an SVG with the 85 line, labelled in Thai, no inline style.
        Assert.Contains("<svg class=\"chart bar-chart\"", indicators, StringComparison.Ordinal);
        Assert.Contains("เกณฑ์ผ่าน 85", indicators, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", page);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_published_figure_that_disagrees_is_shown_as_a_flag(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("opdc");
        await app.AddUserAsync("coordinator", false, ("opdc", Role.Coordinator));
        await StoreAsync(app, "opdc", Example("opdc-2566.json"));
        var client = await app.SignedInAsync("coordinator");

        var page = await client.GetStringAsync("/agencies/opdc/results/2566");

        var flags = Section(page, "discrepancies");
        Assert.Matches(@"class=""flag discrepancy"">[\s\S]*?คะแนนเครื่องมือ EIT</strong>[\s\S]*?88\.75[\s\S]*?88\.57", flags);
        Assert.Contains("<div class=\"figure\" id=\"total\">90.47</div>", page, StringComparison.Ordinal);
        Assert.Matches(@"id=""rating"">\s*ผ่าน\s*</div>", page);
        // EIT part 1 is under 85: marked on the instrument table.
        Assert.Matches(@"data-instrument=""EIT1"">[\s\S]*?84\.54[\s\S]*?class=""fail""", Section(page, "instruments"));
        // The overview counts it.
        var overview = await client.GetStringAsync("/agencies/opdc");
        Assert.Contains("⚑ 2", overview, StringComparison.Ordinal); // instruments.EIT, and the same figure against indicators 6–8
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_overview_compares_years_and_the_result_page_compares_with_the_previous_year(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("opdc");
        await app.AddUserAsync("viewer", false, ("opdc", Role.Viewer));
        // Seed 003: FY2565 IIT 90.26, EIT 85.15, OIT 100 → 92.62; FY2566 → 90.47.
        await StoreAsync(app, "opdc", """{"fiscalYear": 2565, "instruments": {"IIT": 90.26, "EIT": 85.15, "OIT": 100}}""");
        await StoreAsync(app, "opdc", Example("opdc-2566.json"));
        var client = await app.SignedInAsync("viewer");

        var overview = await client.GetStringAsync("/agencies/opdc");
        Assert.Contains("data-year=\"2565\"", overview, StringComparison.Ordinal);
        Assert.Contains("data-year=\"2566\"", overview, StringComparison.Ordinal);
        var years = Section(overview, "year-over-year");
        Assert.Contains("<svg class=\"chart line-chart\"", years, StringComparison.Ordinal);
        Assert.Matches(@"92\.62[\s\S]*?90\.47<div class=""diff down"">-2\.15</div>", years);
        Assert.Matches(@"90\.26[\s\S]*?89\.67<div class=""diff down"">-0\.59</div>", years);
        Assert.DoesNotContain("/edit", overview, StringComparison.Ordinal); // a viewer is offered no edit link

        var comparison = Section(await client.GetStringAsync("/agencies/opdc/results/2566"), "comparison");
        Assert.Contains("เปรียบเทียบกับ", comparison, StringComparison.Ordinal);
        Assert.Matches(@"92\.62</td>\s*<td class=""num"">90\.47</td>\s*<td class=""num down"">-2\.15</td>", comparison);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_user_of_another_agency_finds_none_of_its_pages(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddAgencyAsync("tceb");
        await app.AddUserAsync("other", false, ("tceb", Role.Coordinator));
        await StoreAsync(app, "spm", Example("spm-2565.json"));
        var client = await app.SignedInAsync("other");

        foreach (var path in new[] { "/agencies/spm", "/agencies/spm/results/2565", "/agencies/spm/results/2565/edit", "/agencies/spm/results/2567/edit", "/groups/spm" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
        var token = await TestApp.AntiforgeryTokenAsync(client, "/agencies/tceb/results/2565/edit");
        var post = await client.PostAsync("/agencies/spm/results/2565/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["indicators.1"] = "50",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/agencies/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/agencies/tceb/results/2565")).StatusCode); // no result yet
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/agencies/tceb")).StatusCode);
    }

    [Fact]
    public async Task The_pages_speak_English_on_request()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("prov", kind: OpenIta.Data.Agencies.AgencyKind.Province);
        await app.AddAgencyAsync("spm", "prov");
        await app.AddUserAsync("admin", true);
        await StoreAsync(app, "spm", Example("spm-2565.json"));
        var client = await app.SignedInAsync("admin");
        client.DefaultRequestHeaders.Add("Cookie", "lang=en");

        var result = await client.GetStringAsync("/agencies/spm/results/2565");
        Assert.Contains("Ranked from highest to lowest", result, StringComparison.Ordinal);
        Assert.Contains("FY2565 (2021–22)", result, StringComparison.Ordinal);
        Assert.Contains("1. Performance of duty", result, StringComparison.Ordinal);
        Assert.Contains("Year over year", await client.GetStringAsync("/agencies/spm"), StringComparison.Ordinal);
        Assert.Contains("Indicator scores", await client.GetStringAsync("/agencies/spm/results/2565/edit"), StringComparison.Ordinal);
        Assert.Contains("Average per indicator", await client.GetStringAsync("/groups/prov"), StringComparison.Ordinal);
    }

    /// <summary>The score of an instrument's row in the instrument table.</summary>
    internal static string InstrumentScore(string page, string code)
    {
        var match = Regex.Match(Section(page, "instruments"),
            $@"data-instrument=""{code}"">[\s\S]*?</td>\s*<td class=""num"">[^<]*</td>\s*<td class=""num"">([^<]*)</td>");
        Assert.True(match.Success, $"no row for {code}");
        return match.Groups[1].Value;
    }

    internal static string Section(string page, string id)
    {
        var match = Regex.Match(page, $@"<section[^>]*id=""{id}""[\s\S]*?</section>");
        Assert.True(match.Success, $"no section {id}");
        return match.Value;
    }

    private static List<(string Indicator, string Score)> RankedRows(string ranking, string mark) =>
        Regex.Matches(ranking, $@"<tr class=""{mark}"" data-indicator=""(\d+)"">[\s\S]*?<td class=""num"">(\d+\.\d\d)</td>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [GeneratedRegex(@"<tr[^>]*data-indicator=""(?<n>\d+)"">")]
    private static partial Regex IndicatorRow();
}
