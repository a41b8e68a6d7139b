using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Import;

/// <summary>Administrators import agencies from CSV or XLSX: upsert by slug, parents from the database or the file, atomic.</summary>
public sealed class AgencyImportTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const string Page = "/admin/agencies/import";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static readonly byte[] Ministry = Csv(
        "slug,name_th,name_en,abbreviation,kind,size,province,parent_slug",
        "opm,สำนักนายกรัฐมนตรี,Office of the Prime Minister,สปน.,Ministry,,,",
        "spm,สำนักเลขาธิการนายกรัฐมนตรี,Secretariat of the Prime Minister,สลน.,กรม,Large,กรุงเทพมหานคร,opm",
        "opdc,สำนักงาน ก.พ.ร.,,,department,medium,,opm");

    private static async Task<(TestApp App, HttpClient Admin)> AdminAsync(DatabaseEngine engine)
    {
        var app = await TestApp.StartAsync(engine);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("admin", administrator: true);
        return (app, await app.SignedInAsync("admin"));
    }

    private static Task<List<Agency>> AgenciesAsync(TestApp app) =>
        app.WithDbAsync(db => db.Agencies.AsNoTracking().OrderBy(a => a.Slug).ToListAsync());

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task An_administrator_adds_and_updates_agencies_with_their_hierarchy(DatabaseEngine engine)
    {
        var (app, admin) = await AdminAsync(engine);
        await using var _ = app;
        var spmId = (await AgenciesAsync(app)).Single().Id;

        var response = await ImportFiles.PostPageAsync(admin, Page, Ministry, "agencies.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("เพิ่ม 2 แก้ไข 1 ไม่เปลี่ยนแปลง 0 หน่วยงาน", page, StringComparison.Ordinal);
        var agencies = (await AgenciesAsync(app)).ToDictionary(a => a.Slug);
        Assert.Equal(3, agencies.Count);
        var (opm, spm, opdc) = (agencies["opm"], agencies["spm"], agencies["opdc"]);
        Assert.Equal(spmId, spm.Id); // updated in place: its results and memberships stay
        Assert.Equal(("สำนักเลขาธิการนายกรัฐมนตรี", "สลน.", AgencyKind.Department, AgencySize.Large, "กรุงเทพมหานคร", opm.Id),
            (spm.NameTh, spm.Abbreviation, spm.Kind, spm.Size, spm.Province, spm.ParentId));
        Assert.Equal((AgencyKind.Ministry, (int?)null, $"/{opm.Id}/"), (opm.Kind, opm.ParentId, opm.Path));
        Assert.Equal($"/{opm.Id}/{spm.Id}/", spm.Path);
        Assert.Equal((AgencyKind.Department, AgencySize.Medium, (string?)null, $"/{opm.Id}/{opdc.Id}/"), (opdc.Kind, opdc.Size, opdc.NameEn, opdc.Path));

        var again = await ImportFiles.PostPageAsync(admin, Page, Ministry, "agencies.csv");
        Assert.Contains("เพิ่ม 0 แก้ไข 0 ไม่เปลี่ยนแปลง 3 หน่วยงาน", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(
            agencies.Values.OrderBy(a => a.Slug).Select(a => (a.Id, a.NameTh, a.Kind, a.ParentId, a.Path)),
            (await AgenciesAsync(app)).Select(a => (a.Id, a.NameTh, a.Kind, a.ParentId, a.Path)));
    }

    [Fact]
    public async Task The_template_lists_every_agency_and_imports_back_unchanged()
    {
        var (app, admin) = await AdminAsync(DatabaseEngine.Sqlite);
        await using var _ = app;
        Assert.Equal(HttpStatusCode.OK, (await ImportFiles.PostPageAsync(admin, Page, Ministry, "agencies.csv")).StatusCode);

        var xlsx = await admin.GetByteArrayAsync(Page + "/template?format=xlsx");
        var table = Sheets.Read(xlsx, "slug");
        Assert.Equal(["slug", "name_th", "name_en", "abbreviation", "kind", "size", "province", "parent_slug"], table.Header);
        Assert.Contains(table.Rows, r => r.Cell(0) == "spm" && r.Cell(7) == "opm");

        var response = await ImportFiles.PostPageAsync(admin, Page, xlsx, "agencies.xlsx");
        Assert.Contains("เพิ่ม 0 แก้ไข 0 ไม่เปลี่ยนแปลง 3 หน่วยงาน", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_allowed_kinds()
    {
        var (app, admin) = await AdminAsync(DatabaseEngine.Sqlite);
        await using var _ = app;
        var before = await AgenciesAsync(app);

        var response = await ImportFiles.PostPageAsync(admin, Page, Csv("slug,name_th,kind", "opm,สำนักนายกรัฐมนตรี,Ministry", "x,หน่วยงาน x,Ministryy"), "agencies.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<td class=\"num\">3</td>", page, StringComparison.Ordinal);
        Assert.Contains("kind (C)", page, StringComparison.Ordinal);
        Assert.Contains("ไม่รู้จักประเภท 'Ministryy' ประเภทที่ใช้ได้: Ministry (กระทรวง), Department (ส่วนราชการระดับกรม)", page, StringComparison.Ordinal);
        Assert.Equal(before.Select(a => a.Slug), (await AgenciesAsync(app)).Select(a => a.Slug)); // opm was not added
    }

    [Fact]
    public async Task A_parent_in_neither_the_database_nor_the_file_is_refused()
    {
        var (app, admin) = await AdminAsync(DatabaseEngine.Sqlite);
        await using var _ = app;

        var response = await ImportFiles.PostPageAsync(admin, Page, Csv("slug,name_th,parent_slug", "opm,สำนักนายกรัฐมนตรี,", "spm,สลน.,nowhere"), "agencies.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("parent_slug (C)", page, StringComparison.Ordinal);
        Assert.Contains("ไม่พบหน่วยงานแม่รหัส 'nowhere' ทั้งในระบบและในไฟล์นี้", page, StringComparison.Ordinal);
        var agencies = await AgenciesAsync(app);
        Assert.Equal(("spm", "หน่วยงาน spm"), (agencies.Single().Slug, agencies.Single().NameTh));
    }

    [Fact]
    public async Task Parents_that_make_a_cycle_are_refused()
    {
        var (app, admin) = await AdminAsync(DatabaseEngine.Sqlite);
        await using var _ = app;

        var response = await ImportFiles.PostPageAsync(admin, Page, Csv("slug,name_th,parent_slug", "opm,สำนักนายกรัฐมนตรี,spm", "spm,สลน.,opm"), "agencies.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("opm → spm → opm", page, StringComparison.Ordinal);
        Assert.Null((await AgenciesAsync(app)).Single().ParentId);
    }

    [Fact]
    public async Task Bad_slugs_duplicate_slugs_and_missing_names_are_refused()
    {
        var (app, admin) = await AdminAsync(DatabaseEngine.Sqlite);
        await using var _ = app;

        var response = await ImportFiles.PostPageAsync(admin, Page, Csv("slug,name_th,size", "SPM Office,ชื่อ,", "opm,,", "opm,ชื่อ,huge", "opm,ชื่อ,"), "agencies.csv");

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("รหัส 'SPM Office' ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก", page, StringComparison.Ordinal);
        Assert.Contains("ไม่ได้ระบุชื่อหน่วยงานภาษาไทย", page, StringComparison.Ordinal);
        Assert.Contains("ไม่รู้จักขนาด 'huge'", page, StringComparison.Ordinal);
        Assert.Contains("รหัส opm ซ้ำกับแถว 3", page, StringComparison.Ordinal);
        Assert.Single(await AgenciesAsync(app));
    }

    [Fact]
    public async Task Others_than_administrators_get_403()
    {
        await using var app = await TestApp.StartAsync();
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var client = await app.SignedInAsync("coordinator");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page + "/template?format=csv")).StatusCode);
        var token = await TestApp.AntiforgeryTokenAsync(client, "/import");
        using var form = ImportFiles.Form(Ministry, "agencies.csv");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var post = await client.PostAsync(Page, form);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("spm", Assert.Single(await AgenciesAsync(app)).Slug);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client().GetAsync(Page)).StatusCode); // anonymous: to the sign-in page
    }
}
