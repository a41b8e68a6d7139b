using System.Net;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>The measures pages (issue 4, item 3): the approval rules, who sees drafts, and the whole flow.</summary>
public sealed class MeasureWorkflowPageTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static async Task SubmitAsync(HttpClient coordinator, int revision = 1) =>
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=submit", ("revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)))).StatusCode);

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_approved_revision_cannot_be_edited(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        await ReadyAsync(coordinator);
        await SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1))).StatusCode);
        var before = Assert.Single(await RevisionsAsync(app));
        Assert.Equal(PlanStatus.Approved, before.Status);

        var measure = await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(1, "แก้ไขหลังอนุมัติ", "I7"));
        Assert.Equal(HttpStatusCode.Conflict, measure.StatusCode);
        Assert.Contains("ฉบับที่อนุมัติแล้วแก้ไขไม่ได้", await measure.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var added = await PostAsync(coordinator, Plan + "/edit/new", MeasureFields(1, "มาตรการใหม่", "I7"));
        Assert.Equal(HttpStatusCode.Conflict, added.StatusCode);
        var opening = await PostAsync(coordinator, Plan + "/edit?handler=plan", ("revision", "1"), ("layout", "ByItem"), ("introduction", "ใหม่"));
        Assert.Equal(HttpStatusCode.Conflict, opening.StatusCode);
        var deleted = await PostAsync(coordinator, Plan + "/edit?handler=delete", ("revision", "1"), ("measure", await MeasureIdAsync(app, 1)));
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);

        var after = Assert.Single(await RevisionsAsync(app));
        Assert.Equal(before.ContentJson, after.ContentJson);
        Assert.Equal(before.UpdatedAtUnixMs, after.UpdatedAtUnixMs);

        // The editor says why and offers no form; the plan page offers a new revision, not an edit.
        var editor = await coordinator.GetStringAsync(Plan + "/edit");
        Assert.Contains("id=\"edit-error\"", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=plan", editor, StringComparison.Ordinal);
        var page = await coordinator.GetStringAsync(Plan);
        Assert.Contains("id=\"frozen-note\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"edit-plan\"", page, StringComparison.Ordinal);
        Assert.Contains("handler=revise", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_an_executive_of_the_agency_approves_and_the_memo_number_is_required(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        await SubmitAsync(coordinator);

        foreach (var user in new[] { "coordinator", "admin", "viewer", "unitowner" })
        {
            var client = user == "coordinator" ? coordinator : await app.SignedInAsync(user);
            var response = await PostAsync(client, Plan + "?handler=approve", ApprovalFields(1));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user}: {(int)response.StatusCode}");
            // Nor may they see the approval form.
            Assert.DoesNotContain("id=\"approve-form\"", await client.GetStringAsync(Plan), StringComparison.Ordinal);
        }
        var oversight = await PostAsync(await app.SignedInAsync("oversight"), Plan + "?handler=approve", ApprovalFields(1));
        Assert.Equal(HttpStatusCode.NotFound, oversight.StatusCode); // oversight cannot see revision 1: a draft to them
        var stranger = await PostAsync(await app.SignedInAsync("stranger"), Plan + "?handler=approve", ApprovalFields(1));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(PlanStatus.Submitted, Assert.Single(await RevisionsAsync(app)).Status);

        var executive = await app.SignedInAsync("executive");
        Assert.Contains("id=\"approve-form\"", await executive.GetStringAsync(Plan), StringComparison.Ordinal);
        var noMemo = await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1, "Approval.MemoNumber"));
        Assert.Equal(HttpStatusCode.BadRequest, noMemo.StatusCode);
        var form = await noMemo.Content.ReadAsStringAsync();
        Assert.Contains("data-field=\"Approval.MemoNumber\"", form, StringComparison.Ordinal);
        Assert.Contains("กรุณาระบุเลขที่บันทึกข้อความ", form, StringComparison.Ordinal);
        Assert.Contains("value=\"นายทดสอบ ผู้อนุมัติ\"", form, StringComparison.Ordinal); // what was typed is kept
        var badDate = await PostAsync(executive, Plan + "?handler=approve",
            ApprovalFields(1, "Approval.Date").Append(("Approval.Date", "31/2/2565")).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("data-field=\"Approval.Date\"", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Submitted, Assert.Single(await RevisionsAsync(app)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1))).StatusCode);
        var approved = Assert.Single(await RevisionsAsync(app));
        Assert.Equal(PlanStatus.Approved, approved.Status);
        Assert.Equal(new DateOnly(2022, 11, 30), approved.ApprovedOn); // 30/11/2565 is Buddhist Era
        Assert.Equal("ศปท. 0706/2565", approved.MemoNumber);
        var page = await executive.GetStringAsync(Plan);
        Assert.Contains("<dd id=\"approved-on\">30 พ.ย. 2565</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"memo-number\">ศปท. 0706/2565</dd>", page, StringComparison.Ordinal);

        // Approving again is the workflow's refusal: 409 with the reason.
        var again = await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("อนุมัติได้เฉพาะฉบับที่เสนอแล้ว", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_the_agency_s_own_users_see_drafts(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        await ReadyAsync(coordinator);
        const string title = ReadyTitle;

        var oversight = await app.SignedInAsync("oversight");
        var unpublished = await oversight.GetAsync(Plan);
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        var hidden = await unpublished.Content.ReadAsStringAsync();
        Assert.Contains("id=\"not-published\"", hidden, StringComparison.Ordinal);
        Assert.Contains("ยังไม่เผยแพร่", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain(title, hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"audit\"", hidden, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync(Plan + "?revision=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oversight.GetAsync(Plan + "/edit")).StatusCode);

        var viewer = await app.SignedInAsync("viewer");
        var draft = await viewer.GetStringAsync(Plan);
        Assert.Contains(title, draft, StringComparison.Ordinal);
        Assert.Contains("<span class=\"plan-status-badge status-draft\" id=\"plan-status\">ร่าง</span>", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=submit", draft, StringComparison.Ordinal); // a viewer reads, does not act

        var stranger = await app.SignedInAsync("stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Plan)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Plan + "/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(stranger, Plan + "?handler=submit", ("revision", "1"))).StatusCode);

        // Published: oversight sees revision 1 and its history; a new draft (revision 2) stays hidden from them.
        await SubmitAsync(coordinator);
        var executive = await app.SignedInAsync("executive");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=publish", ("revision", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=revise", ("revision", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(2, "มาตรการฉบับร่างที่สอง", "I7"))).StatusCode);

        var published = await oversight.GetStringAsync(Plan);
        Assert.Contains(title, published, StringComparison.Ordinal);
        Assert.Contains("id=\"plan-status\">เผยแพร่แล้ว</span>", published, StringComparison.Ordinal);
        Assert.DoesNotContain("มาตรการฉบับร่างที่สอง", published, StringComparison.Ordinal);
        Assert.DoesNotContain("data-revision=\"2\"", published, StringComparison.Ordinal);
        Assert.Contains("data-action=\"published\"", published, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"revised\"", published, StringComparison.Ordinal); // revision 2's history
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync(Plan + "?revision=2")).StatusCode);
        Assert.DoesNotContain("handler=", published, StringComparison.Ordinal);

        var own = await viewer.GetStringAsync(Plan);
        Assert.Contains("มาตรการฉบับร่างที่สอง", own, StringComparison.Ordinal);
        Assert.Contains("data-revision=\"2\"", own, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Draft_edit_submit_approve_publish_revise_and_the_audit_trail(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");

        // Nothing yet: the coordinator is offered a draft.
        var empty = await coordinator.GetStringAsync(Plan);
        Assert.Contains("id=\"no-plan\"", empty, StringComparison.Ordinal);
        Assert.Contains("handler=draft", empty, StringComparison.Ordinal);

        // 1. Draft from the analysis and the catalogue: each template answering urgent items becomes a measure.
        var drafted = await PostAsync(coordinator, Plan + "?handler=draft");
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        Assert.Equal(Plan + "/edit", drafted.Headers.Location?.OriginalString);
        var first = Assert.Single(await RevisionsAsync(app));
        var draft = first.Plan();
        Assert.Equal((1, PlanStatus.Draft), (first.Revision, first.Status));
        Assert.NotEmpty(draft.Measures);
        Assert.All(draft.Measures, m =>
        {
            Assert.Equal(MeasureKind.Improve, m.Kind);
            Assert.NotEmpty(m.Items);
            Assert.NotNull(m.TemplateId);
            Assert.NotEmpty(m.Steps);
            Assert.Equal(Timeline.WholeYear.Quarters, m.Timeline.Quarters);
        });
        Assert.Equal(Enumerable.Range(1, draft.Measures.Count), draft.Measures.Select(m => m.Number));
        // Drafting again is refused: the plan exists.
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(coordinator, Plan + "?handler=draft")).StatusCode);

        // 2. Edit a measure; an unknown item code is refused naming the field.
        var form = await coordinator.GetStringAsync(await EditPathAsync(app, 1));
        Assert.Contains("name=\"StepText\"", form, StringComparison.Ordinal);
        var unknown = await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(1, "จัดทำคู่มือการยืมทรัพย์สินของราชการ", "I7, X99"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var refused = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("data-field=\"Items\"", refused, StringComparison.Ordinal);
        Assert.Contains("X99", refused, StringComparison.Ordinal);
        var saved = await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(1, "จัดทำคู่มือการยืมทรัพย์สินของราชการ", "i7 I12"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var edited = Assert.Single(await RevisionsAsync(app)).Plan().Measures[0];
        Assert.Equal("จัดทำคู่มือการยืมทรัพย์สินของราชการ", edited.Title);
        Assert.Equal(["I7", "I12"], edited.Items);
        Assert.Equal(2, edited.Steps.Count);
        Assert.Equal(["สลก.", "ศปท."], edited.Steps[0].Owners);
        Assert.Equal([1, 2], edited.Timeline.Quarters);
        Assert.Equal(["ศปท.", "กองกลาง"], edited.ResponsibleUnits);
        Assert.Equal(new Reporting(ReportingCadence.EverySixMonths, "เลขาธิการนายกรัฐมนตรี", "บันทึกข้อความ"), edited.Reporting);
        // The plan page shows it with the items' scores and tiers from the analysis (I7: 56.51, urgent).
        var page = await coordinator.GetStringAsync(Plan);
        Assert.Contains("จัดทำคู่มือการยืมทรัพย์สินของราชการ", page, StringComparison.Ordinal);
        Assert.Matches(@"data-code=""I7"">\s*<strong>I7</strong>\s*<span class=""item-score"">56\.51</span>\s*<span class=""tier-chip tier-urgent"">เร่งด่วน</span>", page);
        Assert.Contains("ทุก 6 เดือน", page, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", page);

        // 3. The drafted plan meets every rule (the catalogue's measures have steps, units, monitoring and reporting).
        Assert.DoesNotContain("id=\"plan-problems\"", page, StringComparison.Ordinal);
        // The coordinator keeps the edited measure and deletes the others.
        while (Assert.Single(await RevisionsAsync(app)).Plan().Measures.Count > 1)
        {
            Assert.Equal(HttpStatusCode.Redirect,
                (await PostAsync(coordinator, Plan + "/edit?handler=delete", ("revision", "1"), ("measure", await MeasureIdAsync(app, 2)), ("confirmed", "yes"))).StatusCode);
        }
        Assert.DoesNotContain("id=\"plan-problems\"", await coordinator.GetStringAsync(Plan), StringComparison.Ordinal);
        await SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=publish", ("revision", "1"))).StatusCode);
        var published = Assert.Single(await RevisionsAsync(app));
        Assert.Equal(PlanStatus.Published, published.Status);

        // 6. Revise: revision 2 is a draft with the same content; revision 1 stays published and unchanged.
        var revised = await PostAsync(coordinator, Plan + "?handler=revise", ("revision", "1"));
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(2, "คู่มือฉบับปรับปรุง", "I7"))).StatusCode);
        var revisions = await RevisionsAsync(app);
        Assert.Equal(2, revisions.Count);
        Assert.Equal((1, PlanStatus.Published), (revisions[0].Revision, revisions[0].Status));
        Assert.Equal(published.ContentJson, revisions[0].ContentJson);
        Assert.Equal("ศปท. 0706/2565", revisions[0].MemoNumber);
        Assert.Equal((2, PlanStatus.Draft), (revisions[1].Revision, revisions[1].Status));
        Assert.Equal("คู่มือฉบับปรับปรุง", revisions[1].Plan().Measures[0].Title);
        Assert.Null(revisions[1].MemoNumber);

        // Revision 1 is still viewable, read-only; the newest is revision 2.
        var old = await coordinator.GetStringAsync(Plan + "?revision=1");
        Assert.Contains("จัดทำคู่มือการยืมทรัพย์สินของราชการ", old, StringComparison.Ordinal);
        Assert.Contains("ฉบับเดิม อ่านอย่างเดียว", old, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=", old.Split("id=\"revisions\"")[0].Split("id=\"status\"")[1], StringComparison.Ordinal);
        var latest = await coordinator.GetStringAsync(Plan);
        Assert.Contains("คู่มือฉบับปรับปรุง", latest, StringComparison.Ordinal);
        Assert.Contains("data-revision=\"1\"", latest, StringComparison.Ordinal);

        // The audit trail: every step, with who did it.
        var events = await EventsAsync(app);
        var steps = new List<(string Action, string User)>();
        foreach (var e in events)
        {
            if (steps.Count == 0 || steps[^1] != (e.Action, e.UserName!))
            {
                steps.Add((e.Action, e.UserName!)); // consecutive steps of one kind (the deletes) as one
            }
        }
        Assert.Equal(
            [("drafted", "coordinator"), ("edited", "coordinator"), ("deleted", "coordinator"), ("submitted", "coordinator"), ("approved", "executive"),
             ("published", "coordinator"), ("revised", "coordinator"), ("edited", "coordinator")],
            steps);
        Assert.Equal(2, events.Count(e => e.Action == "edited")); // the edit, the edit of revision 2
        Assert.Equal(draft.Measures.Count - 1, events.Count(e => e.Action == "deleted")); // each delete its own step
        var audit = latest.Split("id=\"audit\"")[1];
        foreach (var action in new[] { "drafted", "edited", "submitted", "approved", "published", "revised" })
        {
            Assert.Matches($@"<tr data-action=""{action}"">\s*<td>[^<]*25\d\d [0-2]\d:[0-5]\d น\.</td>\s*<td class=""who"">(coordinator|executive)</td>", audit);
        }
        Assert.Contains("<td class=\"who\">executive</td>", audit, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Measures_are_added_moved_deleted_and_renumbered(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=start")).StatusCode);
        foreach (var title in new[] { "หนึ่ง", "สอง", "สาม" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "/edit/new", MeasureFields(1, title, ""))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostAsync(coordinator, Plan + "/edit?handler=move", ("revision", "1"), ("measure", await MeasureIdAsync(app, 3)), ("direction", "up"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect,
            (await PostAsync(coordinator, Plan + "/edit?handler=delete", ("revision", "1"), ("measure", await MeasureIdAsync(app, 1)), ("confirmed", "yes"))).StatusCode);
        var plan = Assert.Single(await RevisionsAsync(app)).Plan();
        Assert.Equal([(1, "สาม"), (2, "สอง")], plan.Measures.Select(m => (m.Number, m.Title)));

        Assert.Equal(HttpStatusCode.NotFound,
            (await PostAsync(coordinator, Plan + "/edit?handler=move", ("revision", "1"), ("measure", await MeasureIdAsync(app, 1)), ("direction", "up"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(Plan + "/edit/9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(Plan + "/edit/abc")).StatusCode);
        // A post no handler answers is not found (not the page rendered without its data).
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(coordinator, Plan, ("revision", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(coordinator, Plan + "?handler=nothing", ("revision", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(coordinator, Plan + "/edit", ("revision", "1"))).StatusCode);
        // A stale form (revision 7) is refused, not applied to the newest.
        Assert.Equal(HttpStatusCode.Conflict,
            (await PostAsync(coordinator, Plan + "/edit?handler=delete", ("revision", "7"), ("measure", await MeasureIdAsync(app, 1)))).StatusCode);

        var opening = await PostAsync(coordinator, Plan + "/edit?handler=plan", ("revision", "1"), ("layout", "ByTheme"),
            ("introduction", "ศปท. วิเคราะห์ผลร่วมกับทุกกอง"));
        Assert.Equal(HttpStatusCode.Redirect, opening.StatusCode);
        plan = Assert.Single(await RevisionsAsync(app)).Plan();
        Assert.Equal((PlanLayout.ByTheme, "ศปท. วิเคราะห์ผลร่วมกับทุกกอง"), (plan.Layout, plan.Introduction));

        // Missing title and a wrong date range: named, nothing saved.
        var bad = await PostAsync(coordinator, Plan + "/edit/new",
            MeasureFields(1, "", "").Where(f => f.Item1 is not ("DateFrom" or "DateTo"))
                .Concat([("DateFrom", "1/10/2566"), ("DateTo", "1/1/2565")]).ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("data-field=\"Title\"", badPage, StringComparison.Ordinal);
        Assert.Contains("data-field=\"DateTo\"", badPage, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(await RevisionsAsync(app)).Plan().Measures.Count);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_executive_returns_a_submitted_revision_with_a_note(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        await ReadyAsync(coordinator);
        await SubmitAsync(coordinator);
        // While submitted, the coordinator cannot edit (409) and is told why on the page.
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(1, "ระหว่างเสนอ", "I7"))).StatusCode);
        Assert.Contains("เสนอผู้บริหารแล้ว แก้ไขไม่ได้", await coordinator.GetStringAsync(Plan), StringComparison.Ordinal);

        var noNote = await PostAsync(executive, Plan + "?handler=return", ("revision", "1"), ("note", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("กรุณาระบุสิ่งที่ต้องแก้ไข", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Submitted, Assert.Single(await RevisionsAsync(app)).Status);

        Assert.Equal(HttpStatusCode.Redirect,
            (await PostAsync(executive, Plan + "?handler=return", ("revision", "1"), ("note", "เพิ่มตัวชี้วัดของมาตรการที่ 2"))).StatusCode);
        Assert.Equal(PlanStatus.Draft, Assert.Single(await RevisionsAsync(app)).Status);
        var returned = (await EventsAsync(app)).Last();
        Assert.Equal(("returned", "executive", "เพิ่มตัวชี้วัดของมาตรการที่ 2"), (returned.Action, returned.UserName, returned.Note));
        Assert.Contains("เพิ่มตัวชี้วัดของมาตรการที่ 2", await coordinator.GetStringAsync(Plan), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, await EditPathAsync(app, 1), MeasureFields(1, "แก้ตามที่ส่งกลับ", "I7"))).StatusCode);

        // English: the same page in the other language.
        await PostAsync(coordinator, "/account/language", ("lang", "en"), ("returnUrl", Plan));
        var english = await coordinator.GetStringAsync(Plan);
        Assert.Contains("<span class=\"plan-status-badge status-draft\" id=\"plan-status\">Draft</span>", english, StringComparison.Ordinal);
        Assert.Contains("Audit trail", english, StringComparison.Ordinal);
    }
}
