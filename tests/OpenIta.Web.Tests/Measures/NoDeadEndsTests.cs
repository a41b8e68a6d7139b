using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>
/// Issue 10, item 4 (no dead ends): destructive actions ask first (a second POST, no JavaScript needed) and what they
/// replace can be restored; single templates are added from the catalogue; the home page shows what waits for whom; a
/// plan no one can approve says so and the administrator is told; superseded revisions say so; revisions compare.
/// </summary>
public sealed partial class NoDeadEndsTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpStatusCode> StepAsync(HttpClient client, string handler, int revision, params (string, string)[] fields) =>
        (await PostAsync(client, Plan + "?handler=" + handler, [("revision", N(revision)), .. fields])).StatusCode;

    /// <summary>
    /// The menu offered the import and the progress to-do list to everyone, and an assessor's home page listed agencies
    /// with no way to their work: each role now sees what it can do, and an assessor the group's OIT and rounds.
    /// </summary>
    [Fact]
    public async Task The_home_page_and_menu_show_each_role_what_it_can_do()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite);
        async Task<string> HomeOf(string user) => WebUtility.HtmlDecode(await (await app.SignedInAsync(user)).GetStringAsync("/"));

        var assessor = await HomeOf("assessor");
        var coordinator = await HomeOf("coordinator");
        var unitOwner = await HomeOf("unitowner");
        var viewer = await HomeOf("viewer");

        Assert.Contains("id=\"home-assessing\"", assessor, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/spm/oit?year=2565\"", assessor, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/spm/assessments/2565\"", assessor, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"home-assessing\"", coordinator, StringComparison.Ordinal);
        foreach (var page in new[] { assessor, viewer })
        {
            Assert.DoesNotContain("href=\"/import\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/todo\"", page, StringComparison.Ordinal);
        }
        Assert.Contains("href=\"/import\"", coordinator, StringComparison.Ordinal);
        Assert.Contains("href=\"/todo\"", coordinator, StringComparison.Ordinal);
        Assert.Contains("href=\"/todo\"", unitOwner, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/import\"", unitOwner, StringComparison.Ordinal);
        // The links lead somewhere the assessor may go.
        var client = await app.SignedInAsync("assessor");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/groups/spm/oit?year=2565")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/groups/spm/assessments/2565")).StatusCode);
        // The OIT page's year picker offered the assessor every year with OIT items, and the others were refused (403).
        var oit = await client.GetStringAsync("/groups/spm/oit?year=2565");
        foreach (var other in new[] { 2566, 2567, 2568 })
        {
            Assert.DoesNotContain($"href=\"/groups/spm/oit?year={other}\"", oit, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/groups/spm/oit?year={other}")).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Deleting_a_measure_asks_first_and_the_content_before_it_can_be_restored(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit/new", MeasureFields(1, "มาตรการที่สอง", "I8"))).StatusCode);
        var before = (await RevisionsAsync(app)).Single();
        var doomed = before.Plan().Measures[0];

        // Without confirmation: the question, naming the measure; nothing written.
        var asked = await PostAsync(coordinator, Plan + "/edit?handler=delete", ("revision", "1"), ("version", N(before.Version)), ("measure", doomed.Id!));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await asked.Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirm-delete\"", question, StringComparison.Ordinal);
        Assert.Contains(ReadyTitle, question, StringComparison.Ordinal);
        Assert.Contains("name=\"confirmed\" value=\"yes\"", question, StringComparison.Ordinal);
        var unchanged = (await RevisionsAsync(app)).Single();
        Assert.Equal((before.ContentJson, before.Version), (unchanged.ContentJson, unchanged.Version));

        // Confirmed: deleted, the content before it kept, and the editor offers the undo.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit?handler=delete", ("revision", "1"),
            ("version", N(before.Version)), ("measure", doomed.Id!), ("confirmed", "yes"))).StatusCode);
        var deleted = (await RevisionsAsync(app)).Single();
        Assert.Equal(["มาตรการที่สอง"], deleted.Plan().Measures.Select(m => m.Title));
        Assert.Equal(before.ContentJson, deleted.KeptContentJson);
        Assert.Equal("deleted", deleted.KeptReason);
        var editor = await coordinator.GetStringAsync(Plan + "/edit");
        Assert.Contains("id=\"kept\"", editor, StringComparison.Ordinal);
        Assert.Contains("id=\"restore\"", editor, StringComparison.Ordinal);
        Assert.Contains(ReadyTitle, editor, StringComparison.Ordinal); // the deleted measure is named in the notice

        // Restored: both measures back with their ids; the content it replaced is kept in turn.
        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "restore", 1, ("version", N(deleted.Version)), ("back", "edit")));
        var restored = (await RevisionsAsync(app)).Single();
        Assert.Equal(before.Plan().Measures.Select(m => (m.Id, m.Title)), restored.Plan().Measures.Select(m => (m.Id, m.Title)));
        Assert.Equal(deleted.ContentJson, restored.KeptContentJson);
        Assert.Contains(await EventsAsync(app), e => e.Action == "deleted" && e.Note!.Contains(ReadyTitle, StringComparison.Ordinal));
        Assert.Contains(await EventsAsync(app), e => e.Action == "restored");

        // A restore from a stale page is a 409 in Thai, nothing changed.
        var stale = await PostAsync(coordinator, Plan + "?handler=restore", ("revision", "1"), ("version", N(deleted.Version)));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("แก้ไขโดย", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(restored.ContentJson, (await RevisionsAsync(app)).Single().ContentJson);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Replacing_the_plan_with_a_catalogue_draft_asks_first_and_the_replaced_plan_can_be_restored(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit?handler=plan", ("revision", "1"),
            ("layout", "ByItem"), ("introduction", "บทนำที่เขียนเอง"))).StatusCode);
        var before = (await RevisionsAsync(app)).Single();
        Assert.Contains("id=\"redraft\"", await coordinator.GetStringAsync(Plan), StringComparison.Ordinal);

        var asked = await PostAsync(coordinator, Plan + "?handler=redraft", ("revision", "1"), ("version", N(before.Version)));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("id=\"confirm-redraft\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before.ContentJson, (await RevisionsAsync(app)).Single().ContentJson);

        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "redraft", 1, ("version", N(before.Version)), ("confirmed", "yes")));
        var replaced = (await RevisionsAsync(app)).Single();
        Assert.DoesNotContain(replaced.Plan().Measures, m => m.Title == ReadyTitle);
        Assert.Null(replaced.Plan().Introduction);
        Assert.Equal(before.ContentJson, replaced.KeptContentJson);
        var page = await coordinator.GetStringAsync(Plan);
        Assert.Contains("id=\"kept\"", page, StringComparison.Ordinal);
        Assert.Contains("แทนที่ด้วยร่างจากคลังมาตรการ", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "restore", 1, ("version", N(replaced.Version))));
        var restored = (await RevisionsAsync(app)).Single().Plan();
        Assert.Equal("บทนำที่เขียนเอง", restored.Introduction);
        Assert.Equal([ReadyTitle], restored.Measures.Select(m => m.Title));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_single_catalogue_template_is_appended_to_the_draft_linked_to_the_weak_item_it_was_picked_for(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        var before = (await RevisionsAsync(app)).Single().Plan();

        var page = await coordinator.GetStringAsync(Plan + "/catalogue");
        Assert.Contains("id=\"by-item\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"by-group\"", page, StringComparison.Ordinal);
        // The first suggestion for a weak item, as the page offers it.
        var offer = AddButton().Match(page);
        Assert.True(offer.Success, "the page offers no template for a weak item");
        var (template, item) = (offer.Groups["template"].Value, offer.Groups["item"].Value);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/catalogue?handler=add",
            ("revision", "1"), ("template", template), ("item", item))).StatusCode);
        var after = (await RevisionsAsync(app)).Single().Plan();
        Assert.Equal(before.Measures.Count + 1, after.Measures.Count);
        Assert.Equal(MeasurePlanJson.Fingerprint(before.Measures[0]), MeasurePlanJson.Fingerprint(after.Measures[0])); // the others stay as they were
        var added = after.Measures[^1];
        Assert.Equal((template, after.Measures.Count), (added.TemplateId, added.Number));
        Assert.Contains(item, added.Items, StringComparer.OrdinalIgnoreCase);
        Assert.NotEmpty(added.Steps);
        Assert.NotNull(added.Id);
        Assert.Contains(await EventsAsync(app), e => e.Action == "added");

        // A template or item that does not exist is the client's mistake, named; nothing written.
        var noTemplate = await PostAsync(coordinator, Plan + "/catalogue?handler=add", ("revision", "1"), ("template", "no-such-template"));
        Assert.Equal(HttpStatusCode.BadRequest, noTemplate.StatusCode);
        Assert.Contains("ไม่พบมาตรการที่เลือกในคลังมาตรการ", await noTemplate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noItem = await PostAsync(coordinator, Plan + "/catalogue?handler=add", ("revision", "1"), ("template", template), ("item", "Z99"));
        Assert.Equal(HttpStatusCode.BadRequest, noItem.StatusCode);
        Assert.Contains("Z99", await noItem.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(after.Measures.Count, (await RevisionsAsync(app)).Single().Plan().Measures.Count);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_home_page_shows_the_executive_what_waits_for_approval_and_the_coordinator_what_came_back(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        await ReadyAsync(coordinator);
        Assert.DoesNotContain("id=\"inbox-approve\"", await executive.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"inbox-coordinator\"", await coordinator.GetStringAsync("/"), StringComparison.Ordinal); // a draft never submitted

        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "submit", 1));
        var inbox = Inbox(await executive.GetStringAsync("/"), "inbox-approve");
        Assert.Contains(Plan, inbox, StringComparison.Ordinal);
        Assert.Contains("รอผู้บริหารอนุมัติ", Inbox(await coordinator.GetStringAsync("/"), "inbox-coordinator"), StringComparison.Ordinal);
        // Others of the agency have no inbox.
        Assert.DoesNotContain("id=\"inbox-approve\"", await (await app.SignedInAsync("viewer")).GetStringAsync("/"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(executive, "return", 1, ("note", "เพิ่มตัวชี้วัด")));
        Assert.DoesNotContain("id=\"inbox-approve\"", await executive.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("ส่งกลับให้แก้ไข", Inbox(await coordinator.GetStringAsync("/"), "inbox-coordinator"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "submit", 1));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1))).StatusCode);
        Assert.Contains("อนุมัติแล้ว รอเผยแพร่", Inbox(await coordinator.GetStringAsync("/"), "inbox-coordinator"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "publish", 1));
        Assert.DoesNotContain("id=\"inbox-coordinator\"", await coordinator.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_plan_no_one_can_approve_says_so_and_the_administrator_is_told(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        await app.WithDbAsync(db => db.Memberships.Where(m => m.Role == Role.Executive).ExecuteDeleteAsync());
        var coordinator = await app.SignedInAsync("coordinator");
        var admin = await app.SignedInAsync("admin");
        await ReadyAsync(coordinator);
        Assert.Contains("id=\"no-approver\"", await coordinator.GetStringAsync(Plan), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"inbox-no-approver\"", await admin.GetStringAsync("/"), StringComparison.Ordinal); // not submitted yet

        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "submit", 1));
        var page = await coordinator.GetStringAsync(Plan);
        Assert.Contains("id=\"no-approver\"", page, StringComparison.Ordinal);
        Assert.Contains("ยังไม่มีผู้อนุมัติ", page, StringComparison.Ordinal);
        Assert.Contains("ยังไม่มีผู้บริหารในระบบ", Inbox(await coordinator.GetStringAsync("/"), "inbox-coordinator"), StringComparison.Ordinal);
        Assert.Contains(Plan, Inbox(await admin.GetStringAsync("/"), "inbox-no-approver"), StringComparison.Ordinal);

        // Once someone holds the role, the notices go.
        await app.AddUserAsync("newhead", false, ("spm", Role.Executive));
        Assert.DoesNotContain("id=\"no-approver\"", await coordinator.GetStringAsync(Plan), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"inbox-no-approver\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(Plan, Inbox(await (await app.SignedInAsync("newhead")).GetStringAsync("/"), "inbox-approve"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task After_revision_2_is_published_revision_1_says_it_is_superseded_and_the_two_compare_measure_by_measure(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        var oversight = await app.SignedInAsync("oversight");
        await ReadyAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "submit", 1));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "publish", 1));
        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "revise", 1));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(2, "ชื่อใหม่ของมาตรการ", "I7"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit/new", MeasureFields(2, "มาตรการเพิ่มในฉบับที่สอง", "I8"))).StatusCode);
        // Until revision 2 is published, revision 1 is the one in force, and oversight cannot compare with a draft.
        Assert.Equal("เผยแพร่แล้ว", Status(await coordinator.GetStringAsync(Plan + "?revision=1")));
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync(Plan + "/compare?from=1&to=2")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "submit", 2));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(2))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await StepAsync(coordinator, "publish", 2));

        foreach (var client in new[] { coordinator, oversight })
        {
            Assert.Equal("เผยแพร่แล้ว (ถูกแทนที่โดยฉบับที่ 2)", Status(await client.GetStringAsync(Plan + "?revision=1")));
            Assert.Equal("เผยแพร่แล้ว", Status(await client.GetStringAsync(Plan + "?revision=2")));
            var compare = await client.GetAsync(Plan + "/compare?from=1&to=2");
            Assert.Equal(HttpStatusCode.OK, compare.StatusCode);
            var html = await compare.Content.ReadAsStringAsync();
            Assert.Contains("ถูกแทนที่โดยฉบับที่ 2", html, StringComparison.Ordinal);
            Assert.Equal(1, Regex.Count(html, "<tr class=\"added\" data-change=\"added\""));
            Assert.Equal(1, Regex.Count(html, "<tr class=\"changed\" data-change=\"changed\""));
            Assert.Contains("<div class=\"changed\" data-field=\"title\"><strong>1. ชื่อใหม่ของมาตรการ</strong>", html, StringComparison.Ordinal);
            // The changed field is marked on both sides (the old title beside the new); the unchanged steps are not.
            Assert.Contains("<div class=\"changed\" data-field=\"title\"><strong>1. " + ReadyTitle, html, StringComparison.Ordinal);
            Assert.DoesNotContain("changed\" data-field=\"steps\"", html, StringComparison.Ordinal);
        }
        // The default compares the newest with the one before; a revision that does not exist is a 404.
        Assert.Contains("data-change=\"added\"", await coordinator.GetStringAsync(Plan + "/compare"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(Plan + "/compare?from=1&to=9")).StatusCode);
    }

    private static string Status(string page) =>
        System.Net.WebUtility.HtmlDecode(StatusBadge().Match(page).Groups[1].Value).Trim();

    private static string Inbox(string page, string id)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {id} on the page");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("id=\"plan-status\">([^<]*)<")]
    private static partial Regex StatusBadge();

    [GeneratedRegex("data-template=\"(?<template>[a-z0-9-]+)\" data-item=\"(?<item>[A-Za-z0-9.]+)\"")]
    private static partial Regex AddButton();
}
