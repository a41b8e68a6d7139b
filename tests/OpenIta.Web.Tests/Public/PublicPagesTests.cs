using System.Globalization;
using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Demo;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Web.Tests.Infrastructure;
using OpenIta.Web.Tests.Measures;
using OpenIta.Web.Tests.Plans;
using Xunit;

namespace OpenIta.Web.Tests.Public;

/// <summary>
/// Issue 13, item 5: what an agency published has a stable public address (no sign-in), and only that. The measures
/// walk every state of the workflow (draft, submitted, approved, published, superseded) and the public page and
/// document answer 404 for each unpublished one; an action plan is public as published (a snapshot), a round once
/// closed and published; no public page or document names the approver or a user.
/// </summary>
public sealed class PublicPagesTests
{
    /// <summary>The approver's name (recorded with the approval): never on a public page or document.</summary>
    private const string ApproverName = "นายทดสอบ ผู้อนุมัติ";

    /// <summary>The name the audit trail records for the coordinator's steps: never public either.</summary>
    private const string ActorName = "ผู้ประสานงานทดสอบ";

    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_published_measures_revisions_are_public_and_a_superseded_one_stays_readable_marked(DatabaseEngine engine)
    {
        await using var app = await MeasuresKit.StartAsync(engine, withQuestions: false);
        var anonymous = app.Client();
        // The measures of results FY2565 run in FY2566: that is their public year.
        const string Year = "/public/agencies/spm/2566";
        string Page(int revision) => Year + "/measures/" + N(revision);
        string Docx(int revision) => Page(revision) + "/measures.docx";

        var first = await StoreAsync(app, (store, agency, actor) => store.StartAsync(agency, SeedPlan(), actor));
        await ExpectHiddenAsync(anonymous, "draft", Page(1), Docx(1), Year);
        await StepAsync(app, first, PlanAction.Submit);
        await ExpectHiddenAsync(anonymous, "submitted", Page(1), Docx(1), Year);
        await StepAsync(app, first, PlanAction.Approve);
        await ExpectHiddenAsync(anonymous, "approved", Page(1), Docx(1), Year);
        await StepAsync(app, first, PlanAction.Publish);

        var published = await GetOkAsync(anonymous, Page(1));
        Assert.Contains("id=\"approved-position\">เลขาธิการนายกรัฐมนตรี", published, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"superseded\"", published, StringComparison.Ordinal);
        Assert.DoesNotContain(ApproverName, published, StringComparison.Ordinal);
        Assert.DoesNotContain(ActorName, published, StringComparison.Ordinal);
        var document = await DocumentXmlAsync(anonymous, Docx(1));
        Assert.Contains("เลขาธิการนายกรัฐมนตรี", document, StringComparison.Ordinal);
        Assert.DoesNotContain(ApproverName, document, StringComparison.Ordinal);
        var year = await GetOkAsync(anonymous, Year);
        Assert.Contains("href=\"" + Page(1) + "\"", year, StringComparison.Ordinal);

        // Revision 2 through every state: hidden until published, while revision 1 stays the current public one.
        var second = await StepAsync(app, first, PlanAction.Revise);
        await ExpectHiddenAsync(anonymous, "draft of revision 2", Page(2), Docx(2));
        await StepAsync(app, second, PlanAction.Submit);
        await ExpectHiddenAsync(anonymous, "submitted revision 2", Page(2), Docx(2));
        await StepAsync(app, second, PlanAction.Approve);
        await ExpectHiddenAsync(anonymous, "approved revision 2", Page(2), Docx(2));
        Assert.DoesNotContain("id=\"superseded\"", await GetOkAsync(anonymous, Page(1)), StringComparison.Ordinal);
        Assert.DoesNotContain(Page(2), await GetOkAsync(anonymous, Year), StringComparison.Ordinal);
        await StepAsync(app, second, PlanAction.Publish);

        // Superseded: revision 1 stays at its address, marked, with a link to the current revision 2.
        var superseded = await GetOkAsync(anonymous, Page(1));
        Assert.Contains("id=\"superseded\"", superseded, StringComparison.Ordinal);
        Assert.Contains("href=\"" + Page(2) + "\"", superseded, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"superseded\"", await GetOkAsync(anonymous, Page(2)), StringComparison.Ordinal);
        year = await GetOkAsync(anonymous, Year);
        Assert.Contains("href=\"" + Page(2) + "\"", year, StringComparison.Ordinal);
        Assert.Contains("href=\"" + Page(1) + "\"", year, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Docx(1))).StatusCode);

        // A third revision, a draft again: hidden; unknown revisions and the wrong year too.
        await StepAsync(app, second, PlanAction.Revise);
        await ExpectHiddenAsync(anonymous, "draft of revision 3", Page(3), Docx(3), Page(9), "/public/agencies/spm/2565/measures/1");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_action_plan_is_public_as_published_and_a_round_once_closed_and_published(DatabaseEngine engine)
    {
        var cast = await PlansKit.StartAsync(engine);
        await using var app = cast.App;
        var anonymous = app.Client();
        var coordinator = await app.SignedInAsync("coordinator");
        var viewer = await app.SignedInAsync("viewer");
        const string Plan = "/public/agencies/spm/2568/plan";
        const string Progress = "/public/agencies/spm/2568/progress/6";
        await ExpectHiddenAsync(anonymous, "unpublished plan", Plan, Plan + "/plan.docx", "/public/agencies/spm/2568", "/public/agencies/spm");

        // Only the coordinator publishes (a viewer: 403, nothing public).
        var version = await PlanVersionAsync(app, cast.PlanId);
        Expect(HttpStatusCode.Forbidden, await PlansKit.PostAsync(viewer, PlansKit.Plan + "?handler=publish&plan=" + N(cast.PlanId), ("version", N(version))));
        await ExpectHiddenAsync(anonymous, "plan after a viewer's publish", Plan);
        Expect(HttpStatusCode.Redirect, await PlansKit.PostAsync(coordinator, PlansKit.Plan + "?handler=publish&plan=" + N(cast.PlanId), ("version", N(version))));
        var page = await GetOkAsync(anonymous, Plan);
        Assert.Contains("โครงการลงนามรับทราบนโยบาย", page, StringComparison.Ordinal);
        Assert.Contains("href=\"" + Plan + "\"", await GetOkAsync(anonymous, "/public/agencies/spm/2568"), StringComparison.Ordinal);
        Assert.Contains("โครงการลงนามรับทราบนโยบาย", await DocumentXmlAsync(anonymous, Plan + "/plan.docx"), StringComparison.Ordinal);

        // Edited after publishing: the public keeps the published content until the coordinator publishes again.
        await PlansKit.WithStoreAsync(app, async (db, store) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "spm");
            var row = await store.FindPlanAsync(agency.Id, cast.PlanId);
            var edited = Features.Plans.PlanTree.Replace(row!.Plan(), "1.1.1", i => Features.Plans.PlanTree.Edited(i, "โครงการที่แก้ไขแล้ว", i.Goal, i.Objective, i.Owners))!;
            return await store.SavePlanAsync(agency, cast.PlanId, edited, new PlanActor(null, ActorName), PlansKit.Admin);
        });
        page = await GetOkAsync(anonymous, Plan);
        Assert.Contains("โครงการลงนามรับทราบนโยบาย", page, StringComparison.Ordinal);
        Assert.DoesNotContain("โครงการที่แก้ไขแล้ว", page, StringComparison.Ordinal);
        Assert.Contains("id=\"plan-changed\"", await coordinator.GetStringAsync(PlansKit.Plan + "?plan=" + N(cast.PlanId)), StringComparison.Ordinal);
        Expect(HttpStatusCode.Redirect, await PlansKit.PostAsync(coordinator, PlansKit.Plan + "?handler=publish&plan=" + N(cast.PlanId),
            ("version", N(await PlanVersionAsync(app, cast.PlanId)))));
        Assert.Contains("โครงการที่แก้ไขแล้ว", await GetOkAsync(anonymous, Plan), StringComparison.Ordinal);

        // The round: open → cannot be published; closed → still not public until published; then public.
        var round = await RoundAsync(app, cast.RoundId);
        Expect(HttpStatusCode.Conflict, await PlansKit.PostAsync(coordinator, PlansKit.Round(cast) + "?handler=publish", ("version", N(round.Version))));
        await ExpectHiddenAsync(anonymous, "open round", Progress, Progress + "/progress.docx");
        await PlansKit.WithStoreAsync(app, async (db, store) =>
            await store.CloseRoundAsync(await db.Agencies.SingleAsync(a => a.Slug == "spm"), cast.RoundId, new PlanActor(null, ActorName), PlansKit.Admin));
        await ExpectHiddenAsync(anonymous, "closed, unpublished round", Progress, Progress + "/progress.docx");
        round = await RoundAsync(app, cast.RoundId);
        Expect(HttpStatusCode.Forbidden, await PlansKit.PostAsync(viewer, PlansKit.Round(cast) + "?handler=publish", ("version", N(round.Version))));
        Expect(HttpStatusCode.Redirect, await PlansKit.PostAsync(coordinator, PlansKit.Round(cast) + "?handler=publish", ("version", N(round.Version))));
        var progress = await GetOkAsync(anonymous, Progress);
        Assert.Contains("data-item=\"1.1.1\"", progress, StringComparison.Ordinal);
        Assert.DoesNotContain(ActorName, progress, StringComparison.Ordinal);
        Assert.Contains("href=\"" + Progress + "\"", await GetOkAsync(anonymous, "/public/agencies/spm/2568"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Progress + "/progress.docx")).StatusCode);
        // No measures are published for 2568: their report is not public, and not offered.
        Assert.DoesNotContain("measures-report", progress, StringComparison.Ordinal);
        await ExpectHiddenAsync(anonymous, "measures report without published measures", Progress + "/measures-report.docx");
        var events = await app.WithDbAsync(db => db.ActionPlanEvents.Where(e => e.PlanId == cast.PlanId).Select(e => e.Action).ToListAsync());
        Assert.Equal(2, events.Count(a => a == "published"));
        Assert.Single(events, a => a == "round-published");
    }

    [Fact]
    public async Task An_unknown_agency_or_year_is_a_Thai_404_page_for_a_browser()
    {
        await using var app = await MeasuresKit.StartAsync(DatabaseEngine.Sqlite, withQuestions: false);
        var anonymous = app.Client();
        foreach (var path in new[] { "/public/agencies/nobody", "/public/agencies/nobody/2566", "/public/agencies/spm/2566", "/public/agencies/spm/9999",
                     "/public/agencies/spm/2566/plan", "/public/agencies/spm/2566/progress/12" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("ไม่พบ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Public_responses_carry_an_ETag_answer_304_to_it_and_forbid_framing()
    {
        await using var app = await MeasuresKit.StartAsync(DatabaseEngine.Sqlite, withQuestions: false);
        await PublishedAsync(app);
        var anonymous = app.Client();
        using var first = await anonymous.GetAsync("/public/agencies/spm/2566/measures/1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("DENY", first.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/public/agencies/spm/2566/measures/1");
        again.Headers.IfNoneMatch.Add(tag);
        using var notModified = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Another language is another body, hence another tag: the old one no longer matches.
        var english = await anonymous.GetAsync("/public/language?lang=en&returnUrl=" + Uri.EscapeDataString("/public/agencies/spm/2566/measures/1"));
        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        Assert.Equal("/public/agencies/spm/2566/measures/1", english.Headers.Location?.OriginalString);
        using var inEnglish = new HttpRequestMessage(HttpMethod.Get, "/public/agencies/spm/2566/measures/1");
        inEnglish.Headers.Add("Cookie", "lang=en");
        inEnglish.Headers.IfNoneMatch.Add(tag);
        using var changed = await anonymous.SendAsync(inEnglish);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Integrity and transparency measures", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The language link goes back to public pages only.
        Assert.Equal("/", (await anonymous.GetAsync("/public/language?lang=en&returnUrl=" + Uri.EscapeDataString("//evil.example/public/"))).Headers.Location?.OriginalString);
        Assert.Equal("/", (await anonymous.GetAsync("/public/language?lang=en&returnUrl=" + Uri.EscapeDataString("/account"))).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_client_over_the_public_rate_limit_gets_429_with_Retry_After()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite,
            configure: builder => builder.UseSetting("Public:PerAddressPerMinute", "5"));
        await app.AddAgencyAsync("spm");
        var anonymous = app.Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/public/agencies/spm")).StatusCode);
        }
        using var limited = await anonymous.GetAsync("/public/agencies/spm");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {limited.Headers.RetryAfter}");
        // The limit is the public pages' own: the rest of the site still answers.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/account/login")).StatusCode);
    }

    /// <summary>Revision 1 of spm's measures (results 2565), published.</summary>
    internal static async Task PublishedAsync(TestApp app)
    {
        var id = await StoreAsync(app, (store, agency, actor) => store.StartAsync(agency, SeedPlan(), actor));
        foreach (var action in new[] { PlanAction.Submit, PlanAction.Approve, PlanAction.Publish })
        {
            await StepAsync(app, id, action);
        }
    }

    private static MeasurePlan SeedPlan() => MeasurePlanJson.Read(DemoData.SeedPlanJson("spm", 2565));

    private static async Task<int> StoreAsync(TestApp app, Func<MeasurePlanStore, Data.Agencies.Agency, PlanActor, Task<MeasurePlanRevision>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Slug == "spm");
        return (await work(scope.ServiceProvider.GetRequiredService<MeasurePlanStore>(), agency, new PlanActor(null, ActorName))).Id;
    }

    /// <summary>One workflow step of a revision; returns the revision it leaves (a revise makes a new one).</summary>
    private static Task<int> StepAsync(TestApp app, int revisionId, PlanAction action) =>
        StoreAsync(app, (store, _, actor) => store.ApplyAsync(revisionId, action, actor,
            action == PlanAction.Approve ? new Approval(ApproverName, "เลขาธิการนายกรัฐมนตรี", new DateOnly(2022, 11, 30), "ศปท. 0706/2565") : null));

    private static async Task ExpectHiddenAsync(HttpClient client, string state, params string[] paths)
    {
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{state}: {path} answered {(int)response.StatusCode}");
        }
    }

    private static async Task<string> GetOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<string> DocumentXmlAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return await reader.ReadToEndAsync();
    }

    private static Task<int> PlanVersionAsync(TestApp app, int planId) =>
        app.WithDbAsync(db => db.ActionPlans.Where(p => p.Id == planId).Select(p => p.Version).SingleAsync());

    private static Task<ProgressRoundRow> RoundAsync(TestApp app, int roundId) =>
        app.WithDbAsync(db => db.ProgressRounds.AsNoTracking().SingleAsync(r => r.Id == roundId));

    private static void Expect(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}");

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
