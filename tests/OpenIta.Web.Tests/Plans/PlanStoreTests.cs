using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Plans;

/// <summary>
/// Issue 11: the plan store on both engines — seed 004's figures read back from the database, the review workflow (a
/// unit reports, the coordinator returns or accepts), closed rounds frozen and corrected with an audit row, only the
/// owner unit and the coordinator writing an item's progress, evidence kept with a size limit, stale writes refused.
/// </summary>
public sealed class PlanStoreTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static readonly PlanActor Coordinator = new("c", "ผู้ประสานงาน");

    internal static string SeedFile(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds", name));

    /// <summary>spm with seed 004's measures (FY2567 results → measures of FY2568), published, and its plan imported.</summary>
    internal static async Task<(PlanDb Database, Agency Spm, ActionPlanRow Plan)> Seed004Async(DatabaseEngine engine)
    {
        var database = await PlanDb.CreateAsync(engine);
        var spm = await database.AgencyAsync("spm");
        await using var db = database.Open();
        db.MeasurePlans.Add(new MeasurePlanRevision
        {
            AgencyId = spm.Id, FiscalYear = 2567, Revision = 1, Status = PlanStatus.Published,
            ContentJson = MeasurePlanJson.Write(MeasurePlanJson.Read(SeedFile("measures-spm-2567.json"))),
        });
        await db.SaveChangesAsync();
        var plan = await new PlanStore(db, TimeProvider.System).ImportJsonAsync(spm, SeedFile("plan-spm-2568.json"), Coordinator);
        return (database, spm, plan);
    }

    /// <summary>A plan whose items name owners: 1 (ศปท.) with 1.1 (no owners: ศปท.'s), 2 (กพบ.) with 2.1; an open 6-month round.</summary>
    private static async Task<(PlanDb Database, Agency Spm, ProgressRoundRow Round, string Owner, string Viewer, Permissions Boss)> OwnedAsync(
        DatabaseEngine engine, PlanStoreOptions? options = null)
    {
        var database = await PlanDb.CreateAsync(engine);
        var spm = await database.AgencyAsync("spm");
        var owner = await database.UserAsync("owner", ("spm", Role.UnitOwner));
        var viewer = await database.UserAsync("viewer", ("spm", Role.Viewer));
        var coordinator = await database.UserAsync("coordinator", ("spm", Role.Coordinator));
        const string Json = """
            {"title": "แผน", "fiscalYears": [2568], "levels": ["โครงการ", "กิจกรรม"],
             "items": [
               {"number": "1", "title": "โครงการหนึ่ง", "owners": ["ศปท."],
                "kpis": [{"id": "k1", "name": "ร้อยละผู้ลงนาม", "kind": "percent", "target": {"atLeast": 80}}],
                "items": [{"number": "1.1", "title": "กิจกรรมหนึ่ง", "items": []}]},
               {"number": "2", "title": "โครงการสอง", "owners": ["กพบ."], "items": [{"number": "2.1", "title": "กิจกรรมสอง"}]}]}
            """;
        await using var db = database.Open();
        var store = new PlanStore(db, TimeProvider.System, options);
        var plan = await store.ImportJsonAsync(spm, Json, Coordinator);
        var boss = await Permissions.ForAsync(db, coordinator);
        var units = new UnitStore(db);
        var cpt = (await units.UnitsAsync(spm.Id)).Single(u => u.Name == "ศปท.");
        await units.SetOwnedUnitsAsync(owner, spm.Id, [cpt.Id]);
        var round = await store.OpenRoundAsync(spm, plan.Id, 2568, ReportingPeriod.SixMonths, Coordinator, boss);
        return (database, spm, round, owner, viewer, boss);
    }

    private static ProgressEntry Item(string number, string text, params Actual[] actuals) =>
        new(number, null, text, EntryStatus.OnTrack, actuals: actuals);

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Seed_004s_figures_come_out_of_the_database(DatabaseEngine engine)
    {
        var (database, spm, row) = await Seed004Async(engine);
        await using var db = database.Open();
        var store = new PlanStore(db, TimeProvider.System);
        var plan = (await store.PlanForYearAsync(spm.Id, 2568))!.Plan();
        var roundRow = (await store.RoundForAsync(spm.Id, 2568, "12"))!;
        var round = await store.ProgressRoundAsync(roundRow.Id, RoundPart.Items);
        var year = new FiscalYear(2568);

        Assert.Equal(row.Id, roundRow.PlanId);
        var p1 = Achievement.Of(plan.Find("1.3.1")!.Kpis.Single(), round.ForItem("1.3.1"), null);
        Assert.Equal("98.79", p1.Shown);
        Assert.Equal(AchievementStatus.Achieved, p1.Status);
        var statuses = plan.Kpis().Select(k => Achievement.Of(k.Kpi, round.ForItem(k.Item.Number), null).Status).ToList();
        Assert.Equal(29, statuses.Count);
        Assert.Equal(21, statuses.Count(s => s == AchievementStatus.Achieved));
        Assert.Equal(8, statuses.Count(s => s == AchievementStatus.Unknown));
        Assert.Equal(AchievementStatus.Unknown, Achievement.Of(plan.Find("1.2.2.1")!.Kpis.Single(), round.ForItem("1.2.2.1"), null).Status);

        Assert.Equal(27325m, plan.Find("1.2.1")!.BudgetOf(year)!.Planned);
        Assert.Equal(17270m, plan.Find("2.2.3")!.BudgetOf(year)!.Planned);
        Assert.Equal(27325m, round.ForItem("1.2.1")!.Spent);
        Assert.Equal(17270m, (await db.ProgressEntries.SingleAsync(e => e.RoundId == roundRow.Id && e.Subject == "2.2.3")).Spent);
        Assert.Equal(14, plan.All().Count(p => p.Item.BudgetOf(year)?.Source == BudgetSource.None));
        Assert.Equal(66410m, BudgetRollup.ByYear(plan, [round]).Single().Spent);
        var notAllocated = round.ForItem("1.1.2")!;
        Assert.Equal(EntryStatus.NotDone, notAllocated.Status);
        Assert.Equal("ไม่ได้รับการจัดสรรงบประมาณ", notAllocated.Reason);

        var measures = (await store.MeasuresForAsync(spm.Id, 2568))!;
        var measureRound = await store.ProgressRoundAsync(roundRow.Id, RoundPart.Measures);
        Assert.Equal(8, measureRound.Entries.Count);
        var results = measures.Measures.Select(m => Achievement.Of(m.Kpis![0], measureRound.ForMeasure(m.Number), null)).ToList();
        Assert.All(results, r => Assert.Equal(AchievementStatus.Achieved, r.Status));
        Assert.Equal("88.60", results[1].Shown);
        Assert.Equal("imported", Assert.Single(await store.EventsAsync(row.Id)).Action);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_oversight_summary_of_seed_004s_round_counts_kpis_and_budget_as_the_report(DatabaseEngine engine)
    {
        var (database, spm, _) = await Seed004Async(engine);
        await using var db = database.Open();

        var summary = Assert.Single(await new PlanStore(db, TimeProvider.System).GroupRoundAsync(spm, 2568, "12"));

        Assert.Equal((21, 0, 8), (summary.Achieved, summary.NotAchieved, summary.Unknown));
        Assert.Equal((66410m, 66410m), (summary.Planned, summary.Spent));
        Assert.Equal(summary.Reported, summary.Accepted);
        Assert.Equal(0, summary.Waiting);
        Assert.Equal(RoundStatus.Open, summary.Status);
        Assert.Null(Assert.Single(await new PlanStore(db, TimeProvider.System).GroupRoundAsync(spm, 2568, "6")).RoundId);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_closed_round_cannot_change_and_a_correction_is_a_new_audited_entry(DatabaseEngine engine)
    {
        var (database, spm, _) = await Seed004Async(engine);
        var coordinator = await database.UserAsync("coordinator", ("spm", Role.Coordinator));
        await using var db = database.Open();
        var store = new PlanStore(db, TimeProvider.System);
        var boss = await Permissions.ForAsync(db, coordinator);
        var round = (await store.RoundForAsync(spm.Id, 2568, "12"))!;
        var entry = (await store.EntriesAsync(round.Id)).Single(e => e.Subject == "1.3.1");
        await store.CloseRoundAsync(spm, round.Id, Coordinator, boss, expectedVersion: round.Version);

        var fix = Item("1.3.1", "ผู้ลงนาม ๖๕๕ คน", Actual.Fraction("p1", 655, 662));
        var refused = await Assert.ThrowsAsync<PlanWorkflowException>(() => store.SaveEntryAsync(spm, round.Id, fix, Coordinator, boss, submit: true));
        Assert.StartsWith("รอบรายงานนี้ปิดแล้ว แก้ไขไม่ได้", refused.Th, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PlanWorkflowException>(() => store.AddEvidenceLinkAsync(spm, entry.Id, "ภาพ", "https://example.org/a", Coordinator, boss));
        await Assert.ThrowsAsync<PlanWorkflowException>(() => store.CorrectAsync(spm, round.Id, fix, " ", Coordinator, boss));

        await store.CorrectAsync(spm, round.Id, fix, "นับผู้ลงนามตกหล่น ๑ คน", Coordinator, boss);

        var original = (await store.EntriesAsync(round.Id)).Single(e => e.Subject == "1.3.1" && e.Sequence == 0);
        Assert.Equal(entry.EntryJson, original.EntryJson);
        Assert.Equal(entry.Version, original.Version);
        var read = await store.ProgressRoundAsync(round.Id, RoundPart.Items);
        Assert.Equal(654m, read.Entries.Single(e => e.Item == "1.3.1").Actuals.Single().Count);
        Assert.Equal(655m, read.ForItem("1.3.1")!.Actuals.Single().Count);
        var correction = Assert.Single(read.Corrections);
        Assert.Equal("นับผู้ลงนามตกหล่น ๑ คน", correction.Reason);
        Assert.Equal("ผู้ประสานงาน", correction.By);
        var events = await store.EventsAsync(round.PlanId);
        Assert.Equal(["imported", "round-closed", "corrected"], events.Select(e => e.Action));
        Assert.Equal("นับผู้ลงนามตกหล่น ๑ คน", events[^1].Note);
        Assert.Equal("1.3.1", events[^1].Subject);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_the_owner_unit_and_the_coordinator_write_an_items_progress(DatabaseEngine engine)
    {
        var (database, spm, round, owner, viewer, boss) = await OwnedAsync(engine);
        await using var db = database.Open();
        var store = new PlanStore(db, TimeProvider.System);
        var mine = await Permissions.ForAsync(db, owner);
        var actor = new PlanActor(owner, "owner");

        await store.SaveEntryAsync(spm, round.Id, Item("1", "ลงนามแล้ว", Actual.Fraction("k1", 654, 662)), actor, mine, submit: false);
        await store.SaveEntryAsync(spm, round.Id, Item("1.1", "จัดแล้ว"), actor, mine, submit: true); // owners from the project above
        var forbidden = await Assert.ThrowsAsync<ProgressForbiddenException>(() =>
            store.SaveEntryAsync(spm, round.Id, Item("2.1", "ไม่ใช่ของฉัน"), actor, mine, submit: true));
        Assert.StartsWith("คุณไม่ได้เป็นเจ้าของหน่วยงาน", forbidden.Th, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ProgressForbiddenException>(() =>
            store.SaveEntryAsync(spm, round.Id, Item("1", "ผู้ชม"), new PlanActor(viewer, "viewer"), Permissions.None, submit: true));
        var viewerRights = await Permissions.ForAsync(db, viewer);
        await Assert.ThrowsAsync<ProgressForbiddenException>(() =>
            store.SaveEntryAsync(spm, round.Id, Item("1", "ผู้ชม"), new PlanActor(viewer, "viewer"), viewerRights, submit: true));
        await store.SaveEntryAsync(spm, round.Id, Item("2.1", "ผู้ประสานงานรายงานแทน"), Coordinator, boss, submit: true);

        var bad = await Assert.ThrowsAsync<PlanValidationException>(() =>
            store.SaveEntryAsync(spm, round.Id, Item("1", "ผิด", Actual.Number("k9", 1)), actor, mine, submit: true));
        Assert.Equal("reports[0].entries[0].actuals[0].kpi", bad.Path);

        var todo = await store.ToDoAsync(spm, mine);
        Assert.Equal(["1"], todo.Select(t => t.Subject.Subject)); // 1 is a draft; 1.1 is submitted; 2 and 2.1 are กพบ.'s
        Assert.Equal(["2"], (await store.ToDoAsync(spm, boss)).Select(t => t.Subject.Subject).Where(s => s != "1"));
        Assert.Empty(await store.ToDoAsync(spm, await Permissions.ForAsync(db, viewer)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_unit_reports_the_coordinator_returns_once_then_accepts_and_the_round_closes(DatabaseEngine engine)
    {
        var (database, spm, round, owner, _, boss) = await OwnedAsync(engine);
        await using var db = database.Open();
        var store = new PlanStore(db, TimeProvider.System);
        var mine = await Permissions.ForAsync(db, owner);
        var actor = new PlanActor(owner, "owner");

        var sent = await store.SaveEntryAsync(spm, round.Id, Item("1", "ลงนาม ๖๐๐ คน", Actual.Fraction("k1", 600, 662)), actor, mine, submit: true);
        var shown = sent.Version; // what the unit's form showed (the row itself is tracked and moves on)
        await Assert.ThrowsAsync<ProgressForbiddenException>(() => store.AcceptEntryAsync(spm, sent.Id, actor, mine));
        var closing = await Assert.ThrowsAsync<PlanWorkflowException>(() => store.CloseRoundAsync(spm, round.Id, Coordinator, boss));
        Assert.StartsWith("ยังมีรายงาน 1 รายการรอการตรวจ", closing.Th, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PlanWorkflowException>(() => store.ReturnEntryAsync(spm, sent.Id, "", Coordinator, boss));

        var returned = await store.ReturnEntryAsync(spm, sent.Id, "กรุณาแนบรายชื่อผู้ลงนาม", Coordinator, boss, expectedVersion: shown);
        Assert.Equal(ReviewStatus.Returned, returned.Review);
        var owed = (await store.ToDoAsync(spm, mine)).Single(t => t.Subject.Subject == "1");
        Assert.Equal("กรุณาแนบรายชื่อผู้ลงนาม", owed.Subject.Entry!.ReviewNote);
        await Assert.ThrowsAsync<ProgressConflictException>(() =>
            store.SaveEntryAsync(spm, round.Id, Item("1", "จากหน้าเก่า"), actor, mine, submit: true, expectedVersion: shown));

        await store.SaveEntryAsync(spm, round.Id, Item("1", "ลงนาม ๖๕๔ คน", Actual.Fraction("k1", 654, 662)), actor, mine, submit: true,
            expectedVersion: returned.Version);
        await store.AddEvidenceLinkAsync(spm, sent.Id, "รายชื่อผู้ลงนาม", "https://example.org/signed.pdf", actor, mine);
        var accepted = await store.AcceptEntryAsync(spm, sent.Id, Coordinator, boss);
        Assert.Equal(ReviewStatus.Accepted, accepted.Review);
        await Assert.ThrowsAsync<PlanWorkflowException>(() => store.SaveEntryAsync(spm, round.Id, Item("1", "แก้หลังตรวจรับ"), actor, mine, submit: true));

        await store.CloseRoundAsync(spm, round.Id, Coordinator, boss);
        var read = await store.ProgressRoundAsync(round.Id, RoundPart.Items);
        var entry = Assert.Single(read.Entries);
        Assert.Equal("ลงนาม ๖๕๔ คน", entry.Text);
        Assert.Equal("รายชื่อผู้ลงนาม", Assert.Single(entry.Evidence).Name);
        Assert.True(read.IsClosed);
        Assert.Equal(["round-opened", "submitted", "returned", "submitted", "evidence-added", "accepted", "round-closed"],
            (await store.EventsAsync(round.PlanId)).Skip(1).Select(e => e.Action));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Evidence_files_are_kept_in_the_database_up_to_the_limit_and_served_within_the_agency(DatabaseEngine engine)
    {
        var (database, spm, round, owner, _, _) = await OwnedAsync(engine, new PlanStoreOptions { EvidenceMaxBytes = 1000 });
        await using var db = database.Open();
        var store = new PlanStore(db, TimeProvider.System, new PlanStoreOptions { EvidenceMaxBytes = 1000 });
        var mine = await Permissions.ForAsync(db, owner);
        var actor = new PlanActor(owner, "owner");
        var entry = await store.SaveEntryAsync(spm, round.Id, Item("1", "ทำแล้ว"), actor, mine, submit: false);

        var big = await Assert.ThrowsAsync<PlanWorkflowException>(() =>
            store.AddEvidenceFileAsync(spm, entry.Id, "ภาพ", "a.jpg", "image/jpeg", new MemoryStream(new byte[1001]), actor, mine));
        Assert.StartsWith("ไฟล์หลักฐานใหญ่เกิน", big.Th, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PlanWorkflowException>(() =>
            store.AddEvidenceLinkAsync(spm, entry.Id, "ลิงก์", "javascript:alert(1)", actor, mine));
        var bytes = Encoding.UTF8.GetBytes("รายงานการประชุม");
        var file = await store.AddEvidenceFileAsync(spm, entry.Id, "รายงานการประชุม", "../../รายงาน.txt", "text/plain", new MemoryStream(bytes), actor, mine);

        Assert.Equal("รายงาน.txt", file.FileName);
        var other = await database.AgencyAsync("other");
        Assert.Null(await store.EvidenceFileAsync(other.Id, file.Id));
        var stored = (await store.EvidenceFileAsync(spm.Id, file.Id))!;
        Assert.Equal(bytes, stored.Content);
        Assert.Null(Assert.Single((await store.EntriesAsync(round.Id)).Single().Evidence).Content);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_bad_plan_file_names_its_json_path_and_writes_nothing(DatabaseEngine engine)
    {
        var (database, spm, _) = await Seed004Async(engine);
        await using var db = database.Open();
        var store = new PlanStore(db, TimeProvider.System);
        var before = await db.ProgressEntries.CountAsync();
        var json = SeedFile("plan-spm-2568.json").Replace("\"kpi\": \"p1\"", "\"kpi\": \"p9\"", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<PlanException>(() => store.ImportJsonAsync(spm, json, Coordinator));

        Assert.Matches(@"^reports\[0\]\.entries\[\d+\]\.actuals\[0\]\.kpi$", error.Path);
        Assert.Equal(before, await db.ProgressEntries.CountAsync());
        Assert.Single(await db.ActionPlans.ToListAsync());
    }
}
