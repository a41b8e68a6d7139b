using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Plans;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Plans.PlansKit;

namespace OpenIta.Web.Tests.Plans;

/// <summary>
/// The plan pages over HTTP (issue 11, items 2 and 4): a unit owner reports with evidence, the coordinator returns it
/// with a note and then accepts it, the round closes and stays closed; a stale write is a 409 in Thai with what was
/// typed kept; wrong values are a 400 naming the field; the to-do list and its overdue mark; the import preview writes
/// nothing; the tree is reordered and edited; the oversight view counts what was accepted.
/// </summary>
public sealed class PlanPagesTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_unit_reports_with_evidence_is_returned_once_then_accepted_and_the_closed_round_refuses_changes(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        var owner = await app.SignedInAsync("owner");
        var coordinator = await app.SignedInAsync("coordinator");

        Expect(HttpStatusCode.Redirect, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save", Report111()), "save");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 รายงานการประชุม");
        Expect(HttpStatusCode.Redirect, await UploadAsync(owner, Report(cast, "1.1.1") + "&handler=evidence", "evidenceFile", "minutes.pdf", pdf,
            ("evidenceName", "รายงานการประชุม")), "evidence");
        Expect(HttpStatusCode.Redirect, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=link",
            ("evidenceName", "ภาพกิจกรรม"), ("evidenceUrl", "https://example.go.th/photos")), "link");
        var saved = (await EntriesAsync(app)).Single();
        Expect(HttpStatusCode.Redirect, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=submit", Report111(version: saved.Version)), "submit");

        var round = await coordinator.GetStringAsync(Round(cast));
        Assert.Contains("ส่งแล้ว รอตรวจ", round, StringComparison.Ordinal);
        var submitted = (await EntriesAsync(app)).Single();
        Assert.Equal(ReviewStatus.Submitted, submitted.Review);
        // A return needs its note: 409 with the store's reason, nothing changes.
        Expect(HttpStatusCode.Conflict, await PostAsync(coordinator, Round(cast) + "?handler=return", ("entry", N(submitted.Id)), ("note", "")), "return without a note");
        Expect(HttpStatusCode.Redirect, await PostAsync(coordinator, Round(cast) + "?handler=return", ("entry", N(submitted.Id)),
            ("version", N(submitted.Version)), ("note", "กรุณาระบุจำนวนผู้เข้าร่วม")), "return");

        var form = await owner.GetStringAsync(Report(cast, "1.1.1"));
        Assert.Contains("กรุณาระบุจำนวนผู้เข้าร่วม", form, StringComparison.Ordinal);
        Assert.Contains("ส่งคืนให้แก้ไข", form, StringComparison.Ordinal);
        Assert.Contains("value=\"654\"", form, StringComparison.Ordinal);
        var returned = (await EntriesAsync(app)).Single();
        Expect(HttpStatusCode.Redirect, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=submit",
            Report111(text: "ลงนาม 654 คน จาก 662 คน ผู้เข้าร่วม 654 คน", version: returned.Version)), "submit again");
        var again = (await EntriesAsync(app)).Single();
        Expect(HttpStatusCode.Redirect, await PostAsync(coordinator, Round(cast) + "?handler=accept", ("entry", N(again.Id)), ("version", N(again.Version))), "accept");
        var roundRow = await WithStoreAsync(app, (_, store) => store.FindRoundAsync(cast.Spm.Id, cast.RoundId));
        Expect(HttpStatusCode.Redirect, await PostAsync(coordinator, Round(cast) + "?handler=close", ("version", N(roundRow!.Version))), "close");

        var closed = await coordinator.GetStringAsync(Round(cast));
        Assert.Contains("ปิดรอบแล้ว", closed, StringComparison.Ordinal);
        Assert.Contains("654/662 (98.79)", closed, StringComparison.Ordinal);
        Assert.Contains("บรรลุ", closed, StringComparison.Ordinal);
        // Closed: the owner's write is refused with the round's reason, and nothing changes.
        var refused = await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save", Report111(text: "แก้หลังปิดรอบ"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("ปิดแล้ว", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var final = (await EntriesAsync(app)).Single();
        Assert.Equal(ReviewStatus.Accepted, final.Review);
        Assert.Contains("ผู้เข้าร่วม 654 คน", final.EntryJson, StringComparison.Ordinal);
        // The progress report downloaded from the round page prints the accepted result.
        var docx = await coordinator.GetAsync(Round(cast) + "/progress.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await docx.Content.ReadAsByteArrayAsync())))
        {
            using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
            var xml = await reader.ReadToEndAsync();
            Assert.Contains("98.79", xml, StringComparison.Ordinal);
            Assert.Contains("ผู้เข้าร่วม 654 คน", xml, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(Plan + "/" + N(cast.PlanId) + "/plan.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync(Round(cast) + "/progress.docx")).StatusCode);
        // The evidence file is served to those who read the agency, as an attachment, byte for byte.
        var evidence = await WithStoreAsync(app, async (_, store) => (await store.EntriesAsync(cast.RoundId)).Single().Evidence.First(e => e.IsFile).Id);
        var file = await (await app.SignedInAsync("viewer")).GetAsync("/agencies/spm/plan/evidence/" + N(evidence));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("stranger")).GetAsync("/agencies/spm/plan/evidence/" + N(evidence))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_stale_report_is_a_409_in_thai_that_keeps_what_was_typed(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        var owner = await app.SignedInAsync("owner");
        var coordinator = await app.SignedInAsync("coordinator");
        // The owner opened the empty form (version 0); meanwhile the coordinator saved a report of the item.
        Expect(HttpStatusCode.Redirect, await PostAsync(coordinator, Report(cast, "1.1.1") + "&handler=save", Report111(text: "ฉบับของผู้ประสานงาน")), "coordinator");
        var stale = await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save", Report111(text: "ข้อความที่เจ้าของพิมพ์ไว้", count: "650"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await stale.Content.ReadAsStringAsync();
        Assert.Contains("ถูกแก้ไขโดย coordinator", page, StringComparison.Ordinal);
        Assert.Contains("ข้อความที่เจ้าของพิมพ์ไว้", page, StringComparison.Ordinal);
        Assert.Contains("value=\"650\"", page, StringComparison.Ordinal);
        Assert.Contains("ฉบับของผู้ประสานงาน", (await EntriesAsync(app)).Single().EntryJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Wrong_values_are_a_400_naming_the_field_and_nothing_is_saved(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        var owner = await app.SignedInAsync("owner");
        var over = await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save", Report111(count: "700", of: "662"));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        var page = await over.Content.ReadAsStringAsync();
        Assert.Contains("ร้อยละของบุคลากรที่ลงนาม", page, StringComparison.Ordinal);
        Assert.Contains("ไม่เกินจำนวนทั้งหมด", page, StringComparison.Ordinal);
        Assert.Contains("value=\"700\"", page, StringComparison.Ordinal);
        var notNumber = await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save",
            [.. Report111().Where(f => f.Item1 != "Form.Spent"), ("Form.Spent", "สองหมื่น")]);
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.StatusCode);
        Assert.Contains("งบประมาณที่ใช้ไป: ต้องเป็นตัวเลข", await notNumber.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notDone = await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save",
            [.. Report111().Where(f => f.Item1 != "Form.Status"), ("Form.Status", "not-done")]);
        Assert.Equal(HttpStatusCode.BadRequest, notDone.StatusCode);
        Assert.Contains("ต้องระบุเหตุผล", await notDone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync(app));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Evidence_over_the_limit_is_refused_and_nothing_is_kept(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine, builder => builder.UseSetting("Plans:EvidenceMaxBytes", "1024"));
        await using var app = cast.App;
        var owner = await app.SignedInAsync("owner");
        // No report yet: evidence waits for a saved draft.
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(owner, Report(cast, "1.1.1") + "&handler=evidence", "evidenceFile", "a.pdf", new byte[10],
            ("evidenceName", "หลักฐาน"))).StatusCode);
        Expect(HttpStatusCode.Redirect, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=save", Report111()), "save");
        var big = await UploadAsync(owner, Report(cast, "1.1.1") + "&handler=evidence", "evidenceFile", "big.pdf", new byte[2048], ("evidenceName", "ใหญ่"));
        Assert.Equal(HttpStatusCode.Conflict, big.StatusCode);
        Assert.Contains("ไฟล์หลักฐานใหญ่เกิน", await big.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var link = await PostAsync(owner, Report(cast, "1.1.1") + "&handler=link", ("evidenceName", "ลิงก์"), ("evidenceUrl", "javascript:alert(1)"));
        Assert.Equal(HttpStatusCode.Conflict, link.StatusCode);
        Assert.Empty((await WithStoreAsync(app, (_, store) => store.EntriesAsync(cast.RoundId))).Single().Evidence);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_to_do_list_shows_what_the_owner_still_owes_marked_overdue_until_it_is_sent(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        var owner = await app.SignedInAsync("owner");
        var todo = await owner.GetStringAsync("/todo");
        Assert.Contains("data-subject=\"1.1.1\"", todo, StringComparison.Ordinal);
        Assert.DoesNotContain("data-subject=\"1.1.2\"", todo, StringComparison.Ordinal);
        Assert.DoesNotContain("data-subject=\"1\"", todo, StringComparison.Ordinal);
        Assert.Contains("เลยกำหนด", todo, StringComparison.Ordinal);
        var home = await owner.GetStringAsync("/");
        Assert.Contains("id=\"home-todo\"", home, StringComparison.Ordinal);
        Assert.Contains("โครงการลงนามรับทราบนโยบาย", home, StringComparison.Ordinal);
        var coordinatorTodo = await (await app.SignedInAsync("coordinator")).GetStringAsync("/todo");
        Assert.Contains("data-subject=\"1.1.2\"", coordinatorTodo, StringComparison.Ordinal);

        Expect(HttpStatusCode.Redirect, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=submit", Report111()), "submit");
        Assert.Contains("id=\"todo-empty\"", await owner.GetStringAsync("/todo"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"home-todo\"", await owner.GetStringAsync("/"), StringComparison.Ordinal);
        // The round page counts what each unit still owes.
        var round = await owner.GetStringAsync(Round(cast));
        Assert.Contains("เลยกำหนดแล้ว", round, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_import_preview_writes_nothing_a_bad_file_names_its_path_and_the_import_replaces_the_plan(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        var coordinator = await app.SignedInAsync("coordinator");
        var local = """
            {"title": "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)", "fiscalYears": [2569, 2570], "levels": ["มิติ", "แผนงาน", "โครงการ"],
             "items": [{"number": "1", "title": "มิติที่ 1", "items": [{"number": "1.1", "title": "แผนงานบริหารทั่วไป",
               "items": [{"number": "1.1.1", "title": "โครงการเผยแพร่ข้อมูล", "owners": ["สำนักปลัด"],
                 "budgets": [{"fiscalYear": 2569, "planned": 20000, "source": "own"}, {"fiscalYear": 2570, "planned": 25000, "source": "own"}]}]}]}]}
            """;
        var preview = await UploadAsync(coordinator, Plan + "?handler=preview", "file", "plan.json", Encoding.UTF8.GetBytes(local));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-preview\"", page, StringComparison.Ordinal);
        Assert.Contains("มิติ (1) → แผนงาน (1) → โครงการ (1)", page, StringComparison.Ordinal);
        Assert.Contains("2569: 20,000 · 2570: 25,000", page, StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().ToListAsync()));

        var bad = local.Replace("\"planned\": 20000", "\"planned\": \"ยี่สิบ\"", StringComparison.Ordinal);
        var refused = await UploadAsync(coordinator, Plan + "?handler=preview", "file", "bad.json", Encoding.UTF8.GetBytes(bad));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("items[0].items[0].items[0].budgets[0].planned", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await TestApp.AntiforgeryTokenAsync(coordinator, "/account/login");
        using var confirm = new MultipartFormDataContent { { new StringContent(local), "json" }, { new StringContent(token), "__RequestVerificationToken" } };
        var imported = await coordinator.PostAsync(Plan + "?handler=import", confirm);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var plans = await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().OrderBy(p => p.FirstYear).ToListAsync());
        Assert.Equal([(2568, 2568), (2569, 2570)], plans.Select(p => (p.FirstYear, p.LastYear)));
        var shown = await coordinator.GetStringAsync(imported.Headers.Location!.OriginalString);
        Assert.Contains("มิติ → แผนงาน → โครงการ", shown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_coordinator_reorders_and_edits_the_tree_and_a_stale_version_is_a_409(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        var coordinator = await app.SignedInAsync("coordinator");
        var path = Plan + "?handler=move&plan=" + N(cast.PlanId);
        var version = (await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().SingleAsync())).Version;
        Expect(HttpStatusCode.Redirect, await PostAsync(coordinator, path, ("number", "1.1.2"), ("direction", "up"), ("version", N(version))), "move");
        var moved = (await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().SingleAsync())).Plan();
        Assert.Equal(["1", "1.1", "1.1.2", "1.1.1"], moved.All().Select(p => p.Item.Number));
        // The first of its siblings cannot move up: 400; the old version: 409, the tree as it was.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(coordinator, path, ("number", "1.1.2"), ("direction", "up"))).StatusCode);
        var stale = await PostAsync(coordinator, Plan + "?handler=edititem&plan=" + N(cast.PlanId), ("number", "1.1.1"), ("title", "ชื่อใหม่"),
            ("goal", ""), ("objective", ""), ("owners", "ศปท."), ("version", N(version)));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("ชื่อใหม่", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var current = (await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().SingleAsync())).Version;
        Expect(HttpStatusCode.Redirect, await PostAsync(coordinator, Plan + "?handler=edititem&plan=" + N(cast.PlanId), ("number", "1.1.1"),
            ("title", "โครงการลงนามรับทราบนโยบาย (ปรับปรุง)"), ("goal", ""), ("objective", "ให้บุคลากรรับทราบ"), ("owners", "ศปท., กพบ."), ("version", N(current))), "edit");
        var edited = (await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().SingleAsync())).Plan().Find("1.1.1")!;
        Assert.Equal("โครงการลงนามรับทราบนโยบาย (ปรับปรุง)", edited.Title);
        Assert.Equal(["ศปท.", "กพบ."], edited.Owners);
        Assert.Single(edited.Kpis);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_oversight_view_shows_which_agencies_reported_their_achievement_and_budget(DatabaseEngine engine)
    {
        var cast = await StartAsync(engine);
        await using var app = cast.App;
        var owner = await app.SignedInAsync("owner");
        var coordinator = await app.SignedInAsync("coordinator");
        Expect(HttpStatusCode.Redirect, await PostAsync(owner, Report(cast, "1.1.1") + "&handler=submit", Report111()), "submit");
        var entry = (await EntriesAsync(app)).Single();
        Expect(HttpStatusCode.Redirect, await PostAsync(coordinator, Round(cast) + "?handler=accept", ("entry", N(entry.Id))), "accept");
        await app.AddAgencyAsync("silent", "prov");

        var view = await (await app.SignedInAsync("oversight")).GetStringAsync("/groups/prov/plans");
        var spm = Row(view, "spm");
        Assert.Contains(">1</td>", spm, StringComparison.Ordinal); // one accepted
        Assert.Contains("1 / 0 / 1", spm, StringComparison.Ordinal); // p1 achieved, p2 unknown
        Assert.Contains("27,325", spm, StringComparison.Ordinal);
        Assert.Contains("ยังไม่มีแผน", Row(view, "silent"), StringComparison.Ordinal);
        Assert.Contains("<dd id=\"with-plan\">1</dd>", view, StringComparison.Ordinal);
    }

    private static string Row(string html, string slug)
    {
        var start = html.IndexOf($"data-agency=\"{slug}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {slug}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
