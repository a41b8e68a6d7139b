using System.Net;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Plans.PlansKit;

namespace OpenIta.Web.Tests.Plans;

/// <summary>
/// Every plan page and action × every role (issue 11, item 8): only the owner unit (its unit owner) and the coordinator
/// write an item's progress; the coordinator (and administrators) review, close, open rounds and import; everyone who
/// may read the agency reads the plan, the round, the reports and the evidence; oversight also sees the group's view;
/// who may not read gets 404. The writes allowed are drafts (each user's own save), and the coordinator's actions are
/// posted where the workflow refuses them (a return of a draft, a close from a stale version, a round that exists, a
/// preview without a file), so the order of the users does not matter.
/// </summary>
public sealed class PlanPagesAuthorizationMatrixTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const HttpStatusCode Ok = HttpStatusCode.OK;
    private const HttpStatusCode Saved = HttpStatusCode.Redirect;
    private const HttpStatusCode Bad = HttpStatusCode.BadRequest;
    private const HttpStatusCode Forbidden = HttpStatusCode.Forbidden;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode Conflict = HttpStatusCode.Conflict;

    private static readonly string[] Columns =
    [
        "plan", "round", "report form", "report 1.1.1 (ศปท.)", "report 1.1.2 (กพบ.)", "return a draft", "close (stale)",
        "evidence file", "group view", "open an existing round", "preview without a file", "to-do",
    ];

    private static readonly Dictionary<string, HttpStatusCode[]> Expected = new()
    {
        ["admin"] = [Ok, Ok, Ok, Saved, Saved, Conflict, Conflict, Ok, Ok, Conflict, Bad, Ok],
        ["coordinator"] = [Ok, Ok, Ok, Saved, Saved, Conflict, Conflict, Ok, NotFound, Conflict, Bad, Ok],
        ["owner"] = [Ok, Ok, Ok, Saved, Forbidden, Forbidden, Forbidden, Ok, NotFound, Forbidden, Forbidden, Ok],
        ["owner2"] = [Ok, Ok, Ok, Forbidden, Saved, Forbidden, Forbidden, Ok, NotFound, Forbidden, Forbidden, Ok],
        ["executive"] = [Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, NotFound, Forbidden, Forbidden, Ok],
        ["viewer"] = [Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, NotFound, Forbidden, Forbidden, Ok],
        ["oversight"] = [Ok, Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Ok, Forbidden, Forbidden, Ok],
        ["stranger"] = [NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, NotFound, Ok],
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Each_role_gets_what_it_may_on_each_plan_page_and_action(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        // A draft of 1.1.1 with a file, so that the return and the evidence have something to act on.
        var owner = await app.SignedInAsync("owner");
        Expect(Saved, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save", Report111()), "setup save");
        Expect(Saved, await UploadAsync(owner, Report(cast, "1.1.1") + "&handler=evidence", "evidenceFile", "minutes.pdf", "%PDF-1.4 minutes"u8.ToArray(),
            ("evidenceName", "รายงานการประชุม")), "setup evidence");
        var draft = (await EntriesAsync(app)).Single();
        var evidence = await WithStoreAsync(app, async (_, store) => (await store.EntriesAsync(cast.RoundId)).Single().Evidence.Single().Id);

        var failures = new List<string>();
        foreach (var (user, expected) in Expected)
        {
            var client = await app.SignedInAsync(user);
            var actual = new[]
            {
                (await client.GetAsync(Plan)).StatusCode,
                (await client.GetAsync(Round(cast))).StatusCode,
                (await client.GetAsync(Report(cast, "1.1.1"))).StatusCode,
                (await PostAsync(client, Report(cast, "1.1.1") + "&handler=save", Unversioned(Report111(text: "ฉบับของ " + user)))).StatusCode,
                (await PostAsync(client, Report(cast, "1.1.2") + "&handler=save", Unversioned(Report112()))).StatusCode,
                (await PostAsync(client, Round(cast) + "?handler=return", ("entry", N(draft.Id)), ("note", "กรุณาแนบหลักฐาน"))).StatusCode,
                (await PostAsync(client, Round(cast) + "?handler=close", ("version", "999"))).StatusCode,
                (await client.GetAsync("/agencies/spm/plan/evidence/" + N(evidence))).StatusCode,
                (await client.GetAsync("/groups/prov/plans")).StatusCode,
                (await PostAsync(client, Plan + "?handler=openround&plan=" + N(cast.PlanId), ("year", "2568"), ("period", "6"), ("due", ""))).StatusCode,
                (await PostAsync(client, Plan + "?handler=preview")).StatusCode,
                (await client.GetAsync("/todo")).StatusCode,
            };
            for (var i = 0; i < Columns.Length; i++)
            {
                if (actual[i] != expected[i])
                {
                    failures.Add($"{user} × {Columns[i]}: expected {(int)expected[i]}, got {(int)actual[i]}");
                }
            }
        }
        Assert.Empty(failures);
        // The round is still open, and each report is a draft, written last by someone allowed to.
        var entries = await EntriesAsync(app);
        Assert.Equal(["1.1.1", "1.1.2"], entries.Select(e => e.Subject).Order());
        Assert.All(entries, e => Assert.Equal(OpenIta.Data.Plans.ReviewStatus.Draft, e.Review));
        Assert.Equal("owner", entries.Single(e => e.Subject == "1.1.1").UpdatedBy);
        Assert.Equal("owner2", entries.Single(e => e.Subject == "1.1.2").UpdatedBy);
        var round = await WithStoreAsync(app, (_, store) => store.FindRoundAsync(cast.Spm.Id, cast.RoundId));
        Assert.Equal(OpenIta.Data.Plans.RoundStatus.Open, round!.Status);
    }

    /// <summary>A form without the version it was read at: each user's save replaces the last (no stale check).</summary>
    private static (string Name, string Value)[] Unversioned((string, string)[] fields) => [.. fields.Where(f => f.Item1 != "version")];
}
