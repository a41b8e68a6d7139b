using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Oit;
using OpenIta.Data.Results;
using OpenIta.Data.Users;
using OpenIta.Reports.Thai;
using OpenIta.Testing;
using OpenIta.Web.Tests.Api;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Oit;

/// <summary>
/// The OIT of issue 13 through the API and the store: links and their rules, stale writes, assessors' scores flowing
/// into the result through the engine, and the clarification window.
/// </summary>
public sealed class OitTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const string Items = "/api/v1/agencies/own/oit/2566/items";

    /// <summary>Seed 003 (ก.พ.ร.) FY2566: the indicators of IIT, EIT1 and EIT2 as published; its OIT given as indicators 9–10.</summary>
    private static readonly string Opdc2566 = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "opdc-2566.json"));

    /// <summary>own (in prov) with seed 003's FY2566 result, its coordinator, an assessor of prov for FY2566; the set submitted.</summary>
    private static async Task<(TestApp App, HttpClient Coordinator, HttpClient Assessor)> StartAsync(DatabaseEngine engine, bool submit = true)
    {
        var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        var own = await app.AddAgencyAsync("own", "prov");
        await app.WithDbAsync(async db =>
        {
            await ResultStore.StageAsync(db, db.Agencies.Single(a => a.Slug == "own"), Opdc2566, "test", TimeProvider.System, FrameworkCatalog.BuiltIn);
            return await db.SaveChangesAsync();
        });
        var coordinator = await app.ApiClientAsync(await app.AddUserAsync("coordinator", false, ("own", Role.Coordinator)));
        var assessor = await app.ApiClientAsync(await app.AddAssessorAsync("assessor", "prov", 2566));
        if (submit)
        {
            await SubmitAsync(app, "own", 2566);
        }
        return (app, coordinator, assessor);
    }

    /// <summary>The agency's set of the year made and submitted, as its coordinator would.</summary>
    internal static Task SubmitAsync(TestApp app, string slug, int year) => app.WithDbAsync(async db =>
    {
        var agency = await db.Agencies.SingleAsync(a => a.Slug == slug);
        var store = Store(app, db);
        await store.SubmitAsync(agency, year, null, new Permissions("admin", true, []), new PlanActor(null, "test"));
        return 0;
    });

    private static OitStore Store(TestApp app, OpenItaDb db) => new(db, TimeProvider.System, FrameworkCatalog.BuiltIn,
        app.Services.GetRequiredService<OitWindowDefaults>(), new NoOitUrlChecks());

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body) =>
        client.SendAsync(ApiCalls.Request(HttpMethod.Put, path, JsonSerializer.Serialize(body)));

    private static Task<HttpResponseMessage> ScoreAsync(HttpClient client, string code, int score, string? reason = null) =>
        PutAsync(client, $"{Items}/{code}/score", new { score, reason });

    private static Task<decimal?> TotalAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var exact = await db.Results.Where(r => r.Agency!.Slug == "own" && r.FiscalYear == 2566).Select(r => r.TotalExact).SingleAsync();
        return exact is null ? (decimal?)null : decimal.Parse(exact, CultureInfo.InvariantCulture);
    });

    /// <summary>
    /// The total by hand (DOMAIN.md §2.2, fy2566.yaml: each instrument as displayed, weighted 30/15/15/40): IIT the
    /// mean of seed 003's indicators 1–5; EIT1 and EIT2 as given; OIT the mean of indicators 9 and 10, each the mean of its
    /// sub-indicators, each the share of its items at 100.
    /// </summary>
    private static decimal ExpectedTotal(IReadOnlySet<string> failed)
    {
        var sub = new (string Code, int From, int To)[] { ("9.1", 1, 10), ("9.2", 11, 18), ("9.3", 19, 22), ("9.4", 23, 26), ("9.5", 27, 30), ("10.1", 31, 38), ("10.2", 39, 43) };
        decimal Mean(IEnumerable<decimal> xs) => xs.Sum() / xs.Count();
        decimal Sub(int i) => Mean(Enumerable.Range(sub[i].From, sub[i].To - sub[i].From + 1).Select(n => failed.Contains($"O{n}") ? 0m : 100m));
        var indicator9 = Mean(Enumerable.Range(0, 5).Select(Sub));
        var indicator10 = Mean(Enumerable.Range(5, 2).Select(Sub));
        var oit = (indicator9 + indicator10) / 2;
        var iit = (94.98m + 88.57m + 87.61m + 89.58m + 87.63m) / 5;
        decimal Shown(decimal x) => Math.Round(x, 2, MidpointRounding.AwayFromZero);
        return 0.30m * Shown(iit) + 0.15m * 84.54m + 0.15m * 92.59m + 0.40m * Shown(oit);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_assessors_item_scores_become_the_OIT_of_the_result_and_one_item_moves_the_total_exactly(DatabaseEngine engine)
    {
        var (app, _, assessor) = await StartAsync(engine);
        await using var _app = app;
        var before = await TotalAsync(app);
        Assert.Equal(90.4705m, before); // seed 003 as published, OIT given as indicators 9–10

        // Seed 003's OIT: three of the four HR items (9.4) failed, the rest passed — 42 scores change nothing yet.
        var failed = new HashSet<string>(StringComparer.Ordinal) { "O23", "O24", "O25" };
        foreach (var n in Enumerable.Range(1, 42))
        {
            var code = $"O{n}";
            var response = await ScoreAsync(assessor, code, failed.Contains(code) ? 0 : 100, failed.Contains(code) ? "ไม่พบเอกสารของปี พ.ศ. 2566" : null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(before, await TotalAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await ScoreAsync(assessor, "O43", 100)).StatusCode);
        Assert.Equal(ExpectedTotal(failed), await TotalAsync(app));
        Assert.Equal(90.4705m, ExpectedTotal(failed)); // seed 003's OIT 92.50 reproduced from the items

        // One item to 0: sub-indicator 9.1 = 90, indicator 9 = 83, OIT = 91.50, the total 0.40 lower.
        failed.Add("O1");
        Assert.Equal(HttpStatusCode.OK, (await ScoreAsync(assessor, "O1", 0, "ไม่แสดงแผนผังโครงสร้าง")).StatusCode);
        Assert.Equal(ExpectedTotal(failed), await TotalAsync(app));
        Assert.Equal(90.0705m, await TotalAsync(app));
        var oit = await app.WithDbAsync(db => db.ResultScores.Where(s => s.Code == "OIT").Select(s => s.Exact).SingleAsync());
        Assert.Equal(91.5m, decimal.Parse(oit, CultureInfo.InvariantCulture));

        // The API shows the score and the reason.
        var year = await ApiCalls.JsonOf(await assessor.GetAsync("/api/v1/agencies/own/oit/2566"));
        var o1 = year.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "O1");
        Assert.Equal(0, o1.GetProperty("score").GetInt32());
        Assert.Contains("ไม่แสดงแผนผังโครงสร้าง", o1.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(43, year.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_clarification_after_the_window_closes_is_refused_and_the_score_stays(DatabaseEngine engine)
    {
        var (app, coordinator, assessor) = await StartAsync(engine);
        await using var _app = app;
        Assert.Equal(HttpStatusCode.OK, (await ScoreAsync(assessor, "O5", 0, "ไม่มีหมายเลขโทรศัพท์")).StatusCode);
        var today = ThaiTime.Today(TimeProvider.System);
        await SetWindowAsync(app, today.AddDays(-20), today.AddDays(-1));

        var clarification = await app.WithDbAsync(async db =>
        {
            var own = await db.Agencies.SingleAsync(a => a.Slug == "own");
            var coordinatorPermissions = await Permissions.ForAsync(db, await db.Users.Where(u => u.UserName == "coordinator").Select(u => u.Id).SingleAsync());
            return await Assert.ThrowsAsync<OitException>(() => Store(app, db).ClarifyAsync(own, 2566, "O5",
                new OitLinkInput("https://example.org/contact"), "มีหมายเลขโทรศัพท์แล้ว", null, coordinatorPermissions, new PlanActor(null, "coordinator")));
        });
        Assert.Equal((OitRefusal.Conflict, "window"), (clarification.Refusal, clarification.Field));
        // After the window opened, a given score does not change without a clarification.
        var rescore = await ScoreAsync(assessor, "O5", 100);
        Assert.Equal(HttpStatusCode.Conflict, rescore.StatusCode);
        var item = await app.WithDbAsync(db => db.OitItems.AsNoTracking().Include(i => i.Urls).SingleAsync(i => i.Code == "O5" && i.FiscalYear == 2566));
        Assert.Equal((0, OitScoreState.Scored, null), (item.Score, item.ScoreState, item.Clarification));
        Assert.DoesNotContain(item.Urls, u => u.FromClarification);

        // In an open window: the clarification is taken, and the assessor confirms 100.
        await SetWindowAsync(app, today.AddDays(-1), today.AddDays(1));
        await app.WithDbAsync(async db =>
        {
            var own = await db.Agencies.SingleAsync(a => a.Slug == "own");
            var permissions = await Permissions.ForAsync(db, await db.Users.Where(u => u.UserName == "coordinator").Select(u => u.Id).SingleAsync());
            await Store(app, db).ClarifyAsync(own, 2566, "O5", new OitLinkInput("https://example.org/contact"), "มีหมายเลขโทรศัพท์แล้ว", null, permissions, new PlanActor(null, "coordinator"));
            return 0;
        });
        Assert.Equal(HttpStatusCode.OK, (await ScoreAsync(assessor, "O5", 100)).StatusCode);
        var confirmed = await app.WithDbAsync(db => db.OitItems.AsNoTracking().SingleAsync(i => i.Code == "O5" && i.FiscalYear == 2566));
        Assert.Equal((100, OitScoreState.Confirmed), (confirmed.Score, confirmed.ScoreState));
        var actions = await app.WithDbAsync(db => db.OitEvents.Where(e => e.ItemCode == "O5").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["scored", "clarified", "changed"], actions);
        _ = coordinator;
    }

    private static Task SetWindowAsync(TestApp app, DateOnly opens, DateOnly closes) => app.WithDbAsync(async db =>
    {
        var prov = await db.Agencies.SingleAsync(a => a.Slug == "prov");
        var assessorId = await db.Users.Where(u => u.UserName == "assessor").Select(u => u.Id).SingleAsync();
        await Store(app, db).SetWindowAsync(prov, 2566, opens, closes, await Permissions.ForAsync(db, assessorId), new PlanActor(assessorId, "assessor"));
        return 0;
    });

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Links_must_be_absolute_http_on_the_agencys_domain_or_state_why_and_keep_their_ids(DatabaseEngine engine)
    {
        var (app, coordinator, _) = await StartAsync(engine, submit: false);
        await using var _app = app;

        var relative = await PutAsync(coordinator, $"{Items}/O1", new { urls = new List<string> { "https://www.own.go.th/a", "/structure" } });
        Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
        var problem = await ApiCalls.ProblemOf(relative);
        Assert.Equal("urls[1]", problem.GetProperty("field").GetString());
        Assert.Contains("urls[1]", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("http", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var ftp = await PutAsync(coordinator, $"{Items}/O1", new { urls = new List<string> { "ftp://www.own.go.th/a" } });
        Assert.Equal("urls[0]", (await ApiCalls.ProblemOf(ftp)).GetProperty("field").GetString());
        var script = await PutAsync(coordinator, $"{Items}/O1", new { urls = new List<string> { "javascript:alert(1)" } });
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);

        // The registered domain: a link elsewhere needs a stated reason.
        await app.WithDbAsync(async db =>
        {
            (await db.Agencies.SingleAsync(a => a.Slug == "own")).WebsiteDomain = "www.own.go.th";
            return await db.SaveChangesAsync();
        });
        var elsewhere = await PutAsync(coordinator, $"{Items}/O1", new { urls = new List<string> { "https://own.go.th/a", "https://drive.example.com/x" } });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Equal("urls[1]", (await ApiCalls.ProblemOf(elsewhere)).GetProperty("field").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.OitUrls.CountAsync()));

        var saved = await PutAsync(coordinator, $"{Items}/O1", new
        {
            urls = new List<object> { "https://www.own.go.th/structure", new { url = "https://drive.example.com/x", exception = "ไฟล์ขนาดใหญ่เก็บบนคลังเอกสารกลาง" } },
            note = "โครงสร้างปี 2566",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var first = await ApiCalls.JsonOf(saved);
        var ids = first.GetProperty("urls").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.All(first.GetProperty("urls").EnumerateArray(), u => Assert.Equal(JsonValueKind.Null, u.GetProperty("check").ValueKind));

        // Saved again with one link dropped and one added: the kept link keeps its id; the dropped one is kept as removed.
        var again = await ApiCalls.JsonOf(await PutAsync(coordinator, $"{Items}/O1", new { urls = new List<string> { "https://www.own.go.th/new", "https://www.own.go.th/structure" } }));
        var urls = again.GetProperty("urls").EnumerateArray().ToList();
        Assert.Equal(["https://www.own.go.th/new", "https://www.own.go.th/structure"], urls.Select(u => u.GetProperty("url").GetString()));
        Assert.Equal(ids[0], urls[1].GetProperty("id").GetInt64());
        Assert.NotNull(await app.WithDbAsync(db => db.OitUrls.Where(u => u.Id == ids[1]).Select(u => u.RemovedAtUnixMs).SingleAsync()));

        // A stale version is a 409; an unknown item a 404.
        var stale = await PutAsync(coordinator, $"{Items}/O1", new { urls = new List<string> { "https://www.own.go.th/x" }, version = first.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(coordinator, $"{Items}/O99", new { urls = Array.Empty<string>() })).StatusCode);

        // Once submitted, the links no longer change.
        await SubmitAsync(app, "own", 2566);
        Assert.Equal(HttpStatusCode.Conflict, (await PutAsync(coordinator, $"{Items}/O1", new { urls = new List<string> { "https://www.own.go.th/y" } })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_assessors_of_the_group_and_year_score_and_a_zero_needs_a_reason(DatabaseEngine engine)
    {
        var (app, coordinator, assessor) = await StartAsync(engine);
        await using var _app = app;
        var otherYear = await app.ApiClientAsync(await app.AddAssessorAsync("assessor-2567", "prov", 2567));
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));

        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(coordinator, "O2", 100)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(otherYear, "O2", 100)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(admin, "O2", 100)).StatusCode);
        var noReason = await ScoreAsync(assessor, "O2", 0);
        Assert.Equal("reason", (await ApiCalls.ProblemOf(noReason)).GetProperty("field").GetString());
        var fifty = await PutAsync(assessor, $"{Items}/O2/score", new { score = 50 });
        Assert.Equal("score", (await ApiCalls.ProblemOf(fifty)).GetProperty("field").GetString());
        var criterion = await PutAsync(assessor, $"{Items}/O11/score", new { score = 0, reason = "ไม่มีงบประมาณ", criteriaNotMet = new List<int> { 2, 9 } });
        Assert.Equal("criteriaNotMet", (await ApiCalls.ProblemOf(criterion)).GetProperty("field").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.OitItems.CountAsync(i => i.Score != null)));

        var ticked = await PutAsync(assessor, $"{Items}/O11/score", new { score = 0, reason = "ไม่มีงบประมาณ", suggestion = "แสดงงบประมาณรายโครงการ", criteriaNotMet = new List<int> { 2 } });
        Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        var item = await ApiCalls.JsonOf(ticked);
        Assert.Equal([2], item.GetProperty("criteriaNotMet").EnumerateArray().Select(n => n.GetInt32()));
        Assert.StartsWith("เกณฑ์ที่ 2: มีข้อมูลรายละเอียดของแผนฯ", item.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }
}
