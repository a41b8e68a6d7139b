using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Api;

/// <summary>
/// A client's mistake is a 4xx problem (RFC 9457) naming the field, never a 500, and nothing is saved. Credentials that
/// are missing, revoked or expired are a 401.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    /// <summary>(body, content type, status, field): score inputs the results and scoring endpoints refuse.</summary>
    private static readonly (string Name, string? Body, string ContentType, HttpStatusCode Status, string? Field)[] ScoreInputs =
    [
        ("malformed JSON", """{"fiscalYear": 2565, "indicators": {"1": 85.84,""", "application/json", HttpStatusCode.BadRequest, "input"),
        ("not JSON at all", "fiscalYear=2565", "application/json", HttpStatusCode.BadRequest, "input"),
        ("a JSON array", "[1, 2, 3]", "application/json", HttpStatusCode.BadRequest, "input"),
        ("an empty body", "", "application/json", HttpStatusCode.BadRequest, "input"),
        ("no fiscal year", """{"total": 90}""", "application/json", HttpStatusCode.BadRequest, "fiscalYear"),
        ("a year without a framework", """{"fiscalYear": 2599, "total": 90}""", "application/json", HttpStatusCode.BadRequest, "fiscalYear"),
        ("a score of 101", """{"fiscalYear": 2565, "indicators": {"3": 101}}""", "application/json", HttpStatusCode.BadRequest, "indicators.3"),
        ("a total of 101", """{"fiscalYear": 2565, "total": 101}""", "application/json", HttpStatusCode.BadRequest, "total"),
        ("Thai text for a number", """{"fiscalYear": 2565, "indicators": {"3": "ดี"}}""", "application/json", HttpStatusCode.BadRequest, "indicators.3"),
        ("contradictory levels", """{"fiscalYear": 2565, "instruments": {"IIT": 90, "EIT": 90, "OIT": 90}, "total": 80}""", "application/json", HttpStatusCode.BadRequest, "total"),
        ("a form instead of JSON", "fiscalYear=2565&total=90", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, null),
        ("plain text", """{"fiscalYear": 2565, "total": 90}""", "text/plain", HttpStatusCode.UnsupportedMediaType, null),
    ];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Wrong_score_inputs_are_400s_naming_the_field_and_nothing_is_saved(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        var client = await app.ApiClientAsync(await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator)));
        var failures = new List<string>();
        foreach (var path in new[] { "/api/v1/agencies/spm/results/2565", "/api/v1/score" })
        {
            foreach (var (name, body, contentType, status, field) in ScoreInputs)
            {
                using var request = new HttpRequestMessage(path.EndsWith("score", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Put, path)
                {
                    Content = new StringContent(body ?? "", Encoding.UTF8, contentType),
                };
                using var response = await client.SendAsync(request);
                var problem = await ApiCalls.ProblemOf(response);
                if (response.StatusCode != status)
                {
                    failures.Add($"{path} {name}: {(int)response.StatusCode} {problem}");
                    continue;
                }
                if (field is not null && (problem.GetProperty("field").GetString() != field
                    || !problem.GetProperty("errors").TryGetProperty(field, out _)
                    || problem.GetProperty("code").GetString() is not { Length: > 0 }
                    || problem.GetProperty("detail").GetString()!.Contains(field + ": ", StringComparison.Ordinal)))
                {
                    failures.Add($"{path} {name}: expected field {field}: {problem}");
                }
            }
        }
        Assert.Empty(failures);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_body_for_another_year_than_the_address_is_refused(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        var client = await app.ApiClientAsync(await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator)));
        var response = await client.PutAsync("/api/v1/agencies/spm/results/2566", ApiCalls.Json(ApiCalls.Spm2565));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiCalls.ProblemOf(response);
        Assert.Equal("fiscalYear", problem.GetProperty("field").GetString());
        Assert.Equal("result.year-mismatch", problem.GetProperty("code").GetString());
        Assert.Equal("ปีงบประมาณ: 2565 ไม่ใช่ปีในที่อยู่ (2566)", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_a_body_that_is_not_utf8_is_400()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        var client = await app.ApiClientAsync(await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator)));
        var huge = "{\"fiscalYear\": 2565, \"padding\": \"" + new string('x', 11 * 1024 * 1024) + "\"}";
        var tooLarge = await client.PutAsync("/api/v1/agencies/spm/results/2565", ApiCalls.Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        await ApiCalls.ProblemOf(tooLarge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/api/v1/score", ApiCalls.Json(huge))).StatusCode);

        var latin1 = new ByteArrayContent([(byte)'{', 0xE9, 0xFF, (byte)'}']);
        latin1.Headers.ContentType = new("application/json");
        var notUtf8 = await client.PostAsync("/api/v1/score", latin1);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Equal("input", (await ApiCalls.ProblemOf(notUtf8)).GetProperty("field").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_agency_the_user_may_not_read_is_not_found_exactly_like_one_that_does_not_exist(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddAgencyAsync("secret");
        var client = await app.ApiClientAsync(await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator)));
        foreach (var path in new[] { "/api/v1/agencies/{0}", "/api/v1/agencies/{0}/results", "/api/v1/agencies/{0}/results/2565", "/api/v1/groups/{0}/summary" })
        {
            var hidden = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "secret"));
            var missing = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, "nowhere"));
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var a = await ApiCalls.ProblemOf(hidden);
            var b = await ApiCalls.ProblemOf(missing);
            Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
            Assert.Equal(a.GetProperty("detail").GetString()!.Replace("secret", "nowhere", StringComparison.Ordinal), b.GetProperty("detail").GetString());
        }
        var put = await client.PutAsync("/api/v1/agencies/secret/results/2565", ApiCalls.Json(ApiCalls.Spm2565));
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Missing_unknown_revoked_and_expired_tokens_are_401(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        var userId = await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));

        var anonymous = await app.Client().GetAsync("/api/v1/agencies");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Authorization: Bearer", (await ApiCalls.ProblemOf(anonymous)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().PutAsync("/api/v1/agencies/spm/results/2565", ApiCalls.Json(ApiCalls.Spm2565))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().WithBearer("oita_made-up").GetAsync("/api/v1/agencies")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().WithBearer("not-even-ours").GetAsync("/api/v1/agencies")).StatusCode);

        var revoked = await app.WithDbAsync(db => ApiTokenAuthentication.IssueAsync(db, TimeProvider.System, userId, "revoked"));
        var client = app.Client().WithBearer(revoked);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/agencies")).StatusCode);
        await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Name == "revoked").ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/agencies")).StatusCode);

        // Made a year ago for thirty days: expired since.
        var aYearAgo = new FixedClock(TimeProvider.System.GetUtcNow().AddYears(-1));
        var expired = await app.WithDbAsync(db => ApiTokenAuthentication.IssueAsync(db, aYearAgo, userId, "expired", TimeSpan.FromDays(30)));
        var response = await app.Client().WithBearer(expired).GetAsync("/api/v1/agencies");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ApiCalls.ProblemOf(response);
    }

    [Fact]
    public async Task Agency_bodies_name_the_wrong_field()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));
        var cases = new (string Body, HttpStatusCode Status, string? Field)[]
        {
            ("""{"slug": "new", "nameTh": "ใหม่", "colour": "red"}""", HttpStatusCode.BadRequest, "colour"),
            ("""{"slug": "new", "nameTh": 42}""", HttpStatusCode.BadRequest, "nameTh"),
            ("""{"slug": "new"}""", HttpStatusCode.BadRequest, "nameTh"),
            ("""{"nameTh": "ใหม่"}""", HttpStatusCode.BadRequest, "slug"),
            ("""{"slug": "New Agency", "nameTh": "ใหม่"}""", HttpStatusCode.BadRequest, "slug"),
            ("""{"slug": "new", "nameTh": "ใหม่", "kind": "Castle"}""", HttpStatusCode.BadRequest, "kind"),
            ("""{"slug": "new", "nameTh": "ใหม่", "kind": "3"}""", HttpStatusCode.BadRequest, "kind"),
            ("""{"slug": "new", "nameTh": "ใหม่", "size": "Huge"}""", HttpStatusCode.BadRequest, "size"),
            ("""{"slug": "new", "nameTh": "ใหม่", "parent": "nowhere"}""", HttpStatusCode.BadRequest, "parent"),
            ("""{"slug": "spm", "nameTh": "ซ้ำ"}""", HttpStatusCode.Conflict, null),
            ("""{"slug": "new", "nameTh": "ใหม่",""", HttpStatusCode.BadRequest, "input"),
            ("null", HttpStatusCode.BadRequest, "input"),
        };
        var failures = new List<string>();
        foreach (var (body, status, field) in cases)
        {
            var response = await admin.PostAsync("/api/v1/agencies", ApiCalls.Json(body));
            var problem = await ApiCalls.ProblemOf(response);
            if (response.StatusCode != status || (field is not null && problem.GetProperty("field").GetString() != field))
            {
                failures.Add($"{body}: {(int)response.StatusCode} {problem}");
            }
        }
        var moveUnderItself = await admin.PutAsync("/api/v1/agencies/spm", ApiCalls.Json("""{"nameTh": "สลน.", "parent": "spm"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, moveUnderItself.StatusCode);
        var rename = await admin.PutAsync("/api/v1/agencies/spm", ApiCalls.Json("""{"slug": "other", "nameTh": "สลน."}"""));
        Assert.Equal("slug", (await ApiCalls.ProblemOf(rename)).GetProperty("field").GetString());
        Assert.Empty(failures);
        Assert.Equal(1, await app.WithDbAsync(db => db.Agencies.CountAsync()));
    }

    [Fact]
    public async Task Query_and_route_mistakes_are_4xx()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("province", kind: OpenIta.Data.Agencies.AgencyKind.Province);
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));
        var year = await admin.GetAsync("/api/v1/groups/province/summary?year=พ.ศ.2567");
        Assert.Equal(HttpStatusCode.BadRequest, year.StatusCode);
        Assert.Equal("year", (await ApiCalls.ProblemOf(year)).GetProperty("field").GetString());
        var kind = await admin.GetAsync("/api/v1/agencies?kind=Castle");
        Assert.Equal("kind", (await ApiCalls.ProblemOf(kind)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/frameworks/1999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/frameworks/2599")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/agencies/province/results/twenty")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/agencies/province/results/2567")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await admin.PatchAsync("/api/v1/agencies/province", ApiCalls.Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task No_body_of_any_shape_makes_a_500()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        var admin = await app.ApiClientAsync(await app.AddUserAsync("admin", administrator: true));
        string[] bodies =
        [
            "", " ", "{", "}", "[]", "null", "true", "0", "\"text\"", "{}", """{"fiscalYear": null}""", """{"fiscalYear": "2565"}""",
            """{"fiscalYear": 2565.5}""", """{"fiscalYear": 99999999999}""", """{"fiscalYear": 2565, "indicators": []}""",
            """{"fiscalYear": 2565, "indicators": {"1": null}}""", """{"fiscalYear": 2565, "indicators": {"-1": 50}}""",
            """{"fiscalYear": 2565, "instruments": {"XYZ": 50}}""", """{"fiscalYear": 2565, "responses": "all"}""",
            """{"fiscalYear": 2565, "responses": {"IIT": [[1, 2, 3]]}}""", """{"fiscalYear": 2565, "responses": {"IIT": {"I1": ["มาก"]}}}""",
            """{"fiscalYear": 2565, "published": {"rating": 5}}""", """{"fiscalYear": 2565, "participation": -1}""",
            """{"fiscalYear": 2565, "total": 1e400}""", """{"fiscalYear": 2565, "total": -0.0001}""", "\uFEFF{\"fiscalYear\": 2565}",
            """{"slug": null, "nameTh": null}""", """{"slug": "x", "nameTh": "x", "parent": 5}""",
        ];
        (HttpMethod Method, string Path)[] endpoints =
        [
            (HttpMethod.Put, "/api/v1/agencies/spm/results/2565"), (HttpMethod.Post, "/api/v1/score"),
            (HttpMethod.Post, "/api/v1/agencies"), (HttpMethod.Put, "/api/v1/agencies/spm"),
        ];
        var failures = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            foreach (var body in bodies)
            {
                using var response = await admin.SendAsync(ApiCalls.Request(method, path, body));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {path} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            using var noContent = await admin.SendAsync(new HttpRequestMessage(method, path));
            if ((int)noContent.StatusCode >= 500)
            {
                failures.Add($"{method} {path} without a body: {(int)noContent.StatusCode}");
            }
        }
        Assert.Empty(failures);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
