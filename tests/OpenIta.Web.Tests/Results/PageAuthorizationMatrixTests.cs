using System.Net;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Results;

/// <summary>
/// Every page of results and dashboards × every role × an agency of the user's own group or another: who reads (200),
/// who may read but not act (403), and who is told the agency does not exist (404, so that slugs cannot be probed).
/// </summary>
public sealed class PageAuthorizationMatrixTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Saved = HttpStatusCode.Redirect;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;

    /// <summary>Overview, result, edit form, saving, dashboard of the agency's group, measures page, analysis document.</summary>
    private static readonly string[] Pages = ["overview", "result", "edit", "save", "dashboard", "measures", "analysis.docx"];

    // user → (statuses on "own" and its group "prov", statuses on "other" and its group "elsewhere")
    private static readonly Dictionary<string, (HttpStatusCode[] Own, HttpStatusCode[] Other)> Expected = new()
    {
        ["admin"] = ([Ok, Ok, Ok, Saved, Ok, Ok, Ok], [Ok, Ok, Ok, Saved, Ok, Ok, Ok]),
        ["coordinator"] = ([Ok, Ok, Ok, Saved, NotFound, Ok, Ok], [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["unitowner"] = ([Ok, Ok, Forbidden, Forbidden, NotFound, Ok, Ok], [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["executive"] = ([Ok, Ok, Forbidden, Forbidden, NotFound, Ok, Ok], [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["viewer"] = ([Ok, Ok, Forbidden, Forbidden, NotFound, Ok, Ok], [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        ["oversight"] = ([Ok, Ok, Forbidden, Forbidden, Ok, Ok, Ok], [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
        // An assessor of the group reads its agencies (any year) but does not oversee it: no dashboard.
        ["assessor"] = ([Ok, Ok, Forbidden, Forbidden, Forbidden, Ok, Ok], [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound]),
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Each_role_gets_what_it_may_on_each_page(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("own", "prov");
        await app.AddAgencyAsync("elsewhere", kind: AgencyKind.Province);
        await app.AddAgencyAsync("other", "elsewhere");
        var seed = ResultPagesTests.Example("spm-2565.json");
        await ResultPagesTests.StoreAsync(app, "own", seed);
        await ResultPagesTests.StoreAsync(app, "other", seed);
        await app.AddUserAsync("admin", true);
        await app.AddUserAsync("coordinator", false, ("own", Role.Coordinator));
        await app.AddUserAsync("unitowner", false, ("own", Role.UnitOwner));
        await app.AddUserAsync("executive", false, ("own", Role.Executive));
        await app.AddUserAsync("viewer", false, ("own", Role.Viewer));
        await app.AddUserAsync("oversight", false, ("prov", Role.Oversight));
        await app.AddAssessorAsync("assessor", "prov", 2566);

        var failures = new List<string>();
        foreach (var (user, expected) in Expected)
        {
            var client = await app.SignedInAsync(user);
            var token = await TestApp.AntiforgeryTokenAsync(client, "/account/login");
            foreach (var (agency, group, statuses) in new[] { ("own", "prov", expected.Own), ("other", "elsewhere", expected.Other) })
            {
                var actual = new[]
                {
                    (await client.GetAsync($"/agencies/{agency}")).StatusCode,
                    (await client.GetAsync($"/agencies/{agency}/results/2565")).StatusCode,
                    (await client.GetAsync($"/agencies/{agency}/results/2565/edit")).StatusCode,
                    (await client.PostAsync($"/agencies/{agency}/results/2565/edit", new FormUrlEncodedContent(
                        Enumerable.Range(1, 10).Select(n => KeyValuePair.Create($"indicators.{n}", "90"))
                            .Append(KeyValuePair.Create("__RequestVerificationToken", token))))).StatusCode,
                    (await client.GetAsync($"/groups/{group}")).StatusCode,
                    (await client.GetAsync($"/agencies/{agency}/results/2565/measures")).StatusCode,
                    (await client.GetAsync($"/agencies/{agency}/results/2565/analysis.docx")).StatusCode,
                };
                for (var i = 0; i < Pages.Length; i++)
                {
                    if (actual[i] != statuses[i])
                    {
                        failures.Add($"{user} × {Pages[i]} of {agency}: expected {(int)statuses[i]}, got {(int)actual[i]}");
                    }
                }
            }
        }
        Assert.Empty(failures);
    }
}
