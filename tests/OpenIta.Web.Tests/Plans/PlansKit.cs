using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;

namespace OpenIta.Web.Tests.Plans;

/// <summary>
/// The cast of the plan pages' tests: agency <c>spm</c> (in province <c>prov</c>) with a small plan of FY2568 —
/// ยุทธศาสตร์ 1 → กลยุทธ์ 1.1 → โครงการ 1.1.1 (ศปท.: 654 of 662 staff signed, at least 80 %; 27,325 baht) and 1.1.2
/// (กพบ.: at least 150 people; no budget) — and its open 6-month round, due 15 April 2025 (long past: overdue);
/// <c>other</c> in <c>elsewhere</c>. Users: <c>admin</c>; of spm <c>coordinator</c>, <c>owner</c> (owns ศปท.,
/// e-mail owner@example.go.th), <c>owner2</c> (owns กพบ.), <c>executive</c>, <c>viewer</c>; <c>oversight</c> of
/// prov; <c>stranger</c>, coordinator of other.
/// </summary>
internal static class PlansKit
{
    public const string PlanJsonText = """
        {"title": "แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2568", "fiscalYears": [2568],
         "levels": ["ยุทธศาสตร์", "กลยุทธ์", "โครงการ"],
         "items": [{"number": "1", "title": "ขับเคลื่อนการป้องกันการทุจริต",
           "items": [{"number": "1.1", "title": "พัฒนาเครือข่าย", "goal": "มีเครือข่ายป้องกันการทุจริต",
             "items": [
               {"number": "1.1.1", "title": "โครงการลงนามรับทราบนโยบาย", "objective": "ให้บุคลากรรับทราบนโยบาย", "owners": ["ศปท."],
                "kpis": [{"id": "p1", "name": "ร้อยละของบุคลากรที่ลงนาม", "kind": "percent", "target": {"atLeast": 80}}],
                "budgets": [{"fiscalYear": 2568, "planned": 27325, "source": "own"}]},
               {"number": "1.1.2", "title": "โครงการอบรมจริยธรรม", "owners": ["กพบ."],
                "kpis": [{"id": "p2", "name": "จำนวนผู้เข้าอบรม", "kind": "count", "unit": "คน", "target": {"atLeast": 150}}],
                "budgets": [{"fiscalYear": 2568, "source": "none"}]}]}]}]}
        """;

    public static readonly DateOnly Due = new(2025, 4, 15);

    public sealed record Cast(TestApp App, Agency Spm, int PlanId, int RoundId);

    public static async Task<Cast> StartAsync(DatabaseEngine engine, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        var app = await TestApp.StartAsync(engine, configure: configure);
        await app.AddAgencyAsync("prov", kind: AgencyKind.Province);
        var spm = await app.AddAgencyAsync("spm", "prov");
        await app.AddAgencyAsync("elsewhere", kind: AgencyKind.Province);
        await app.AddAgencyAsync("other", "elsewhere");
        await app.AddUserAsync("admin", true);
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var owner = await app.AddUserAsync("owner", false, ("spm", Role.UnitOwner));
        var owner2 = await app.AddUserAsync("owner2", false, ("spm", Role.UnitOwner));
        await app.AddUserAsync("executive", false, ("spm", Role.Executive));
        await app.AddUserAsync("viewer", false, ("spm", Role.Viewer));
        await app.AddUserAsync("oversight", false, ("prov", Role.Oversight));
        await app.AddUserAsync("stranger", false, ("other", Role.Coordinator));
        var (planId, roundId) = await WithStoreAsync(app, async (db, store) =>
        {
            var agency = await db.Agencies.SingleAsync(a => a.Slug == "spm");
            var actor = new PlanActor(null, "setup");
            var plan = await store.ImportJsonAsync(agency, PlanJsonText, actor);
            var units = new UnitStore(db);
            var all = await units.UnitsAsync(agency.Id);
            await units.SetOwnedUnitsAsync(owner, agency.Id, [all.Single(u => u.Name == "ศปท.").Id]);
            await units.SetOwnedUnitsAsync(owner2, agency.Id, [all.Single(u => u.Name == "กพบ.").Id]);
            var user = await db.Users.SingleAsync(u => u.Id == owner);
            user.Email = "owner@example.go.th";
            await db.SaveChangesAsync();
            var round = await store.OpenRoundAsync(agency, plan.Id, 2568, ReportingPeriod.SixMonths, actor, Admin, Due);
            return (plan.Id, round.Id);
        });
        return new Cast(app, spm, planId, roundId);
    }

    public static readonly Permissions Admin = new("setup", true, []);

    public static async Task<T> WithStoreAsync<T>(TestApp app, Func<OpenItaDb, PlanStore, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        return await work(db, scope.ServiceProvider.GetRequiredService<PlanStore>());
    }

    public static string Plan => "/agencies/spm/plan";

    public static string Round(Cast cast) => "/agencies/spm/plan/rounds/" + N(cast.RoundId);

    public static string Report(Cast cast, string subject) => Round(cast) + "/report?subject=" + Uri.EscapeDataString(subject);

    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A report of 1.1.1 as typed in the form: 654 of 662, the text, spent.</summary>
    public static (string, string)[] Report111(string text = "ลงนามรับทราบนโยบาย 654 คน จาก 662 คน", string count = "654", string of = "662",
        int? version = null) =>
    [
        ("version", N(version ?? 0)),
        ("Form.Kpi", "p1"), ("Form.Value", ""), ("Form.Count", count), ("Form.Of", of), ("Form.Done", ""),
        ("Form.Text", text), ("Form.Outcome", ""), ("Form.Status", "done"), ("Form.Reason", ""),
        ("Form.Spent", "27325"), ("Form.Participants", "654"), ("Form.Satisfaction", ""),
    ];

    public static (string, string)[] Report112(int? version = null) =>
    [
        ("version", N(version ?? 0)),
        ("Form.Kpi", "p2"), ("Form.Value", "95"), ("Form.Count", ""), ("Form.Of", ""), ("Form.Done", ""),
        ("Form.Text", "อบรม 95 คน"), ("Form.Outcome", ""), ("Form.Status", "at-risk"), ("Form.Reason", "งบประมาณไม่พอ"),
        ("Form.Spent", ""), ("Form.Participants", ""), ("Form.Satisfaction", ""),
    ];

    public static Task<List<ProgressEntryRow>> EntriesAsync(TestApp app) => app.WithDbAsync(async db =>
        await db.ProgressEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    /// <summary>Posts a form as a browser does, with the user's anti-forgery token.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        Measures.MeasuresKit.PostAsync(client, path, fields);

    /// <summary>Posts a multipart form (a file upload) with the user's anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string fileField, string fileName, byte[] content,
        params (string Name, string Value)[] fields)
    {
        var token = await TestApp.AntiforgeryTokenAsync(client, "/account/login");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, fileField, fileName);
        return await client.PostAsync(path, form);
    }

    public static void Expect(HttpStatusCode expected, HttpResponseMessage response, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new Xunit.Sdk.XunitException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}");
        }
    }
}
