using System.Net;
using OpenIta.Data.Surveys;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Api;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// Who sees an agency's assessment round (its own users, oversight of its groups, its assessors of the year,
/// administrators; a 404 to anyone else, as for an unknown agency) and who closes it (its coordinators and
/// administrators, with an API token only).
/// </summary>
public sealed class AssessmentPermissionTests
{
    [Fact]
    public async Task The_round_is_seen_by_the_agency_oversight_and_the_group_s_assessors_and_closed_only_by_its_coordinator_with_a_token()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("province");
        await app.AddAgencyAsync("tambon", "province");
        await app.AddAgencyAsync("other", "province");
        await SurveyFixtures.OpenRoundAsync(app, "tambon", 2567, SurveyFixtures.Fy2567, 5, 6);
        var users = new Dictionary<string, string>
        {
            ["coordinator"] = await app.AddUserAsync("coordinator", false, ("tambon", Role.Coordinator)),
            ["viewer"] = await app.AddUserAsync("viewer", false, ("tambon", Role.Viewer)),
            ["oversight"] = await app.AddUserAsync("oversight", false, ("province", Role.Oversight)),
            ["assessor"] = await app.AddAssessorAsync("assessor", "province", 2567),
            ["assessor-2566"] = await app.AddAssessorAsync("assessor-2566", "province", 2566),
            ["stranger"] = await app.AddUserAsync("stranger", false, ("other", Role.Coordinator)),
            ["admin"] = await app.AddUserAsync("admin", administrator: true),
        };

        var sees = new Dictionary<string, HttpStatusCode>
        {
            ["coordinator"] = HttpStatusCode.OK,
            ["viewer"] = HttpStatusCode.OK,
            ["oversight"] = HttpStatusCode.OK,
            ["assessor"] = HttpStatusCode.OK,
            // An assessor of the group reads its agencies in every year (Permissions: one assessor role for surveys and OIT);
            // entering EIT part 2 and scoring stay with the assessors of the year.
            ["assessor-2566"] = HttpStatusCode.OK,
            ["stranger"] = HttpStatusCode.NotFound,
            ["admin"] = HttpStatusCode.OK,
        };
        foreach (var (name, expected) in sees)
        {
            var client = await app.ApiClientAsync(users[name]);
            var response = await client.GetAsync("/api/v1/agencies/tambon/assessments/2567");
            Assert.True(expected == response.StatusCode, $"{name}: {(int)response.StatusCode}");
            if (expected == HttpStatusCode.OK)
            {
                var body = await ApiCalls.JsonOf(response);
                Assert.Equal("open", body.GetProperty("status").GetString());
                Assert.True(body.GetProperty("links").TryGetProperty("IIT", out _));
                Assert.True(body.GetProperty("links").TryGetProperty("EIT1", out _));
                Assert.False(body.GetProperty("links").TryGetProperty("EIT2", out _));
                // Only who runs the round sees the live score.
                Assert.Equal(name is "coordinator" or "admin", body.TryGetProperty("preview", out _));
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/agencies/tambon/assessments/2567")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(users["coordinator"])).GetAsync("/api/v1/agencies/tambon/assessments/2566")).StatusCode);

        foreach (var name in new[] { "viewer", "oversight", "assessor" })
        {
            var refused = await (await app.ApiClientAsync(users[name])).PostAsync("/api/v1/agencies/tambon/assessments/2567/close", null);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)refused.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(users["stranger"])).PostAsync("/api/v1/agencies/tambon/assessments/2567/close", null)).StatusCode);
        // The sign-in cookie does not close a round (CSRF): token only.
        var cookie = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.PostAsync("/api/v1/agencies/tambon/assessments/2567/close", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiClientAsync(users["coordinator"])).PostAsync("/api/v1/agencies/tambon/assessments/2567/close", null)).StatusCode);
        var again = await (await app.ApiClientAsync(users["coordinator"])).PostAsync("/api/v1/agencies/tambon/assessments/2567/close", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("survey.closed", (await ApiCalls.ProblemOf(again)).GetProperty("code").GetString());
    }
}
