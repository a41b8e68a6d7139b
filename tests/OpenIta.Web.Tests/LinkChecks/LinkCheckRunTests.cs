using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Data;
using OpenIta.Data.LinkChecks;
using OpenIta.Data.Measures;
using OpenIta.Data.Oit;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.LinkChecks;

/// <summary>
/// The link checker as the application runs it: POST …/oit/{year}/check queues a run, the background service of an
/// instance claims it and checks the agency's OIT links against a server the test starts on 127.0.0.1, and the OIT
/// shows each link's newest check with its flags (issue 13, item 2).
/// </summary>
public sealed class LinkCheckRunTests : IAsyncLifetime
{
    private const int Year = 2566; // FY2566: 1 October 2022 – 30 September 2023
    private LinkServer _server = null!;

    public async Task InitializeAsync() => _server = await LinkServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>An OIT set of <paramref name="slug"/>'s year with these links per item, submitted when asked.</summary>
    internal static async Task SeedOitAsync(TestApp app, string slug, bool submitted, params (string Code, string Url)[] links)
    {
        await app.WithDbAsync(async db =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == slug);
            var set = new OitSetRow
            {
                AgencyId = agency.Id, FiscalYear = Year, Status = submitted ? OitSetStatus.Submitted : OitSetStatus.Draft,
                SubmittedAtUnixMs = submitted ? TimeProvider.System.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds() : null,
            };
            foreach (var code in links.Select(l => l.Code).Distinct())
            {
                var item = new OitItemRow { Code = code, AgencyId = agency.Id, FiscalYear = Year };
                item.Urls.AddRange(links.Where(l => l.Code == code).Select((l, i) => new OitUrlRow { Url = l.Url, Position = i }));
                set.Items.Add(item);
            }
            db.OitSets.Add(set);
            return 0;
        });
    }

    internal static async Task<LinkCheckJob> WaitDoneAsync(TestApp app, long jobId)
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (TimeProvider.System.GetUtcNow() < until)
        {
            var job = await app.WithDbAsync(db => db.LinkCheckJobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
            if (job.Status == LinkCheckJobStatus.Done)
            {
                return job;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Link check job {jobId} did not finish within 60 s.");
    }

    private static async Task<long> PostCheckAsync(HttpClient client, string slug)
    {
        var response = await client.PostAsync($"/api/v1/agencies/{slug}/oit/{Year}/check", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/v1/agencies/{slug}/oit/{Year}/check", response.Headers.Location?.OriginalString);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<Dictionary<string, LinkCheck>> LatestByPathAsync(TestApp app) =>
        await app.WithDbAsync(async db =>
        {
            var checks = await db.LinkChecks.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
            return checks.GroupBy(c => new Uri(c.Url).AbsolutePath).ToDictionary(g => g.Key, g => g.Last());
        });

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_requested_check_runs_in_the_background_and_flags_what_it_found(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine, configure: LinkCheckJobsTests.Settings(runJobs: true));
        await app.AddAgencyAsync("own");
        var coordinator = await app.ApiClientAsync(await app.AddUserAsync("coordinator", false, ("own", Role.Coordinator)));
        await SeedOitAsync(app, "own", submitted: true,
            ("O1", _server.Url("/in-year")), ("O2", _server.Url("/missing")), ("O3", _server.Url("/old")), ("O4", _server.Url("/changing")));

        var job = await WaitDoneAsync(app, await PostCheckAsync(coordinator, "own"));
        Assert.Equal((4, 4, 1), (job.Total, job.Checked, job.Broken));
        var status = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/agencies/own/oit/{Year}/check");
        Assert.Equal("done", status.GetProperty("status").GetString());

        var latest = await LatestByPathAsync(app);
        Assert.Equal((LinkOutcome.Ok, 200, false, (bool?)false), (latest["/in-year"].Outcome, latest["/in-year"].StatusCode, latest["/in-year"].IsBroken, latest["/in-year"].OutsideYear));
        Assert.Equal((LinkOutcome.HttpError, 404, true), (latest["/missing"].Outcome, latest["/missing"].StatusCode, latest["/missing"].IsBroken));
        Assert.True(latest["/old"].OutsideYear); // its only date, 1 ต.ค. 2564, is of FY2565
        Assert.False(latest["/changing"].Changed); // the first check after the submission is the baseline

        // The OIT shows each link's newest check.
        var view = await app.WithDbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<OitStore>();
            return await store.ReadAsync(await db.Agencies.SingleAsync(a => a.Slug == "own"), Year);
        });
        var o1 = view.Items.Single(i => i.Row.Code == "O1").Urls.Single().Check!;
        Assert.Equal((200, "text/html", latest["/in-year"].Sha256, latest["/in-year"].Id), (o1.Status, o1.ContentType, o1.Sha256, o1.CheckId));
        Assert.True(view.Items.Single(i => i.Row.Code == "O2").Urls.Single().Check!.Broken);

        // The API's OIT of the year carries the same check, with its flags.
        var oit = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/agencies/own/oit/{Year}");
        JsonElement CheckOf(string code) => oit.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == code).GetProperty("urls")[0].GetProperty("check");
        Assert.Equal(200, CheckOf("O1").GetProperty("status").GetInt32());
        Assert.Equal(latest["/in-year"].Sha256, CheckOf("O1").GetProperty("sha256").GetString());
        Assert.Equal("text/html", CheckOf("O1").GetProperty("contentType").GetString());
        Assert.Equal(latest["/in-year"].Size, CheckOf("O1").GetProperty("size").GetInt64());
        Assert.True(CheckOf("O2").GetProperty("broken").GetBoolean());
        Assert.True(CheckOf("O3").GetProperty("outsideYear").GetBoolean());

        // The item page shows the flags to the coordinator.
        var page = await (await app.SignedInAsync("coordinator")).GetStringAsync($"/agencies/own/oit/{Year}/items/O2");
        Assert.Contains("data-flag=\"broken\"", page, StringComparison.Ordinal);
        Assert.Contains("เซิร์ฟเวอร์ตอบ 404", page, StringComparison.Ordinal);

        // The page changes after the submission: the next run flags it; the pages that did not change are not.
        _server.Changing = "<p>แก้ไขหลังส่ง</p>";
        await WaitDoneAsync(app, await PostCheckAsync(coordinator, "own"));
        latest = await LatestByPathAsync(app);
        Assert.True(latest["/changing"].Changed);
        Assert.False(latest["/in-year"].Changed);
        Assert.Equal(2, _server.Hits("/changing"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Two_instances_running_the_queue_check_each_link_once_per_run(DatabaseEngine engine)
    {
        var database = await TestDatabases.CreateAsync(engine);
        await using var first = await TestApp.StartAsync(engine, database, LinkCheckJobsTests.Settings(runJobs: true));
        await using var second = await TestApp.StartAsync(engine, database, LinkCheckJobsTests.Settings(runJobs: true));
        var jobs = new List<long>();
        for (var a = 0; a < 6; a++)
        {
            var slug = "agency" + a;
            var agency = await first.AddAgencyAsync(slug);
            await SeedOitAsync(first, slug, submitted: false,
                Enumerable.Range(0, 5).Select(i => ("O" + (i + 1), _server.Url("/n/" + (a * 10 + i)))).ToArray());
            jobs.Add((await first.WithDbAsync(db => LinkCheckJobs.EnqueueAsync(db, agency.Id, Year, "demand", null, TimeProvider.System.GetUtcNow()))).Id);
        }
        foreach (var id in jobs)
        {
            await WaitDoneAsync(first, id);
        }
        for (var a = 0; a < 6; a++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(1, _server.Hits("/n/" + (a * 10 + i)));
            }
        }
        var rows = await first.WithDbAsync(db => db.LinkCheckJobs.AsNoTracking().ToListAsync());
        Assert.All(rows, j => Assert.Equal((1, 5, 5), (j.Attempts, j.Total, j.Checked)));
        Assert.Equal(30, await first.WithDbAsync(db => db.LinkChecks.CountAsync()));
    }

    [Fact]
    public async Task A_submitted_set_is_checked_before_the_assessors_review_without_being_asked()
    {
        await using var app = await TestApp.StartAsync(configure: builder =>
        {
            LinkCheckJobsTests.Settings(runJobs: true)(builder);
            builder.UseSetting("Oit:LinkCheck:SweepSeconds", "0.2");
        });
        await app.AddAgencyAsync("own");
        await app.AddAgencyAsync("draft");
        await SeedOitAsync(app, "own", submitted: true, [("O1", _server.Url("/in-year"))]);
        await SeedOitAsync(app, "draft", submitted: false, [("O1", _server.Url("/page"))]);

        var until = TimeProvider.System.GetUtcNow().AddSeconds(60);
        LinkCheckJob? job = null;
        while (job?.Status != LinkCheckJobStatus.Done && TimeProvider.System.GetUtcNow() < until)
        {
            await Task.Delay(100);
            job = await app.WithDbAsync(db => db.LinkCheckJobs.AsNoTracking().FirstOrDefaultAsync());
        }
        Assert.NotNull(job);
        Assert.Equal(("review", LinkCheckJobStatus.Done, 1), (job.Reason, job.Status, job.Checked));
        await Task.Delay(1000); // more sweeps: the set was checked since its submission, the draft is not due
        Assert.Equal(1, await app.WithDbAsync(db => db.LinkCheckJobs.CountAsync()));
        Assert.Equal(0, _server.Hits("/page"));
    }

    [Fact]
    public async Task The_assessors_score_is_bound_to_the_check_they_saw()
    {
        await using var app = await TestApp.StartAsync(configure: LinkCheckJobsTests.Settings(runJobs: true));
        await app.AddAgencyAsync("prov", kind: Data.Agencies.AgencyKind.Province);
        await app.AddAgencyAsync("own", "prov");
        var assessorId = await app.AddAssessorAsync("assessor", "prov", Year);
        var assessor = await app.ApiClientAsync(assessorId);
        await SeedOitAsync(app, "own", submitted: true, [("O1", _server.Url("/in-year"))]);
        await WaitDoneAsync(app, await PostCheckAsync(assessor, "own")); // the year's assessor may ask for a check
        var seen = (await LatestByPathAsync(app))["/in-year"];

        await app.WithDbAsync(async db =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<OitStore>();
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "own");
            await store.ScoreAsync(agency, Year, "O1", 100, [], "ครบถ้วน", null, null,
                await Permissions.ForAsync(db, assessorId), new PlanActor(assessorId, "assessor"));
            return 0;
        });
        var url = await app.WithDbAsync(db => db.OitUrls.AsNoTracking().SingleAsync());
        Assert.Equal(seen.Id, url.ScoredCheckId);
    }

    [Fact]
    public async Task Only_the_agencys_people_and_its_assessors_start_a_check_and_only_with_a_token()
    {
        await using var app = await TestApp.StartAsync(configure: LinkCheckJobsTests.Settings());
        var clients = await app.RoleApiClientsAsync();
        // administrator, coordinator, unit owner, executive, viewer, oversight, stranger, anonymous, and the group's assessor
        // of this year.
        var expected = new[]
        {
            HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden,
            HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Accepted,
        };
        for (var i = 0; i < expected.Length; i++)
        {
            var response = await clients[i].PostAsync($"/api/v1/agencies/own/oit/{Year}/check", null);
            Assert.True(expected[i] == response.StatusCode, $"client {i}: {(int)response.StatusCode}");
        }
        var cookie = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.PostAsync($"/api/v1/agencies/own/oit/{Year}/check", null)).StatusCode);
        var badYear = await clients[1].PostAsync("/api/v1/agencies/own/oit/1999/check", null);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Equal("year", (await badYear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
