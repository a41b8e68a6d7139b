using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using OpenIta.Web.Tests.Results;
using Xunit;

namespace OpenIta.Web.Tests.Dashboards;

/// <summary>The group dashboard: counts, pass rate, ranking, averages and missing agencies, computed in SQL on both engines.</summary>
public sealed class GroupDashboardTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    public static TheoryData<DatabaseEngine, bool> EnginesAndThai => TestDatabases.BothAndThai;

    /// <summary>
    /// An FY2567 input whose every level is <paramref name="level"/>, except indicator 1 (+spread) and 2 (−spread),
    /// so that IIT, every instrument and the total stay at <paramref name="level"/>.
    /// </summary>
    private static string Input(int year, decimal level, decimal spread = 0)
    {
        string S(decimal v) => v.ToString(CultureInfo.InvariantCulture);
        var indicators = string.Join(", ", Enumerable.Range(1, 10).Select(n =>
            $"\"{n}\": {S(n == 1 ? level + spread : n == 2 ? level - spread : level)}"));
        var parts = year >= 2566 ? $", \"instruments\": {{\"EIT1\": {S(level)}, \"EIT2\": {S(level)}}}" : "";
        return $"{{\"fiscalYear\": {year}, \"indicators\": {{{indicators}}}{parts}}}";
    }

    /// <summary>
    /// Province "prov" with a1 (90), a2 (96, synthetic), a3 (80), a4 (no result) and a5 below a1 (86) in FY2567; a3 also
    /// has FY2566. The province itself has a result (60) and another province's agency has one (50): neither counts.
    /// </summary>
    private static async Task<TestApp> ProvinceAsync(DatabaseEngine engine, bool thaiCollation = false)
    {
        var app = await TestApp.StartAsync(engine, thaiCollation);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        foreach (var slug in new[] { "a1", "a2", "a3", "a4" })
        {
            await app.AddAgencyAsync(slug, "prov", AgencyKind.SubdistrictAdministration);
        }
        await app.AddAgencyAsync("a5", "a1", AgencyKind.SubdistrictAdministration);
        await app.AddAgencyAsync("other", kind: AgencyKind.Province);
        await app.AddAgencyAsync("b1", "other", AgencyKind.Municipality);
        await app.WithDbAsync(async db =>
        {
            (await db.Agencies.SingleAsync(a => a.Slug == "a2")).IsSynthetic = true;
            return 0;
        });
        await ResultPagesTests.StoreAsync(app, "a1", Input(2567, 90, 5));
        await ResultPagesTests.StoreAsync(app, "a2", Input(2567, 96, 2));
        await ResultPagesTests.StoreAsync(app, "a3", Input(2567, 80));
        await ResultPagesTests.StoreAsync(app, "a3", Input(2566, 70));
        await ResultPagesTests.StoreAsync(app, "a5", Input(2567, 86, 4));
        await ResultPagesTests.StoreAsync(app, "prov", Input(2567, 60));
        await ResultPagesTests.StoreAsync(app, "b1", Input(2567, 50));
        return app;
    }

    private static string Figure(string page, string name)
    {
        var match = Regex.Match(page, $@"data-figure=""{name}"">([^<]*)<");
        Assert.True(match.Success, $"no figure {name}");
        return match.Groups[1].Value.Trim();
    }

    [Theory]
    [MemberData(nameof(EnginesAndThai))]
    public async Task An_oversight_user_sees_counts_pass_rate_ranking_averages_and_missing_agencies(DatabaseEngine engine, bool thaiCollation)
    {
        await using var app = await ProvinceAsync(engine, thaiCollation);
        await app.AddUserAsync("overseer", false, ("prov", Role.Oversight));
        var client = await app.SignedInAsync("overseer");

        var response = await client.GetAsync("/groups/prov");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Contains("ปีงบประมาณ พ.ศ. 2567", page, StringComparison.Ordinal); // the latest year with results
        Assert.Equal("5", Figure(page, "agencies"));
        Assert.Equal("4", Figure(page, "with-results"));
        Assert.Equal("3", Figure(page, "passing"));                 // 90, 96 and 86; not 80
        Assert.Equal("75.00 %", Figure(page, "pass-rate"));
        Assert.Equal("88.00", Figure(page, "average"));             // (90 + 96 + 80 + 86) / 4
        Assert.Matches(@"data-figure=""target"">\s*เป้าหมายระดับประเทศ ≥ 84 %:\s*<span class=""fail"">ยังไม่บรรลุ", page);

        // Average per indicator, over the four results: 1 → (95 + 98 + 80 + 90) / 4, 2 → (85 + 94 + 80 + 82) / 4.
        var averages = ResultPagesTests.Section(page, "indicator-averages");
        Assert.Matches(@"data-indicator=""1"">[\s\S]*?<td class=""num"">90\.75</td>\s*<td class=""num"">4</td>", averages);
        Assert.Matches(@"data-indicator=""2"">[\s\S]*?<td class=""num"">85\.25</td>", averages);
        Assert.Matches(@"data-indicator=""3"">[\s\S]*?<td class=""num"">88\.00</td>", averages);
        Assert.Contains("<svg class=\"chart bar-chart\"", averages, StringComparison.Ordinal);

        // Ranking from the highest total, synthetic agencies marked; neither the province itself nor b1.
        var ranking = ResultPagesTests.Section(page, "ranking");
        Assert.Equal(["a2", "a1", "a5", "a3"], Regex.Matches(ranking, @"data-agency=""(\w+)""").Select(m => m.Groups[1].Value));
        Assert.Matches(@"data-agency=""a2"">[\s\S]*?badge synthetic[\s\S]*?96\.00[\s\S]*?ผ่านดีเยี่ยม", ranking);
        Assert.Matches(@"data-agency=""a3"">[\s\S]*?80\.00[\s\S]*?ต้องปรับปรุง[\s\S]*?ไม่ผ่าน", ranking);
        Assert.Contains("href=\"/agencies/a1/results/2567\"", ranking, StringComparison.Ordinal);
        Assert.Contains("1 แห่ง เป็นข้อมูลสังเคราะห์", page, StringComparison.Ordinal);

        // Distribution by the FY2567 bands: 0–69.99, 70–84.99, 85–94.99, 95–100.
        var distribution = ResultPagesTests.Section(page, "distribution");
        Assert.Contains("<svg class=\"chart histogram\"", distribution, StringComparison.Ordinal);
        Assert.Contains("<title>70–84.99: 1</title>", distribution, StringComparison.Ordinal);
        Assert.Contains("<title>85–94.99: 2</title>", distribution, StringComparison.Ordinal);
        Assert.Contains("<title>95–100: 1</title>", distribution, StringComparison.Ordinal);
        Assert.Contains("<title>0–69.99: 0</title>", distribution, StringComparison.Ordinal);

        var missing = ResultPagesTests.Section(page, "missing");
        Assert.Equal(["a4"], Regex.Matches(missing, @"data-missing=""(\w+)""").Select(m => m.Groups[1].Value));

        // Another year: only a3 has FY2566; no national target is known for it.
        var earlier = await client.GetStringAsync("/groups/prov?year=2566");
        Assert.Equal("1", Figure(earlier, "with-results"));
        Assert.Equal("0", Figure(earlier, "passing"));
        Assert.Equal("0.00 %", Figure(earlier, "pass-rate"));
        Assert.Contains("ไม่ทราบเป้าหมายระดับประเทศของปีนี้", earlier, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(ResultPagesTests.Section(earlier, "missing"), "data-missing="));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_those_who_oversee_the_group_see_its_dashboard(DatabaseEngine engine)
    {
        await using var app = await ProvinceAsync(engine);
        await app.AddUserAsync("overseer", false, ("prov", Role.Oversight));
        await app.AddUserAsync("coordinator", false, ("a1", Role.Coordinator));
        await app.AddUserAsync("province-viewer", false, ("prov", Role.Viewer));
        await app.AddUserAsync("outsider", false, ("b1", Role.Coordinator));
        await app.AddUserAsync("admin", true);

        var overseer = await app.SignedInAsync("overseer");
        Assert.Contains("href=\"/groups/prov\"", await overseer.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/prov\"", await overseer.GetStringAsync("/agencies/a5"), StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/prov\"", await overseer.GetStringAsync("/agencies/prov"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await overseer.GetAsync("/groups/a1")).StatusCode); // a group below theirs
        Assert.Equal(HttpStatusCode.NotFound, (await overseer.GetAsync("/groups/other")).StatusCode);

        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/groups/prov")).StatusCode); // cannot read the province
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/groups/a1")).StatusCode); // reads a1, oversees nothing
        Assert.DoesNotContain("/groups/", await coordinator.GetStringAsync("/agencies/a1"), StringComparison.Ordinal);
        Assert.DoesNotContain("/groups/", await coordinator.GetStringAsync("/"), StringComparison.Ordinal);

        var viewer = await app.SignedInAsync("province-viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/groups/prov")).StatusCode);

        var outsider = await app.SignedInAsync("outsider");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/groups/prov")).StatusCode);

        var admin = await app.SignedInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/groups/other")).StatusCode);
        Assert.Contains("href=\"/groups/other\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_results_says_so()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("empty", kind: AgencyKind.Ministry);
        await app.AddAgencyAsync("d1", "empty");
        await app.AddUserAsync("overseer", false, ("empty", Role.Oversight));
        var client = await app.SignedInAsync("overseer");

        var page = await client.GetStringAsync("/groups/empty");

        Assert.Contains("ยังไม่มีผลการประเมิน", page, StringComparison.Ordinal);
    }
}
