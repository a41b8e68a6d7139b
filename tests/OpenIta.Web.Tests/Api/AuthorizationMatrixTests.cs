using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Api;

/// <summary>
/// Every API endpoint × every role × the role's own agency and another agency → the status the access rules give
/// (Permissions.cs). The agencies: <c>own</c> below the group <c>prov</c>; <c>other</c> below <c>prov2</c>, where none of
/// the users below has a role; <c>elsewhere</c>, the agency of the user of another agency. Every role calls with an
/// API token (the cookie is refused on changes; see ResultsApiTests). A new endpoint without a row here fails
/// <see cref="Every_api_endpoint_has_a_row_in_the_matrix"/>.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    /// <summary>The columns of each expectation, in order.</summary>
    private static readonly string[] Roles =
        ["administrator", "coordinator", "unit owner", "executive", "viewer", "oversight of the group", "user of another agency", "anonymous",
            "assessor of the group (FY2566)"];

    private sealed record Row(string Endpoint, Func<string, int, HttpRequestMessage> Request, string Own, string Other);

    /// <summary>
    /// (endpoint as routed, the request for a target agency and a cell number, statuses on the own agency, statuses on the
    /// other agency). Statuses follow <see cref="Roles"/>.
    /// </summary>
    private static readonly Row[] Matrix =
    [
        new("GET /api/v1/agencies", (_, _) => Get("/api/v1/agencies"),
            Own: "200 200 200 200 200 200 200 401 200", Other: "200 200 200 200 200 200 200 401 200"),
        new("POST /api/v1/agencies", (target, cell) => Send(HttpMethod.Post, "/api/v1/agencies",
                $$"""{"slug": "new-{{cell}}", "nameTh": "ใหม่ {{cell}}", "parent": "{{target}}"}"""),
            Own: "201 403 403 403 403 403 403 401 403", Other: "201 403 403 403 403 403 403 401 403"),
        new("GET /api/v1/agencies/{slug}", (target, _) => Get($"/api/v1/agencies/{target}"),
            Own: "200 200 200 200 200 200 404 401 200", Other: "200 404 404 404 404 404 404 401 404"),
        new("PUT /api/v1/agencies/{slug}", (target, _) => Send(HttpMethod.Put, $"/api/v1/agencies/{target}",
                $$"""{"nameTh": "หน่วยงาน {{target}}", "nameEn": "Agency {{target}}", "kind": "Department", "parent": "{{Group(target)}}"}"""),
            Own: "200 403 403 403 403 403 404 401 403", Other: "200 404 404 404 404 404 404 401 404"),
        new("GET /api/v1/agencies/{slug}/results", (target, _) => Get($"/api/v1/agencies/{target}/results"),
            Own: "200 200 200 200 200 200 404 401 200", Other: "200 404 404 404 404 404 404 401 404"),
        new("GET /api/v1/agencies/{slug}/results/{year:int}", (target, _) => Get($"/api/v1/agencies/{target}/results/2565"),
            Own: "200 200 200 200 200 200 404 401 200", Other: "200 404 404 404 404 404 404 401 404"),
        new("PUT /api/v1/agencies/{slug}/results/{year:int}", (target, _) => Send(HttpMethod.Put, $"/api/v1/agencies/{target}/results/2565", ApiCalls.Spm2565),
            Own: "200 200 403 403 403 403 404 401 403", Other: "200 404 404 404 404 404 404 401 404"),
        new("DELETE /api/v1/agencies/{slug}/results/{year:int}", (target, _) => Send(HttpMethod.Delete, $"/api/v1/agencies/{target}/results/2565"),
            Own: "204 204 403 403 403 403 404 401 403", Other: "204 404 404 404 404 404 404 401 404"),
        new("POST /api/v1/score", (_, _) => Send(HttpMethod.Post, "/api/v1/score", ApiCalls.Spm2565),
            Own: "200 200 200 200 200 200 200 401 200", Other: "200 200 200 200 200 200 200 401 200"),
        new("GET /api/v1/frameworks", (_, _) => Get("/api/v1/frameworks"),
            Own: "200 200 200 200 200 200 200 401 200", Other: "200 200 200 200 200 200 200 401 200"),
        new("GET /api/v1/frameworks/{year:int}", (_, _) => Get("/api/v1/frameworks/2567"),
            Own: "200 200 200 200 200 200 200 401 200", Other: "200 200 200 200 200 200 200 401 200"),
        // Import (Features/Import, mapped by MapImportApi): a row naming an agency the caller may not change is an error of
        // the file, 400 naming the row and column (Import/ImportAuthorizationTests); a caller who coordinates no agency is
        // refused (403) before the file is read.
        new("POST /api/v1/imports/results", (target, _) => new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports/results")
            {
                Content = ImportFiles.Form(ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565.Replace("spm,", target + ",", StringComparison.Ordinal)), "results.csv"),
            },
            Own: "200 200 403 403 403 403 400 401 403", Other: "200 400 403 403 403 403 400 401 403"),
        // A group's summary is for those who oversee it: the agency's own roles (and the group's assessors) may read it but
        // not oversee it (403).
        new("GET /api/v1/groups/{slug}/summary", (target, _) => Get($"/api/v1/groups/{target}/summary?year=2565"),
            Own: "200 403 403 403 403 200 404 401 403", Other: "200 404 404 404 404 404 404 401 404"),
        // OIT (issue 13): anyone who reads the agency reads its OIT; the coordinator enters links (FY2565: a draft); only
        // the group's assessors of the year score (FY2566: the set submitted in the setup), not even administrators.
        new("GET /api/v1/agencies/{slug}/oit/{year:int}", (target, _) => Get($"/api/v1/agencies/{target}/oit/2566"),
            Own: "200 200 200 200 200 200 404 401 200", Other: "200 404 404 404 404 404 404 401 404"),
        new("PUT /api/v1/agencies/{slug}/oit/{year:int}/items/{code}", (target, cell) => Send(HttpMethod.Put, $"/api/v1/agencies/{target}/oit/2565/items/O1",
                $$"""{"urls": ["https://www.{{target}}.go.th/o1/{{cell}}"], "note": "โครงสร้าง"}"""),
            Own: "200 200 403 403 403 403 404 401 403", Other: "200 404 404 404 404 404 404 401 404"),
        // The link checker (issue 13, item 2): those who enter or submit the links and the year's assessors queue a check
        // (202); whoever reads the agency reads how the latest check stands (after the administrator's POST above).
        new("POST /api/v1/agencies/{slug}/oit/{year:int}/check", (target, _) => Send(HttpMethod.Post, $"/api/v1/agencies/{target}/oit/2566/check"),
            Own: "202 202 202 403 403 403 404 401 202", Other: "202 404 404 404 404 404 404 401 404"),
        new("GET /api/v1/agencies/{slug}/oit/{year:int}/check", (target, _) => Get($"/api/v1/agencies/{target}/oit/2566/check"),
            Own: "200 200 200 200 200 200 404 401 200", Other: "200 404 404 404 404 404 404 401 404"),
        new("PUT /api/v1/agencies/{slug}/oit/{year:int}/items/{code}/score", (target, _) => Send(HttpMethod.Put, $"/api/v1/agencies/{target}/oit/2566/items/O1/score",
                """{"score": 100, "reason": "ครบถ้วน"}"""),
            Own: "403 403 403 403 403 403 404 401 200", Other: "403 404 404 404 404 404 404 401 404"),
        // Surveys (Features/Surveys): a public link answers everyone, signed in or not; a round is seen by whoever reads
        // the agency (and its assessors), closed by its coordinators and administrators. Each cell has an open FY2567 round
        // with a known IIT link (RestoreResultsAsync).
        new("GET /api/v1/public/surveys/{link}", (target, _) => Get($"/api/v1/public/surveys/{SurveyLink(target)}"),
            Own: "200 200 200 200 200 200 200 200 200", Other: "200 200 200 200 200 200 200 200 200"),
        // EIT part 1's phone steps answer only an open EIT part 1 link: the cells' IIT link is unknown to them, for
        // everyone alike (OtpTests and EitPartOneTests cover the EIT part 1 link itself).
        new("POST /api/v1/public/surveys/{link}/otp", (target, _) => Send(HttpMethod.Post, $"/api/v1/public/surveys/{SurveyLink(target)}/otp",
                """{"phone": "0812345678"}"""),
            Own: "404 404 404 404 404 404 404 404 404", Other: "404 404 404 404 404 404 404 404 404"),
        new("POST /api/v1/public/surveys/{link}/verify", (target, _) => Send(HttpMethod.Post, $"/api/v1/public/surveys/{SurveyLink(target)}/verify",
                """{"phone": "0812345678", "code": "123456"}"""),
            Own: "404 404 404 404 404 404 404 404 404", Other: "404 404 404 404 404 404 404 404 404"),
        new("POST /api/v1/public/surveys/{link}/responses", (target, _) => Send(HttpMethod.Post, $"/api/v1/public/surveys/{SurveyLink(target)}/responses",
                """{"answers": {"i1.1": "4", "i1.2": "3", "i2": "2", "i3": "4", "i4": "4", "i5": "1"}}"""),
            Own: "201 201 201 201 201 201 201 201 201", Other: "201 201 201 201 201 201 201 201 201"),
        new("GET /api/v1/agencies/{slug}/assessments/{year:int}", (target, _) => Get($"/api/v1/agencies/{target}/assessments/2567"),
            Own: "200 200 200 200 200 200 404 401 200", Other: "200 404 404 404 404 404 404 401 404"),
        new("POST /api/v1/agencies/{slug}/assessments/{year:int}/close", (target, _) => Send(HttpMethod.Post, $"/api/v1/agencies/{target}/assessments/2567/close"),
            Own: "200 200 403 403 403 403 404 401 403", Other: "200 404 404 404 404 404 404 401 404"),
    ];

    /// <summary>The IIT link of a target agency's FY2567 round, made known by <see cref="RestoreResultsAsync"/>.</summary>
    private static string SurveyLink(string target) => (target + "-survey-link-0000000000")[..OpenIta.Data.Surveys.SurveyLinks.TokenLength];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Every_endpoint_answers_every_role_as_the_access_rules_say(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var clients = await app.RoleApiClientsAsync();
        await Oit.OitTests.SubmitAsync(app, "own", 2566);
        await Oit.OitTests.SubmitAsync(app, "other", 2566);

        var failures = new List<string>();
        var cell = 0;
        foreach (var row in Matrix)
        {
            foreach (var (target, expected) in new[] { ("own", row.Own), ("other", row.Other) })
            {
                var statuses = expected.Split(' ');
                Assert.Equal(Roles.Length, statuses.Length);
                for (var role = 0; role < Roles.Length; role++)
                {
                    await RestoreResultsAsync(app);
                    using var request = row.Request(target, ++cell);
                    using var response = await clients[role].SendAsync(request);
                    var actual = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    if (actual != statuses[role])
                    {
                        failures.Add($"{row.Endpoint} as {Roles[role]} on the {target} agency: expected {statuses[role]}, got {actual}");
                    }
                    else if (response.StatusCode >= HttpStatusCode.BadRequest
                        && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{row.Endpoint} as {Roles[role]} on the {target} agency: {actual} is not a problem+json answer");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_api_endpoint_has_a_row_in_the_matrix()
    {
        await using var app = await TestApp.StartAsync();
        var routed = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(Matrix.Select(r => r.Endpoint).Order(StringComparer.Ordinal).ToList(), routed);
    }

    private static string Group(string target) => target == "own" ? "prov" : "prov2";

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Send(HttpMethod method, string path, string? json = null) => ApiCalls.Request(method, path, json);

    /// <summary>Both agencies have their FY2565 result again (a cell may have deleted it).</summary>
    private static Task<int> RestoreResultsAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        foreach (var agency in await db.Agencies.Where(a => a.Slug == "own" || a.Slug == "other").ToListAsync())
        {
            if (!await db.Results.AnyAsync(r => r.AgencyId == agency.Id && r.FiscalYear == 2565))
            {
                await ResultStore.StageAsync(db, agency, ApiCalls.Spm2565, "test", TimeProvider.System, FrameworkCatalog.BuiltIn);
            }
            await Surveys.SurveyFixtures.EnsureOpenRoundAsync(db, agency, 2567, SurveyLink(agency.Slug));
        }
        return 0;
    });
}
