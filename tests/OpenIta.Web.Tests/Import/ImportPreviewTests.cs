using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Import;

/// <summary>/import shows what a file will add and replace and writes nothing until its uploader confirms, once.</summary>
public sealed class ImportPreviewTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    /// <summary>Seed 000's row with indicator 1 changed: a different input and total for the same agency and year.</summary>
    private static readonly string Spm2565Changed = ImportFiles.Spm2565.Replace("spm,2565,85.84,", "spm,2565,95.84,", StringComparison.Ordinal);

    private static async Task<TestApp> AppAsync(DatabaseEngine engine)
    {
        var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddAgencyAsync("opdc");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator), ("opdc", Role.Coordinator));
        await app.AddUserAsync("other", false, ("spm", Role.Coordinator), ("opdc", Role.Coordinator));
        return app;
    }

    private static async Task<(HttpResponseMessage Response, string Page, string Pending)> PreviewAsync(HttpClient client, params string[] lines)
    {
        var response = await ImportFiles.PreviewPageAsync(client, "/import", ImportFiles.Csv(lines));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        return (response, page, ImportFiles.PendingId(page) ?? throw new Xunit.Sdk.XunitException("no confirmation offered:\n" + page));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_upload_shows_what_is_new_and_writes_nothing_until_confirmed(DatabaseEngine engine)
    {
        await using var app = await AppAsync(engine);
        var client = await app.SignedInAsync("coordinator");

        var (response, page, pending) = await PreviewAsync(client, ImportFiles.Header, ImportFiles.Spm2565);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"import-preview\"", page, StringComparison.Ordinal);
        Assert.Contains("data-change=\"new\" data-agency=\"spm\" data-year=\"2565\"", page, StringComparison.Ordinal);
        Assert.Contains("เพิ่มใหม่ 1", page, StringComparison.Ordinal);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));

        var confirmed = await ImportFiles.ConfirmAsync(client, pending);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("id=\"import-result\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await ImportFiles.CountResultsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_reimport_shows_each_replaced_year_with_its_old_and_new_total_and_the_unchanged_ones(DatabaseEngine engine)
    {
        await using var app = await AppAsync(engine);
        var client = await app.SignedInAsync("coordinator");
        await ImportFiles.PostPageAsync(client, "/import", ImportFiles.Csv(ImportFiles.Opdc2566Header, ImportFiles.Opdc2566));
        await ImportFiles.PostPageAsync(client, "/import", ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565));
        var stored = await app.WithDbAsync(db => db.Results.AsNoTracking().Where(r => r.Agency!.Slug == "spm").Select(r => r.InputJson).SingleAsync());

        var (_, replacing, _) = await PreviewAsync(client, ImportFiles.Header, Spm2565Changed);
        var (_, same, _) = await PreviewAsync(client, ImportFiles.Opdc2566Header, ImportFiles.Opdc2566);

        var row = Row(replacing, "spm");
        Assert.Contains("data-change=\"replaced\"", row, StringComparison.Ordinal);
        Assert.Contains("แทนที่ผลเดิม", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">89.21</td>", row, StringComparison.Ordinal); // the stored total
        Assert.Contains("<td class=\"num\">89.81</td>", row, StringComparison.Ordinal); // IIT 79.68 (indicator 1 up by 10): 0.3 × 79.68 + 0.3 × 86.34 + 40
        Assert.Contains("data-change=\"unchanged\"", Row(same, "opdc"), StringComparison.Ordinal);
        Assert.Equal(stored, await app.WithDbAsync(db => db.Results.AsNoTracking().Where(r => r.Agency!.Slug == "spm").Select(r => r.InputJson).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Confirming_twice_is_refused_and_saves_nothing_again(DatabaseEngine engine)
    {
        await using var app = await AppAsync(engine);
        var client = await app.SignedInAsync("coordinator");
        var (_, _, pending) = await PreviewAsync(client, ImportFiles.Header, ImportFiles.Spm2565);
        Assert.Equal(HttpStatusCode.OK, (await ImportFiles.ConfirmAsync(client, pending)).StatusCode);
        var updated = await app.WithDbAsync(db => db.Results.AsNoTracking().Select(r => r.UpdatedAtUnixMs).SingleAsync());

        var again = await ImportFiles.ConfirmAsync(client, pending);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("ไฟล์นี้ยืนยันนำเข้าไปแล้ว", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(updated, await app.WithDbAsync(db => db.Results.AsNoTracking().Select(r => r.UpdatedAtUnixMs).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Only_the_uploader_can_confirm(DatabaseEngine engine)
    {
        await using var app = await AppAsync(engine);
        var uploader = await app.SignedInAsync("coordinator");
        var (_, _, pending) = await PreviewAsync(uploader, ImportFiles.Header, ImportFiles.Spm2565);
        var other = await app.SignedInAsync("other");

        var response = await ImportFiles.ConfirmAsync(other, pending);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ไม่พบไฟล์ที่รอการยืนยัน", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await ImportFiles.ConfirmAsync(uploader, pending)).StatusCode); // still the uploader's to confirm
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_expired_upload_cannot_be_confirmed(DatabaseEngine engine)
    {
        await using var app = await AppAsync(engine);
        var client = await app.SignedInAsync("coordinator");
        var (_, _, pending) = await PreviewAsync(client, ImportFiles.Header, ImportFiles.Spm2565);
        await app.WithDbAsync(db => db.PendingImports.Where(p => p.Id == pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAtUnixMs, p => p.CreatedAtUnixMs - 1)));

        var response = await ImportFiles.ConfirmAsync(client, pending);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("หมดเวลายืนยัน", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_cancelled_upload_is_forgotten(DatabaseEngine engine)
    {
        await using var app = await AppAsync(engine);
        var client = await app.SignedInAsync("coordinator");
        var (_, _, pending) = await PreviewAsync(client, ImportFiles.Header, ImportFiles.Spm2565);

        var cancelled = await ImportFiles.ConfirmAsync(client, pending, "cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.PendingImports.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await ImportFiles.ConfirmAsync(client, pending)).StatusCode);
        Assert.Equal(0, await ImportFiles.CountResultsAsync(app));
    }

    /// <summary>The preview's table row of an agency.</summary>
    private static string Row(string page, string agency)
    {
        var start = page.IndexOf($"data-agency=\"{agency}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, page);
        var begin = page.LastIndexOf("<tr", start, StringComparison.Ordinal);
        return page[begin..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
