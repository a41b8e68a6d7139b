using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using static OpenIta.Web.Tests.Results.ResultPagesTests;

namespace OpenIta.Web.Tests.Measures;

/// <summary>
/// The cast of the measures tests: agency <c>spm</c> (in province <c>prov</c>) with seed 000's FY2565 result, and
/// <c>other</c> (in <c>elsewhere</c>); users <c>admin</c>, and of spm <c>coordinator</c>, <c>unitowner</c>,
/// <c>executive</c>, <c>viewer</c>; <c>oversight</c> of prov; <c>stranger</c>, coordinator of other.
/// </summary>
internal static class MeasuresKit
{
    public const string Plan = "/agencies/spm/results/2565/measures";

    /// <summary>Seed 000 with its low question scores, so that the analysis has urgent items to draft from.</summary>
    public static string Seed000WithQuestions()
    {
        var seed = JsonNode.Parse(File.ReadAllText(
            Path.Combine(RepositoryPaths.Root, "tests", "OpenIta.Core.Tests", "Seeds", "seed000-spm-2565.json")))!;
        return new JsonObject
        {
            ["fiscalYear"] = 2565,
            ["indicators"] = seed["indicators"]!.DeepClone(),
            ["questions"] = seed["questions"]!.DeepClone(),
        }.ToJsonString();
    }

    public static async Task<TestApp> StartAsync(DatabaseEngine engine, bool withQuestions = true, bool thaiCollation = false)
    {
        var app = await TestApp.StartAsync(engine, thaiCollation);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        await app.AddAgencyAsync("spm", "prov");
        await app.AddAgencyAsync("elsewhere", kind: AgencyKind.Province);
        await app.AddAgencyAsync("other", "elsewhere");
        await StoreAsync(app, "spm", withQuestions ? Seed000WithQuestions() : Example("spm-2565.json"));
        await app.AddUserAsync("admin", true);
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        await app.AddUserAsync("unitowner", false, ("spm", Role.UnitOwner));
        await app.AddUserAsync("executive", false, ("spm", Role.Executive));
        await app.AddUserAsync("viewer", false, ("spm", Role.Viewer));
        await app.AddUserAsync("oversight", false, ("prov", Role.Oversight));
        await app.AddUserAsync("stranger", false, ("other", Role.Coordinator));
        await app.AddAssessorAsync("assessor", "spm", 2565);
        return app;
    }

    /// <summary>Posts a form as a browser does, with the user's anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var token = await TestApp.AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token))));
    }

    public static Task<List<MeasurePlanRevision>> RevisionsAsync(TestApp app) => app.WithDbAsync(async db =>
        await db.MeasurePlans.AsNoTracking().Where(p => p.Agency!.Slug == "spm").OrderBy(p => p.Revision).ToListAsync());

    public static Task<List<PlanEvent>> EventsAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var id = await db.Agencies.Where(a => a.Slug == "spm").Select(a => a.Id).SingleAsync();
        return (await db.PlanEvents.AsNoTracking().Where(e => e.AgencyId == id).ToListAsync()).OrderBy(e => e.AtUnixMs).ThenBy(e => e.Id).ToList();
    });

    /// <summary>The stable id of the measure numbered <paramref name="number"/> in the newest revision.</summary>
    public static async Task<string> MeasureIdAsync(TestApp app, int number) =>
        (await RevisionsAsync(app)).Last().Plan().Measures[number - 1].Id!;

    /// <summary>The editor of the measure numbered <paramref name="number"/> now (editors address measures by id).</summary>
    public static async Task<string> EditPathAsync(TestApp app, int number) => Plan + "/edit/" + await MeasureIdAsync(app, number);

    /// <summary>The newest revision's version, as its forms carry it.</summary>
    public static async Task<string> VersionAsync(TestApp app) =>
        (await RevisionsAsync(app)).Last().Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the plan by drafting it from the analysis, as the coordinator.</summary>
    public static async Task DraftAsync(HttpClient coordinator)
    {
        var response = await PostAsync(coordinator, Plan + "?handler=draft");
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Drafting answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>The title of the one measure of <see cref="ReadyAsync"/>'s plan.</summary>
    public const string ReadyTitle = "ส่งเสริมการใช้ทรัพย์สินของราชการอย่างถูกต้อง";

    /// <summary>Starts an empty plan and adds one complete measure, as the coordinator: a draft ready to submit.</summary>
    public static async Task ReadyAsync(HttpClient coordinator)
    {
        var started = await PostAsync(coordinator, Plan + "?handler=start");
        var added = await PostAsync(coordinator, Plan + "/edit/new", MeasureFields(1, ReadyTitle, "I7"));
        if (started.StatusCode != System.Net.HttpStatusCode.Redirect || added.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Starting answered {(int)started.StatusCode}, adding {(int)added.StatusCode}.");
        }
    }

    /// <summary>The fields of a complete measure for the measure editor.</summary>
    public static (string, string)[] MeasureFields(int revision, string title, string items) =>
    [
        ("revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Title", title),
        ("Kind", nameof(MeasureKind.Improve)),
        ("Items", items),
        ("StepText", "จัดทำคู่มือการยืมทรัพย์สินของราชการ"),
        ("StepOwners", "สลก., ศปท."),
        ("StepText", "เผยแพร่คู่มือบนเว็บไซต์"),
        ("StepOwners", ""),
        ("StepText", ""),
        ("StepOwners", ""),
        ("Quarters", "1"),
        ("Quarters", "2"),
        ("DateFrom", ""),
        ("DateTo", ""),
        ("Units", "ศปท.\nกองกลาง"),
        ("Monitoring", "ติดตามผลทุกไตรมาส"),
        ("Cadence", nameof(ReportingCadence.EverySixMonths)),
        ("ReportTo", "เลขาธิการนายกรัฐมนตรี"),
        ("ReportHow", "บันทึกข้อความ"),
    ];

    /// <summary>An approval with every field, or without the ones named in <paramref name="without"/>.</summary>
    public static (string, string)[] ApprovalFields(int revision, params string[] without) =>
        new (string, string)[]
        {
            ("revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Approval.Name", "นายทดสอบ ผู้อนุมัติ"),
            ("Approval.Position", "เลขาธิการนายกรัฐมนตรี"),
            ("Approval.Date", "30/11/2565"),
            ("Approval.MemoNumber", "ศปท. 0706/2565"),
        }.Where(f => !without.Contains(f.Item1)).ToArray();
}
