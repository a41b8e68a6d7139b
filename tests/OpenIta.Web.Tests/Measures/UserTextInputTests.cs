using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Api;
using OpenIta.Web.Tests.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>
/// Issue 9 M1, L4, L9, M6: every text a user stores passes one rule (no control characters but tab and line breaks, no
/// U+FFFE, no direction overrides, a sensible length): a 400 naming the field on every route, the same on both engines;
/// and what is already stored still downloads as DOCX and XLSX, its file name without a direction override.
/// </summary>
public sealed class UserTextInputTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    /// <summary>The characters of issue 9 M1 and L9 (NUL too: SQLite stored it, PostgreSQL answered 409).</summary>
    private static readonly string[] Bad = ["\u0001", "\u000B", "\uFFFE", "\u202E", "\0"];

    private static (string, string)[] With((string, string)[] fields, string name, string value) =>
        [.. fields.Where(f => f.Item1 != name), (name, value)];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Control_characters_and_overlong_texts_are_400_naming_the_field_on_every_measures_route(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        await ReadyAsync(coordinator);
        var edit = await EditPathAsync(app, 1);
        var measure = MeasureFields(1, ReadyTitle, "I7");
        var cases = new List<(HttpClient Client, string Path, (string, string)[] Fields, string Field)>();
        var fields = new[] { "Title", "Weakness", "StepText", "Units", "Monitoring", "ReportTo", "ReportHow" };
        for (var i = 0; i < fields.Length; i++)
        {
            foreach (var bad in Bad)
            {
                cases.Add((coordinator, edit, With(measure, fields[i], "ข้อความ" + bad + "ต่อ"), fields[i] == "StepText" ? "StepText[0]" : fields[i]));
            }
        }
        cases.Add((coordinator, Plan + "/edit/new", With(measure, "Title", "ใหม่\u202Eexe.docx"), "Title"));
        // M6: a measure of 600 KB did not print; a title is at most 500 characters, a narrative 5,000.
        cases.Add((coordinator, edit, With(measure, "Title", new string('ก', 501)), "Title"));
        cases.Add((coordinator, edit, With(measure, "Monitoring", new string('ก', 5_001)), "Monitoring"));
        cases.Add((coordinator, Plan + "/edit?handler=plan", [("revision", "1"), ("layout", "ByItem"), ("introduction", "บทนำ\u0001")], "introduction"));
        var before = (await RevisionsAsync(app)).Single().ContentJson;
        foreach (var (client, path, form, field) in cases)
        {
            var response = await PostAsync(client, path, form);
            var shown = string.Join(" ", form.Where(f => f.Item1 == field.Split('[')[0]).Select(f => f.Item2.Length > 40 ? "(long)" : f.Item2));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {field}={Uri.EscapeDataString(shown)}: {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            if (form.Any(f => f.Item2.Contains('\0', StringComparison.Ordinal)))
            {
                continue; // a NUL in a form is refused by ASP.NET's form reader before any page: a 400 without a field, nothing stored
            }
            Assert.True(body.Contains($"data-field=\"{field}\"", StringComparison.Ordinal), $"{path} {field}={Uri.EscapeDataString(shown)}: {body[..Math.Min(300, body.Length)]}");
        }
        // 600 KB in one field is refused too, by the form limits if not by the rule.
        var huge = await PostAsync(coordinator, edit, With(measure, "Weakness", new string('ก', 600_000)));
        Assert.True((int)huge.StatusCode is >= 400 and < 500, $"600 KB: {(int)huge.StatusCode}");
        Assert.Equal(before, (await RevisionsAsync(app)).Single().ContentJson);

        // The approval and the return note (L4: PostgreSQL answered 409 "someone changed this plan" for these).
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=submit", ("revision", "1"))).StatusCode);
        var approvals = new List<((string, string)[] Fields, string Field)>();
        foreach (var field in new[] { "Approval.Name", "Approval.Position", "Approval.MemoNumber" })
        {
            foreach (var bad in Bad)
            {
                approvals.Add((With(ApprovalFields(1), field, "ค่า" + bad + "ต่อ"), field));
            }
        }
        approvals.Add((With(ApprovalFields(1), "Approval.MemoNumber", new string('1', 101)), "Approval.MemoNumber"));
        approvals.Add((With(ApprovalFields(1), "Approval.Name", new string('ก', 201)), "Approval.Name"));
        foreach (var (form, field) in approvals)
        {
            var response = await PostAsync(executive, Plan + "?handler=approve", form);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode}");
            if (!form.Any(f => f.Item2.Contains('\0', StringComparison.Ordinal)))
            {
                Assert.Contains($"data-field=\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        foreach (var note in Bad.Select(b => "แก้ไข" + b + "ขั้นตอน").Append(new string('ก', 2_001)))
        {
            var response = await PostAsync(executive, Plan + "?handler=return", ("revision", "1"), ("note", note));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"note of {note.Length}: {(int)response.StatusCode}");
            if (!note.Contains('\0', StringComparison.Ordinal))
            {
                Assert.Contains("data-field=\"note\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        var revision = (await RevisionsAsync(app)).Single();
        Assert.Equal(PlanStatus.Submitted, revision.Status);
        Assert.Null(revision.MemoNumber);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Agency_names_with_control_characters_are_400_naming_the_field_in_the_api_and_the_import(DatabaseEngine engine)
    {
        await using var app = await TestApp.StartAsync(engine);
        var adminId = await app.AddUserAsync("admin", administrator: true);
        var api = await app.ApiClientAsync(adminId);
        foreach (var (field, value) in Bad.Select(b => ("nameTh", "กรม" + b + "ทดสอบ")).Concat(
            [("nameEn", "Dept\u202Egnp.exe"), ("abbreviation", "ก\u000Bข"), ("province", "สกล\uFFFE"), ("nameTh", new string('ก', 401))]))
        {
            var body = new JsonObject { ["slug"] = "dept", ["nameTh"] = "กรมทดสอบ", ["kind"] = "Department" };
            body[field] = value;
            var response = await api.PostAsync("/api/v1/agencies", ApiCalls.Json(body.ToJsonString()));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode}");
            Assert.Equal(field, (await ApiCalls.JsonOf(response)).GetProperty("field").GetString());
        }

        var admin = await app.SignedInAsync("admin");
        var file = Encoding.UTF8.GetBytes("slug,name_th\ndept,กรม\u0001ทดสอบ\nother,กรม\u202Eอื่น\n");
        var imported = await ImportFiles.PostPageAsync(admin, "/admin/agencies/import", file, "agencies.csv");
        var page = WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync());
        Assert.Contains("U+0001", page, StringComparison.Ordinal);
        Assert.Contains("U+202E", page, StringComparison.Ordinal);
        Assert.Contains("name_th", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Agencies.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task What_is_already_stored_with_control_characters_still_downloads_as_docx_and_xlsx(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine);
        var coordinator = await app.SignedInAsync("coordinator");
        var executive = await app.SignedInAsync("executive");
        var admin = await app.SignedInAsync("admin");
        await ReadyAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, Plan + "?handler=submit", ("revision", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(executive, Plan + "?handler=approve", ApprovalFields(1))).StatusCode);

        // Written straight to the database, as a row from before the rule would be (PostgreSQL stores no NUL at all).
        await app.WithDbAsync(async db =>
        {
            var spm = await db.Agencies.SingleAsync(a => a.Slug == "spm");
            var prov = await db.Agencies.SingleAsync(a => a.Slug == "prov");
            spm.NameTh = "สำนัก\u0001เลขาธิการ\uFFFE";
            spm.Abbreviation = "สลน\u202Excod.exe";
            prov.NameTh = "จังหวัด\u000Bทดสอบ";
            var revision = await db.MeasurePlans.SingleAsync();
            var plan = revision.Plan();
            revision.ContentJson = MeasurePlanJson.Write(plan with
            {
                Measures = [plan.Measures[0] with { Title = "มาตรการ\u0001ที่\u000Bเสีย\uFFFE\u202E" }],
            });
            revision.MemoNumber = "ศปท.\u0001 0706/2565";
            return 0;
        });

        foreach (var path in new[] { Plan + ".docx", Plan + ".xlsx", "/groups/prov/results.docx", "/groups/prov/results.xlsx",
            "/agencies/spm/results/2565/result.docx", "/agencies/spm/results/2565/result.xlsx" })
        {
            var response = await (path.StartsWith("/groups", StringComparison.Ordinal) ? admin : executive).GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var stream = new MemoryStream(bytes);
            if (path.EndsWith(".docx", StringComparison.Ordinal))
            {
                using var document = WordprocessingDocument.Open(stream, false);
                var text = document.MainDocumentPart!.Document!.InnerText;
                Assert.DoesNotContain('\u0001', text);
                Assert.DoesNotContain('\u202E', text);
            }
            else
            {
                using var workbook = SpreadsheetDocument.Open(stream, false);
                Assert.NotEmpty(workbook.WorkbookPart!.WorksheetParts);
            }
            var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
            Assert.DoesNotContain('\u202E', name);
        }
        var measures = await executive.GetAsync(Plan + ".docx");
        Assert.Equal("มาตรการ ITA สลนxcod.exe 2566 ฉบับที่ 1.docx", measures.Content.Headers.ContentDisposition!.FileNameStar);
        await using var zip = new ZipArchive(await measures.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(await zip.GetEntry("word/document.xml")!.OpenAsync());
        Assert.Contains("มาตรการที่เสีย", await reader.ReadToEndAsync(), StringComparison.Ordinal);

        // L9: pages show the stored names and texts without the override, neither raw nor as an entity.
        var page = await executive.GetStringAsync(Plan);
        Assert.Contains("มาตรการที่เสีย", page, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", page, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x202E;", page, StringComparison.OrdinalIgnoreCase);
    }
}
