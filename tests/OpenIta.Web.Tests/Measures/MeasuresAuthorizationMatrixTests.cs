using System.Net;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>
/// Every measures page and action × every role, on a plan whose revision 1 is a draft. The actions are posted where
/// the workflow refuses them (the draft cannot be published, approved, returned or revised; the plan exists, so it
/// cannot be started): who may act gets the workflow's 409, who may read but not act gets 403, who may not read gets
/// 404 (and oversight, for whom a draft does not exist, 404 on actions naming it). Nothing changes, so the order of
/// the users does not matter.
/// </summary>
public sealed class MeasuresAuthorizationMatrixTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode Conflict = HttpStatusCode.Conflict;

    private static readonly string[] Columns =
        ["plan", "revision 1", "editor", "measure form", "start", "draft", "submit?", "approve", "return", "publish", "revise",
            "catalogue", "add template (stale revision)", "compare 1 with 1", "restore (nothing kept)", "delete unconfirmed", "redraft unconfirmed"];

    private static readonly Dictionary<string, HttpStatusCode[]> Expected = new()
    {
        ["admin"] = [Ok, Ok, Ok, Ok, Conflict, Conflict, Ok, Forbidden, Forbidden, Conflict, Conflict, Ok, Conflict, Ok, Conflict, Ok, Ok],
        ["coordinator"] = [Ok, Ok, Ok, Ok, Conflict, Conflict, Ok, Forbidden, Forbidden, Conflict, Conflict, Ok, Conflict, Ok, Conflict, Ok, Ok],
        ["unitowner"] = [Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden],
        ["executive"] = [Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Conflict, Conflict, Conflict, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden],
        ["viewer"] = [Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden],
        ["oversight"] = [Ok, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Ok, NotFound, NotFound, NotFound, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden, NotFound],
        // An assessor whose group is the agency itself: reads like oversight, published revisions only (never drafts).
        ["assessor"] = [Ok, NotFound, Forbidden, Forbidden, Forbidden, Forbidden, Ok, NotFound, NotFound, NotFound, NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden, NotFound],
        ["stranger"] = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound],
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Each_role_gets_what_it_may_on_each_measures_page_and_action(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        await DraftAsync(await app.SignedInAsync("coordinator"));
        var before = Assert.Single(await RevisionsAsync(app));
        var measure = await MeasureIdAsync(app, 1);

        var failures = new List<string>();
        foreach (var (user, expected) in Expected)
        {
            var client = await app.SignedInAsync(user);
            var actual = new[]
            {
                (await client.GetAsync(Plan)).StatusCode,
                (await client.GetAsync(Plan + "?revision=1")).StatusCode,
                (await client.GetAsync(Plan + "/edit")).StatusCode,
                (await client.GetAsync(Plan + "/edit/new")).StatusCode,
                (await PostAsync(client, Plan + "?handler=start")).StatusCode,
                (await PostAsync(client, Plan + "?handler=draft")).StatusCode,
                // Whether the page offers the submit button is checked below; the matrix reads the page again here.
                (await client.GetAsync(Plan)).StatusCode,
                (await PostAsync(client, Plan + "?handler=approve", ApprovalFields(1))).StatusCode,
                (await PostAsync(client, Plan + "?handler=return", ("revision", "1"), ("note", "แก้ไขข้อ 2"))).StatusCode,
                (await PostAsync(client, Plan + "?handler=publish", ("revision", "1"))).StatusCode,
                (await PostAsync(client, Plan + "?handler=revise", ("revision", "1"))).StatusCode,
                (await client.GetAsync(Plan + "/catalogue")).StatusCode,
                (await PostAsync(client, Plan + "/catalogue?handler=add", ("revision", "2"), ("template", "work-manual"))).StatusCode,
                (await client.GetAsync(Plan + "/compare?from=1&to=1")).StatusCode,
                (await PostAsync(client, Plan + "?handler=restore", ("revision", "1"))).StatusCode,
                (await PostAsync(client, Plan + "/edit?handler=delete", ("revision", "1"), ("measure", measure))).StatusCode,
                (await PostAsync(client, Plan + "?handler=redraft", ("revision", "1"))).StatusCode,
            };
            for (var i = 0; i < Columns.Length; i++)
            {
                if (actual[i] != expected[i])
                {
                    failures.Add($"{user} × {Columns[i]}: expected {(int)expected[i]}, got {(int)actual[i]}");
                }
            }
            if (expected[0] == Ok)
            {
                var page = await client.GetStringAsync(Plan);
                var offersSubmit = page.Contains("handler=submit", StringComparison.Ordinal);
                if (offersSubmit != (user is "admin" or "coordinator"))
                {
                    failures.Add($"{user}: the submit button is {(offersSubmit ? "" : "not ")}offered");
                }
            }
        }
        Assert.Empty(failures);
        var after = Assert.Single(await RevisionsAsync(app));
        Assert.Equal((before.Status, before.ContentJson, before.UpdatedAtUnixMs, before.KeptContentJson),
            (after.Status, after.ContentJson, after.UpdatedAtUnixMs, after.KeptContentJson));
    }
}
