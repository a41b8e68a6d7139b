using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Oit;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Public;

/// <summary>
/// Issue 13, items 4 and 5: an agency's OIT is public once its coordinator submitted the year's set — the page, the
/// JSON feed and the fragment agency websites embed (the one response any site may frame) — and not before; an unknown
/// agency or year is a problem+json for the feed, whoever asks; the oversight page counts a group's readiness right.
/// </summary>
public sealed class PublicOitTests
{
    private const int Year = 2566;
    private const string Page = "/public/agencies/spm/oit/2566";
    private const string Note = "หมายเหตุภายในของเจ้าของข้อ";

    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_feed_page_and_fragment_show_the_OIT_only_once_submitted(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("spm", "prov");
        var anonymous = app.Client();
        await OitAsync(app, "spm", ("O1", ["https://www.spm.go.th/ita/o1", "https://www.spm.go.th/ita/o1-2"]), ("O2", ["https://www.spm.go.th/ita/o2"]));

        // Links entered, not submitted: nothing is public.
        foreach (var path in new[] { Page, Page + ".json", Page + "/embed", "/public/agencies/spm/2566" })
        {
            Assert.True((await anonymous.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, path);
        }

        await SubmitAsync(app, "spm");
        var page = await anonymous.GetStringAsync(Page);
        Assert.Contains("href=\"https://www.spm.go.th/ita/o1-2\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, page, StringComparison.Ordinal);
        Assert.Contains("href=\"" + Page + "\"", await anonymous.GetStringAsync("/public/agencies/spm/2566"), StringComparison.Ordinal);

        using var feed = await anonymous.GetAsync(Page + ".json");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/json", feed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", feed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("max-age=300", feed.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.NotNull(feed.Headers.ETag);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Note, text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal("spm", root.GetProperty("agency").GetProperty("slug").GetString());
        Assert.Equal(Year, root.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(Page, root.GetProperty("page").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(43, items.Count); // every item of FY2566, in the framework's order, with or without links
        Assert.Equal("O1", items[0].GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(items[0].GetProperty("title").GetString()));
        Assert.Equal("https://www.spm.go.th/ita/o1 https://www.spm.go.th/ita/o1-2",
            string.Join(' ', items[0].GetProperty("urls").EnumerateArray().Select(u => u.GetProperty("url").GetString())));
        Assert.False(items[0].GetProperty("urls")[0].GetProperty("clarification").GetBoolean());
        Assert.Empty(items.Single(i => i.GetProperty("code").GetString() == "O3").GetProperty("urls").EnumerateArray());
        Assert.False(root.GetProperty("items")[0].TryGetProperty("score", out _));

        using var embed = await anonymous.GetAsync(Page + "/embed");
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.False(embed.Headers.Contains("X-Frame-Options"), "The fragment must be frameable.");
        var policy = embed.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors *", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("*", embed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var fragment = await embed.Content.ReadAsStringAsync();
        Assert.True(fragment.Length < 24_000, $"The fragment is {fragment.Length} characters.");
        Assert.DoesNotContain("<script", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://www.spm.go.th/ita/o2\" target=\"_blank\" rel=\"noopener noreferrer\"", fragment, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"th\">", fragment, StringComparison.Ordinal);
        // The style the policy allows by its hash is the fragment's own.
        var style = System.Text.RegularExpressions.Regex.Match(fragment, "<style>(.*?)</style>").Groups[1].Value;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
        Assert.Contains("'sha256-" + hash + "'", policy, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", await anonymous.GetStringAsync(Page + "/embed?lang=en"), StringComparison.Ordinal);

        // Every other page keeps framing forbidden, the OIT page included.
        using var full = await anonymous.GetAsync(Page);
        Assert.Equal("DENY", full.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_unknown_agency_or_year_of_the_feed_is_problem_json_even_for_a_browser()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("spm");
        var anonymous = app.Client();
        foreach (var path in new[] { "/public/agencies/nobody/oit/2566.json", "/public/agencies/spm/oit/2566.json", "/public/agencies/spm/oit/1999.json" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("public.oit.not-found", problem.RootElement.GetProperty("code").GetString());
            Assert.Contains("ไม่พบข้อมูล OIT", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        // The page and the fragment answer a browser with the Thai page.
        using var html = new HttpRequestMessage(HttpMethod.Get, "/public/agencies/nobody/oit/2566");
        html.Headers.Accept.ParseAdd("text/html");
        using var page = await anonymous.SendAsync(html);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("ไม่พบ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_oversight_page_counts_each_agencys_submitted_linked_broken_scored_and_clarified_items()
    {
        var checks = new FixedChecks();
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite,
            configure: builder => builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IOitUrlChecks>(checks))));
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("a", "prov");
        await app.AddAgencyAsync("b", "prov");
        await app.AddAgencyAsync("c", "prov");
        await app.AddAgencyAsync("elsewhere", kind: AgencyKind.Province);
        await app.AddAgencyAsync("x", "elsewhere");
        await app.AddUserAsync("oversight", false, ("prov", Role.Oversight));
        await app.AddUserAsync("coordinator", false, ("a", Role.Coordinator));
        await app.AddUserAsync("outsider", false, ("elsewhere", Role.Oversight));
        await OitAsync(app, "a", ("O1", ["https://a.go.th/1", "https://a.go.th/1b"]), ("O2", ["https://a.go.th/2"]), ("O3", ["https://a.go.th/3"]));
        await SubmitAsync(app, "a");
        await OitAsync(app, "b", ("O1", ["https://b.go.th/1"]));
        await OitAsync(app, "x", ("O1", ["https://x.go.th/1"]));
        await SubmitAsync(app, "x");
        // The assessor's and the agency's steps as they leave the rows: a's O1 and O2 scored, O2 clarified then confirmed.
        await app.WithDbAsync(async db =>
        {
            var a = await db.Agencies.Where(x => x.Slug == "a").Select(x => x.Id).SingleAsync();
            var items = await db.OitItems.Where(i => i.AgencyId == a && i.FiscalYear == Year).ToListAsync();
            foreach (var item in items.Where(i => i.Code is "O1" or "O2"))
            {
                item.Score = 100;
                item.ScoreState = OitScoreState.Scored;
            }
            var o2 = items.Single(i => i.Code == "O2");
            o2.ClarifiedAtUnixMs = 1;
            o2.ScoreState = OitScoreState.Confirmed;
            // The link checker saw a's links: one answered 404, one did not answer, one 200; b's and the other group's none.
            var urls = await db.OitUrls.Where(u => u.Item!.AgencyId == a).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync();
            checks.Statuses[urls[0]] = 404;
            checks.Statuses[urls[1]] = null;
            checks.Statuses[urls[2]] = 200;
            return 0;
        });

        var oversight = await app.SignedInAsync("oversight");
        var html = await oversight.GetStringAsync("/groups/prov/oit?year=2566");
        Assert.Equal("1", Cell(html, "submitted"));
        Assert.Equal("4 / 129", Cell(html, "with-links"));
        Assert.Equal("2 / 3", Cell(html, "broken"));
        Assert.Equal("2 / 129", Cell(html, "scored"));
        Assert.Equal("1", Cell(html, "clarified"));
        Assert.Equal(("3 / 43", "2 / 3", "2", "1", "1"), Row(html, "a"));
        Assert.Equal(("1 / 43", "–", "0", "0", "0"), Row(html, "b"));
        Assert.Equal(("0 / 43", "–", "0", "0", "0"), Row(html, "c"));
        Assert.DoesNotContain("data-agency=\"x\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/prov/oit\"", await oversight.GetStringAsync("/groups/prov"), StringComparison.Ordinal);

        // Only those who oversee the group: a coordinator below it is refused (403), another group's oversight cannot see it (404).
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("outsider")).GetAsync("/groups/prov/oit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("coordinator")).GetAsync("/groups/prov/oit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("coordinator")).GetAsync("/groups/a/oit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client().GetAsync("/groups/prov/oit")).StatusCode);
    }

    /// <summary>Items of <paramref name="slug"/>'s FY2566 with links (the coordinator's, through the store), with a note each.</summary>
    internal static async Task OitAsync(TestApp app, string slug, params (string Code, string[] Urls)[] items)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var store = scope.ServiceProvider.GetRequiredService<OitStore>();
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Slug == slug);
        foreach (var (code, urls) in items)
        {
            await store.SaveLinksAsync(agency, Year, code, [.. urls.Select(u => new OitLinkInput(u))], Note, null, Administrator, Actor);
        }
    }

    internal static async Task SubmitAsync(TestApp app, string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Slug == slug);
        await scope.ServiceProvider.GetRequiredService<OitStore>().SubmitAsync(agency, Year, null, Administrator, Actor);
    }

    private static readonly Permissions Administrator = new("setup", true, []);
    private static readonly PlanActor Actor = new(null, "ผู้ประสานงานทดสอบ");

    private static string Cell(string html, string id) =>
        System.Text.RegularExpressions.Regex.Match(html, $"id=\"{id}\">([^<]*)<").Groups[1].Value.Trim();

    private static (string, string, string, string, string) Row(string html, string slug)
    {
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-agency=\"{slug}\">([\\s\\S]*?)</tr>").Groups[1].Value;
        string Col(string name) => System.Text.RegularExpressions.Regex.Match(row, $"data-col=\"{name}\">([^<]*)<").Groups[1].Value.Trim();
        return (Col("with-links"), Col("broken"), Col("scored"), Col("clarified"), Col("confirmed"));
    }

    /// <summary>
    /// The link checks the oversight page reads, as the link checker's store would answer them (its branch is not merged
    /// here yet): the status of each link's newest check; a link without an entry was never checked.
    /// </summary>
    private sealed class FixedChecks : IOitUrlChecks
    {
        public Dictionary<long, int?> Statuses { get; } = [];

        public Task<IReadOnlyDictionary<long, OitUrlCheck>> LatestAsync(IReadOnlyCollection<long> urlIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<long, OitUrlCheck>>(urlIds.Where(Statuses.ContainsKey)
                .ToDictionary(id => id, id => new OitUrlCheck(id, Statuses[id], null, null, null, 0)));
    }
}
