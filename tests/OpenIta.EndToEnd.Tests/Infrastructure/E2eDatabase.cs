using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Results;
using OpenIta.Data.Users;

namespace OpenIta.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Prepares the SQLite file the application will run on, before it starts: the current schema, the agency
/// สำนักเลขาธิการนายกรัฐมนตรี (spm) under the group สำนักนายกรัฐมนตรี (opm), and two users made through Identity's
/// own <see cref="UserManager{TUser}"/> (so the password hash is the one the application checks). Two more agencies
/// of the group, marked synthetic, give the group dashboard a ranking and a missing result: one with a FY2565 result
/// below spm's, one without. spm itself has no result until a test imports it through the import page.
/// </summary>
public static class E2eDatabase
{
    public const string Agency = "spm";
    public const string AgencyNameTh = "สำนักเลขาธิการนายกรัฐมนตรี";
    public const string AgencyNameEn = "Secretariat of the Prime Minister";
    public const string Group = "opm";
    public const string GroupNameTh = "สำนักนายกรัฐมนตรี";

    public const string ScoredPeer = "e2e-peer-a";
    public const string ScoredPeerNameTh = "หน่วยงานทดสอบ ก";
    public const string MissingPeer = "e2e-peer-b";
    public const string MissingPeerNameTh = "หน่วยงานทดสอบ ข";

    /// <summary>The FY2565 indicators of <see cref="ScoredPeer"/>: made up, and below spm's total (79.82, rating B).</summary>
    private const string ScoredPeerInput =
        """{"fiscalYear": 2565, "indicators": {"1": 80.10, "2": 71.25, "3": 76.40, "4": 70.05, "5": 72.80, "6": 88.60, "7": 81.90, "8": 78.35, "9": 84.00, "10": 79.50}}""";

    /// <summary>
    /// An agency of its own (no group, so the dashboard tests do not see it) with seed 000's FY2565 result down to the
    /// questions, so that its analysis has urgent items to draft measures from.
    /// </summary>
    public const string MeasuresAgency = "e2e-measures";
    public const string MeasuresAgencyNameTh = "หน่วยงานทดสอบมาตรการ";

    /// <summary>Coordinator (ศปท.) and executive of <see cref="MeasuresAgency"/>.</summary>
    public const string MeasuresCoordinator = "coordinator.measures";
    public const string MeasuresExecutive = "executive.measures";

    /// <summary>
    /// An agency of its own for the accessibility checks (they draft a plan on it): seed 000's FY2565 result down to
    /// the questions, and seed 003's FY2566 indicator scores alone (a total whose rating is left open).
    /// </summary>
    public const string A11yAgency = "e2e-a11y";
    public const string A11yCoordinator = "coordinator.a11y";

    /// <summary>Seed 003's FY2566 indicator scores without the EIT parts: total 90.47, rating ผ่าน or ผ่านดี.</summary>
    private const string Seed003IndicatorsOnly =
        """{"fiscalYear": 2566, "indicators": {"1": 94.98, "2": 88.57, "3": 87.61, "4": 89.58, "5": 87.63, "6": 89.36, "7": 90.63, "8": 85.71, "9": 85.00, "10": 100}}""";
    /// <summary>The agency of the no-dead-ends walk (issue 10), with its own coordinator and executive and seed 000's result.</summary>
    public const string WorkflowAgency = "e2e-workflow";
    public const string WorkflowAgencyNameTh = "หน่วยงานทดสอบขั้นตอนมาตรการ";
    public const string WorkflowCoordinator = "coordinator.workflow";
    public const string WorkflowExecutive = "executive.workflow";

    /// <summary>An agency with a coordinator and no executive: the three-role walk gives it one.</summary>
    public const string WalkAgency = "e2e-walk";
    public const string WalkAgencyNameTh = "หน่วยงานทดสอบเส้นทางสามบทบาท";
    public const string WalkCoordinator = "coordinator.walk";

    /// <summary>Coordinator (ศปท.) of spm.</summary>
    public const string Coordinator = "coordinator.spm";

    /// <summary>An administrator (manages people).</summary>
    public const string Administrator = "admin.e2e";

    /// <summary>Oversight of the group opm (sees spm through it).</summary>
    public const string Oversight = "oversight.opm";

    /// <summary>An agency of its own with a small FY2568 action plan and its open 6-month round (due long ago: overdue):
    /// โครงการ 1.1.1 is ศปท.'s (654 of 662 staff signed against at least 80 %).</summary>
    public const string PlansAgency = "e2e-plans";

    /// <summary>Coordinator and the unit owner of ศปท. of <see cref="PlansAgency"/>.</summary>
    public const string PlansCoordinator = "coordinator.plans";
    public const string PlansOwner = "owner.plans";

    /// <summary>An agency of its own (in a group of its own) with seed 003's FY2566 result and its FY2566 OIT: every item
    /// owned by its ศปท., 42 of the 43 with links and already scored 100 (set up as the data of an assessment underway);
    /// O5 has no link yet; its group's clarification window is open (yesterday to a month on).</summary>
    public const string OitAgency = "e2e-oit";
    public const string OitGroup = "e2e-oit-group";
    public const string OitCoordinator = "coordinator.oit";
    public const string OitOwner = "owner.oit";
    public const string OitAssessor = "assessor.oit";

    internal const string PlansJson = """
        {"title": "แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2568", "fiscalYears": [2568],
         "levels": ["ยุทธศาสตร์", "กลยุทธ์", "โครงการ"],
         "items": [{"number": "1", "title": "ขับเคลื่อนการป้องกันปราบปรามการทุจริตและประพฤติมิชอบ",
           "items": [{"number": "1.1", "title": "พัฒนาเครือข่ายและบูรณาการด้านการป้องกันการทุจริต", "goal": "มีเครือข่ายป้องกันการทุจริตทุกรูปแบบ",
             "items": [
               {"number": "1.1.1", "title": "โครงการส่งเสริมให้บุคลากรลงนามรับทราบนโยบายไม่รับของขวัญ (No Gift Policy)", "owners": ["ศปท."],
                "objective": "เพื่อให้บุคลากรรับทราบและถือปฏิบัติตามนโยบาย",
                "kpis": [{"id": "p1", "name": "ร้อยละของบุคลากรที่ลงนามรับทราบนโยบาย", "kind": "percent", "target": {"atLeast": 80}}],
                "budgets": [{"fiscalYear": 2568, "planned": 27325, "source": "own"}]},
               {"number": "1.1.2", "title": "โครงการอบรมเสริมสร้างจริยธรรม", "owners": ["กพบ."],
                "kpis": [{"id": "p2", "name": "จำนวนผู้เข้าอบรม", "kind": "count", "unit": "คน", "target": {"atLeast": 150}}],
                "budgets": [{"fiscalYear": 2568, "source": "none"}]}]}]}]}
        """;

    public static async Task PrepareAsync(string databasePath, string password)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenItaDb(DatabaseEngine.Sqlite, $"Data Source={databasePath};Pooling=False");
        services.AddIdentityCore<AppUser>().AddEntityFrameworkStores<OpenItaDb>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        await SchemaMigrator.MigrateAsync(db);

        var group = new Agency
        {
            Slug = Group, NameTh = GroupNameTh, NameEn = "Office of the Prime Minister", Abbreviation = "สร.", Kind = AgencyKind.Ministry,
        };
        db.Agencies.Add(group);
        await AgencyPaths.RebuildAsync(db);
        var agency = new Agency
        {
            Slug = Agency, NameTh = AgencyNameTh, NameEn = AgencyNameEn, Abbreviation = "สลน.", Kind = AgencyKind.Department,
            Size = AgencySize.Large, Province = "กรุงเทพมหานคร", ParentId = group.Id,
        };
        db.Agencies.Add(agency);
        var scoredPeer = new Agency
        {
            Slug = ScoredPeer, NameTh = ScoredPeerNameTh, NameEn = "Test agency A", Kind = AgencyKind.Department, ParentId = group.Id, IsSynthetic = true,
        };
        db.Agencies.Add(scoredPeer);
        db.Agencies.Add(new Agency
        {
            Slug = MissingPeer, NameTh = MissingPeerNameTh, NameEn = "Test agency B", Kind = AgencyKind.Department, ParentId = group.Id, IsSynthetic = true,
        });
        await AgencyPaths.RebuildAsync(db);
        await ResultStore.StageAsync(db, scoredPeer, ScoredPeerInput, "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        var measuresAgency = new Agency
        {
            Slug = MeasuresAgency, NameTh = MeasuresAgencyNameTh, NameEn = "Measures test agency", Abbreviation = "ทมต.", Kind = AgencyKind.Department,
        };
        db.Agencies.Add(measuresAgency);
        await AgencyPaths.RebuildAsync(db);
        await ResultStore.StageAsync(db, measuresAgency, Seed000WithQuestions(), "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        var a11yAgency = new Agency
        {
            Slug = A11yAgency, NameTh = "หน่วยงานทดสอบการเข้าถึง", NameEn = "Accessibility test agency", Kind = AgencyKind.Department,
        };
        db.Agencies.Add(a11yAgency);
        await AgencyPaths.RebuildAsync(db);
        await ResultStore.StageAsync(db, a11yAgency, Seed000WithQuestions(), "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        await ResultStore.StageAsync(db, a11yAgency, Seed003IndicatorsOnly, "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        var workflowAgency = new Agency
        {
            Slug = WorkflowAgency, NameTh = WorkflowAgencyNameTh, NameEn = "Workflow test agency", Abbreviation = "ทขม.", Kind = AgencyKind.Department,
        };
        db.Agencies.Add(workflowAgency);
        await AgencyPaths.RebuildAsync(db);
        await ResultStore.StageAsync(db, workflowAgency, Seed000WithQuestions(), "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        var walkAgency = new Agency
        {
            Slug = WalkAgency, NameTh = WalkAgencyNameTh, NameEn = "Three-role walk test agency", Abbreviation = "ทสบ.", Kind = AgencyKind.Department,
        };
        db.Agencies.Add(walkAgency);
        await AgencyPaths.RebuildAsync(db);
        await ResultStore.StageAsync(db, walkAgency, Seed000WithQuestions(), "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        await db.SaveChangesAsync();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await AddUserAsync(users, db, Coordinator, "ผู้ประสานงาน สลน.", password, agency.Id, Role.Coordinator);
        await AddUserAsync(users, db, Oversight, "ผู้กำกับดูแล สร.", password, group.Id, Role.Oversight);
        await AddUserAsync(users, db, MeasuresCoordinator, "ผู้ประสานงาน ทมต.", password, measuresAgency.Id, Role.Coordinator);
        await AddUserAsync(users, db, MeasuresExecutive, "ผู้บริหาร ทมต.", password, measuresAgency.Id, Role.Executive);
        await AddUserAsync(users, db, A11yCoordinator, "ผู้ประสานงาน ทดสอบการเข้าถึง", password, a11yAgency.Id, Role.Coordinator);
        await AddUserAsync(users, db, WalkCoordinator, "ผู้ประสานงาน ทสบ.", password, walkAgency.Id, Role.Coordinator);
        var administrator = new AppUser { UserName = Administrator, DisplayName = "ผู้ดูแลระบบ ทดสอบ", IsAdministrator = true };
        if (!(await users.CreateAsync(administrator, password)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {Administrator}.");
        }
        await AddUserAsync(users, db, WorkflowCoordinator, "ผู้ประสานงาน ทขม.", password, workflowAgency.Id, Role.Coordinator);
        await AddUserAsync(users, db, WorkflowExecutive, "ผู้บริหาร ทขม.", password, workflowAgency.Id, Role.Executive);

        var plansAgency = new Agency
        {
            Slug = PlansAgency, NameTh = "หน่วยงานทดสอบแผนปฏิบัติการ", NameEn = "Action plan test agency", Abbreviation = "ทผป.", Kind = AgencyKind.Department,
        };
        db.Agencies.Add(plansAgency);
        await AgencyPaths.RebuildAsync(db);
        await db.SaveChangesAsync();
        await AddUserAsync(users, db, PlansCoordinator, "ผู้ประสานงาน ทผป.", password, plansAgency.Id, Role.Coordinator);
        await AddUserAsync(users, db, PlansOwner, "หัวหน้า ศปท.", password, plansAgency.Id, Role.UnitOwner);
        var store = new OpenIta.Data.Plans.PlanStore(db, TimeProvider.System);
        var actor = new OpenIta.Data.Measures.PlanActor(null, "e2e");
        var plan = await store.ImportJsonAsync(plansAgency, PlansJson, actor);
        var unitStore = new UnitStore(db);
        var cpt = (await unitStore.UnitsAsync(plansAgency.Id)).Single(u => u.Name == "ศปท.");
        var owner = await users.FindByNameAsync(PlansOwner);
        await unitStore.SetOwnedUnitsAsync(owner!.Id, plansAgency.Id, [cpt.Id]);
        await store.OpenRoundAsync(plansAgency, plan.Id, 2568, OpenIta.Core.Plans.ReportingPeriod.SixMonths, actor,
            new Permissions("e2e", true, []), new DateOnly(2025, 4, 15));
        await E2ePublicData.PrepareAsync(db, Seed000WithQuestions());
        await PrepareOitAsync(db, users, password);
    }

    private static async Task PrepareOitAsync(OpenItaDb db, UserManager<AppUser> users, string password)
    {
        var group = new Agency { Slug = OitGroup, NameTh = "กลุ่มทดสอบ OIT", NameEn = "OIT test group", Kind = AgencyKind.Ministry };
        db.Agencies.Add(group);
        await AgencyPaths.RebuildAsync(db);
        var agency = new Agency
        {
            Slug = OitAgency, NameTh = "หน่วยงานทดสอบ OIT", NameEn = "OIT test agency", Abbreviation = "ทดส.", Kind = AgencyKind.Department,
            ParentId = group.Id, WebsiteDomain = "www.e2e-oit.go.th",
        };
        db.Agencies.Add(agency);
        await AgencyPaths.RebuildAsync(db);
        var opdc2566 = File.ReadAllText(Path.Combine(OpenIta.Testing.RepositoryPaths.Root, "examples", "opdc-2566.json"));
        await ResultStore.StageAsync(db, agency, opdc2566, "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        await db.SaveChangesAsync();
        await AddUserAsync(users, db, OitCoordinator, "ผู้ประสานงาน ทดส.", password, agency.Id, Role.Coordinator);
        await AddUserAsync(users, db, OitOwner, "หัวหน้า ศปท. ทดส.", password, agency.Id, Role.UnitOwner);
        var assessor = new AppUser { UserName = OitAssessor, DisplayName = "ผู้ประเมิน กลุ่มทดสอบ OIT" };
        if (!(await users.CreateAsync(assessor, password)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {OitAssessor}.");
        }
        db.Memberships.Add(new Membership { UserId = assessor.Id, AgencyId = group.Id, Role = Role.Assessor, FiscalYear = 2566 });
        await db.SaveChangesAsync();
        var unitStore = new UnitStore(db);
        await unitStore.AddMissingAsync(agency.Id, new List<string> { "ศปท." });
        await db.SaveChangesAsync();
        var cpt = (await unitStore.UnitsAsync(agency.Id)).Single(u => u.Name == "ศปท.");
        await unitStore.SetOwnedUnitsAsync((await users.FindByNameAsync(OitOwner))!.Id, agency.Id, [cpt.Id]);
        var oit = new OpenIta.Data.Oit.OitStore(db, TimeProvider.System, FrameworkCatalog.BuiltIn, new OpenIta.Data.Oit.OitWindowDefaults(),
            new OpenIta.Data.Oit.NoOitUrlChecks());
        var set = await oit.EnsureSetAsync(agency, 2566);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var item in set.Items)
        {
            item.OwnerUnitId = cpt.Id;
            if (item.Code == "O5")
            {
                continue;
            }
            item.Urls.Add(new OpenIta.Data.Oit.OitUrlRow { Url = $"https://www.e2e-oit.go.th/ita/2566/{item.Code.ToLowerInvariant()}", AddedAtUnixMs = now, AddedBy = "e2e" });
            item.Score = 100;
            item.ScoreState = OpenIta.Data.Oit.OitScoreState.Scored;
            item.ScoredBy = OitAssessor;
            item.ScoredAtUnixMs = now;
        }
        var today = OpenIta.Reports.Thai.ThaiTime.Today(TimeProvider.System);
        db.OitWindows.Add(new OpenIta.Data.Oit.OitWindowRow { AgencyId = group.Id, FiscalYear = 2566, OpensOn = today.AddDays(-1), ClosesOn = today.AddDays(30) });
        await db.SaveChangesAsync();
    }

    /// <summary>Seed 000's FY2565 indicators and question scores (tests/OpenIta.Core.Tests/Seeds).</summary>
    private static string Seed000WithQuestions()
    {
        var seed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(
            Path.Combine(OpenIta.Testing.RepositoryPaths.Root, "tests", "OpenIta.Core.Tests", "Seeds", "seed000-spm-2565.json")))!;
        return new System.Text.Json.Nodes.JsonObject
        {
            ["fiscalYear"] = 2565,
            ["indicators"] = seed["indicators"]!.DeepClone(),
            ["questions"] = seed["questions"]!.DeepClone(),
        }.ToJsonString();
    }

    private static async Task AddUserAsync(UserManager<AppUser> users, OpenItaDb db, string userName, string displayName, string password, int agencyId, Role role)
    {
        var user = new AppUser { UserName = userName, DisplayName = displayName };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {userName}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        db.Memberships.Add(new Membership { UserId = user.Id, AgencyId = agencyId, Role = role });
        await db.SaveChangesAsync();
    }
}
