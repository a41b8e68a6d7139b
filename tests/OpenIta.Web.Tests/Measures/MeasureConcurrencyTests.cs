using System.Net;
using System.Text.RegularExpressions;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>
/// Issue 8 and issue 9 M3: every measures plan write carries the version it read; a stale or losing write is a 409 that
/// says who changed the plan, the form shown again with what was typed; measures are addressed by stable ids.
/// </summary>
public sealed partial class MeasureConcurrencyTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"The form has no hidden {name}.");

    /// <summary>The fields a browser posts from the editor page: its hidden revision, version and fingerprint, and the typed measure.</summary>
    private static (string, string)[] Typed(string form, string title, string items = "I7") =>
    [
        .. MeasureFields(int.Parse(Hidden(form, "revision"), System.Globalization.CultureInfo.InvariantCulture), title, items),
        ("version", Hidden(form, "version")),
        ("original", Hidden(form, "original")),
    ];

    private static async Task ThreeMeasuresAsync(HttpClient coordinator)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=start")).StatusCode);
        foreach (var title in new[] { "หนึ่ง", "สอง", "สาม", "สี่" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit/new", MeasureFields(1, title, "I7"))).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Approve_and_return_at_once_exactly_one_wins_and_the_other_gets_409(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var approver = await app.SignedInAsync("executive");
        await app.AddUserAsync("executive2", false, ("spm", Role.Executive));
        var returner = await app.SignedInAsync("executive2");
        await ReadyAsync(coordinator);
        var wins = new Dictionary<string, int> { ["approve"] = 0, ["return"] = 0 };
        const int Trials = 12;
        for (var trial = 0; trial < Trials; trial++)
        {
            var latest = (await RevisionsAsync(app)).Last();
            var revision = latest.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (latest.Status == PlanStatus.Approved)
            {
                Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=revise", ("revision", revision))).StatusCode);
                latest = (await RevisionsAsync(app)).Last();
                revision = latest.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=submit", ("revision", revision))).StatusCode);
            var page = await approver.GetStringAsync(Plan);
            var version = Hidden(page.Split("id=\"approve-form\"")[1], "version");
            var before = (await EventsAsync(app)).Count;

            // Both executives press at the same moment, from the same page (the same version).
            var approve = PostAsync(approver, Plan + "?handler=approve", [.. ApprovalFields(latest.Revision), ("version", version)]);
            var @return = PostAsync(returner, Plan + "?handler=return", ("revision", revision), ("version", version), ("note", "แก้ไขขั้นตอน"));
            var answers = await Task.WhenAll(approve, @return);

            var statuses = answers.Select(a => a.StatusCode).ToArray();
            Assert.True(statuses.Count(s => s == HttpStatusCode.Redirect) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == 1,
                $"trial {trial}: approve {(int)statuses[0]}, return {(int)statuses[1]}");
            var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
            Assert.Contains("แผนนี้ถูกแก้ไขโดย", await loser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var winner = answers[0].StatusCode == HttpStatusCode.Redirect ? "approve" : "return";
            wins[winner]++;
            var now = (await RevisionsAsync(app)).Last();
            Assert.Equal(winner == "approve" ? PlanStatus.Approved : PlanStatus.Draft, now.Status);
            // Exactly one step was recorded, the winner's; an approved revision carries its approval and nothing else.
            var added = (await EventsAsync(app)).Skip(before).Select(e => e.Action).ToList();
            Assert.Equal([winner == "approve" ? "approved" : "returned"], added);
            Assert.Equal(winner == "approve", now.MemoNumber is not null);
        }
        Assert.Equal(Trials, wins.Values.Sum());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Two_editors_of_one_measure_the_second_gets_409_and_keeps_what_it_typed(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var first = await app.SignedInAsync("coordinator");
        await app.AddUserAsync("coordinator2", false, ("spm", Role.Coordinator));
        var second = await app.SignedInAsync("coordinator2");
        await ReadyAsync(first);
        var path = await EditPathAsync(app, 1);
        var firstForm = await first.GetStringAsync(path);
        var secondForm = await second.GetStringAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(first, path, Typed(firstForm, "ฉบับของผู้แก้ไขคนแรก"))).StatusCode);
        var stale = await PostAsync(second, path, Typed(secondForm, "ฉบับของผู้แก้ไขคนที่สอง"));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await stale.Content.ReadAsStringAsync();
        Assert.Contains("มาตรการนี้ถูกแก้ไขโดย coordinator เมื่อ", page, StringComparison.Ordinal);
        Assert.Contains(">ฉบับของผู้แก้ไขคนที่สอง</textarea>", page, StringComparison.Ordinal);
        Assert.Equal("ฉบับของผู้แก้ไขคนแรก", (await RevisionsAsync(app)).Single().Plan().Measures[0].Title);

        // Saving the re-shown form again is a decision made knowing: it replaces.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(second, path, Typed(page, "ฉบับของผู้แก้ไขคนที่สอง"))).StatusCode);
        Assert.Equal("ฉบับของผู้แก้ไขคนที่สอง", (await RevisionsAsync(app)).Single().Plan().Measures[0].Title);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_stale_opening_form_gets_409_with_the_typed_introduction(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        var editor = await coordinator.GetStringAsync(Plan + "/edit");
        var version = Hidden(editor.Split("id=\"plan\"")[1], "version");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit/new", MeasureFields(1, "อีกมาตรการ", "I7"))).StatusCode);

        var stale = await PostAsync(coordinator, Plan + "/edit?handler=plan", ("revision", "1"), ("version", version),
            ("layout", "ByItem"), ("introduction", "บทนำที่พิมพ์ไว้"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(">บทนำที่พิมพ์ไว้</textarea>", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await RevisionsAsync(app)).Single().Plan().Introduction);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Deleting_measure_2_while_another_edits_measure_3_lands_the_edit_on_measure_3(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await app.AddUserAsync("coordinator2", false, ("spm", Role.Coordinator));
        var other = await app.SignedInAsync("coordinator2");
        await ThreeMeasuresAsync(coordinator);
        var third = await EditPathAsync(app, 3);
        var form = await other.GetStringAsync(third);
        var list = await coordinator.GetStringAsync(Plan + "/edit");

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit?handler=delete", ("revision", "1"),
            ("version", Hidden(list, "version")), ("measure", await MeasureIdAsync(app, 2)), ("confirmed", "yes"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(other, third, Typed(form, "สาม แก้ไขแล้ว"))).StatusCode);

        var plan = (await RevisionsAsync(app)).Single().Plan();
        Assert.Equal([(1, "หนึ่ง"), (2, "สาม แก้ไขแล้ว"), (3, "สี่")], plan.Measures.Select(m => (m.Number, m.Title)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Two_editors_of_different_measures_at_once_both_land(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var first = await app.SignedInAsync("coordinator");
        await app.AddUserAsync("coordinator2", false, ("spm", Role.Coordinator));
        var second = await app.SignedInAsync("coordinator2");
        await ThreeMeasuresAsync(first);
        var (one, two) = (await EditPathAsync(app, 1), await EditPathAsync(app, 2));
        const int Trials = 10;
        for (var trial = 0; trial < Trials; trial++)
        {
            var (formOne, formTwo) = (await first.GetStringAsync(one), await second.GetStringAsync(two));
            var answers = await Task.WhenAll(
                PostAsync(first, one, Typed(formOne, $"หนึ่ง รอบ {trial}")),
                PostAsync(second, two, Typed(formTwo, $"สอง รอบ {trial}")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
            var titles = (await RevisionsAsync(app)).Single().Plan().Measures.Select(m => m.Title).ToList();
            Assert.Equal([$"หนึ่ง รอบ {trial}", $"สอง รอบ {trial}", "สาม", "สี่"], titles);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Every_write_raises_the_version_and_ids_survive_moves_revisions_and_redrafts(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await ThreeMeasuresAsync(coordinator);
        var revision = (await RevisionsAsync(app)).Single();
        Assert.Equal(5, revision.Version); // started, then four measures added
        var ids = revision.Plan().Measures.Select(m => m.Id).ToList();
        Assert.All(ids, id => Assert.Matches("^m[0-9a-f]{12}$", id));
        Assert.Equal(4, ids.Distinct().Count());

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit?handler=move", ("revision", "1"),
            ("version", "5"), ("measure", ids[2]!), ("direction", "up"))).StatusCode);
        var moved = (await RevisionsAsync(app)).Single();
        Assert.Equal(6, moved.Version);
        Assert.Equal([ids[0], ids[2], ids[1], ids[3]], moved.Plan().Measures.Select(m => m.Id));
        // A number in the address only leads to the id of the measure standing there now.
        var byNumber = await coordinator.GetAsync(Plan + "/edit/2");
        Assert.Equal(HttpStatusCode.Redirect, byNumber.StatusCode);
        Assert.EndsWith("/edit/" + ids[2], byNumber.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(coordinator, Plan + "/edit/2", MeasureFields(1, "ตำแหน่ง", "I7"))).StatusCode);
    }
}
