using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Features.Plans;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Plans.PlansKit;

namespace OpenIta.Web.Tests.Plans;

/// <summary>
/// A plan from a spreadsheet (issue 11, item 6): the XLSX template downloads from the plan page; a filled template is
/// previewed as the same plan as the equivalent JSON file and imports through the same path; a cell that cannot be
/// read is a 400 naming its sheet, row and column, and nothing is written.
/// </summary>
public sealed partial class PlanSheetTests
{
    private const string Json = """
        {"title": "แผนพัฒนาท้องถิ่น (พ.ศ. 2569-2570)", "fiscalYears": [2569, 2570], "levels": ["มิติ", "แผนงาน", "โครงการ"],
         "items": [{"number": "1", "title": "มิติที่ 1", "items": [{"number": "1.1", "title": "แผนงานบริหารทั่วไป",
           "items": [{"number": "1.1.1", "title": "โครงการเผยแพร่ข้อมูล", "objective": "เพื่อเผยแพร่ข้อมูลต่อสาธารณะ", "owners": ["สำนักปลัด", "กองคลัง"],
             "kpis": [{"id": "k1.1.1-1", "name": "ร้อยละของข้อมูลที่เผยแพร่", "kind": "percent", "target": {"atLeast": 80}},
                      {"id": "k1.1.1-2", "name": "มีประกาศเผยแพร่", "kind": "yesno", "target": {"done": true}}],
             "budgets": [{"fiscalYear": 2569, "planned": 20000, "source": "own"}, {"fiscalYear": 2570, "source": "not-allocated"}]},
             {"number": "1.1.2", "title": "กิจกรรมรับเรื่องร้องเรียน", "kpis": [{"id": "k1.1.2-1", "name": "จำนวนเรื่องค้าง", "kind": "count", "target": {"atMost": 5}}]}]}]}]}
        """;

    /// <summary>The same plan as <see cref="Json"/>, as a filled template; <paramref name="target"/> is the first KPI's target (row 4).</summary>
    private static byte[] Workbook(string target = ">= 80") => Sheets.WriteXlsx([
        new SheetContent("แผน", [
            ["หัวข้อ", "ค่า"],
            ["ชื่อแผน", "แผนพัฒนาท้องถิ่น (พ.ศ. 2569-2570)"],
            ["ปีงบประมาณ", 2569, 2570],
            ["ระดับ", "มิติ", "แผนงาน", "โครงการ"],
        ]),
        new SheetContent("รายการ", [
            ["ระดับ", "ลำดับ", "ชื่อรายการ", "เป้าหมาย", "วัตถุประสงค์", "หน่วยงานผู้รับผิดชอบ", "ตัวชี้วัด", "ชนิดตัวชี้วัด", "ค่าเป้าหมาย",
                "งบประมาณ 2569", "แหล่งงบประมาณ 2569", "งบประมาณ 2570", "แหล่งงบประมาณ 2570"],
            ["มิติ", "1", "มิติที่ 1"],
            ["แผนงาน", "1.1", "แผนงานบริหารทั่วไป"],
            ["โครงการ", "1.1.1", "โครงการเผยแพร่ข้อมูล", "", "เพื่อเผยแพร่ข้อมูลต่อสาธารณะ", "สำนักปลัด, กองคลัง", "ร้อยละของข้อมูลที่เผยแพร่", "percent", target,
                20000, "own", null, "not-allocated"],
            ["", "1.1.1", "", "", "", "", "มีประกาศเผยแพร่", "yesno", "done"],
            ["โครงการ", "1.1.2", "กิจกรรมรับเรื่องร้องเรียน", "", "", "", "จำนวนเรื่องค้าง", "จำนวน", "<= 5"],
        ]),
    ]);

    [Fact]
    public async Task The_plan_template_downloads_from_the_plan_page_as_a_workbook_whose_example_previews()
    {
        var cast = await StartAsync(DatabaseEngine.Sqlite);
        await using var app = cast.App;
        var coordinator = await app.SignedInAsync("coordinator");
        var page = await coordinator.GetStringAsync(Plan);
        Assert.Contains("href=\"/agencies/spm/plan/template.xlsx\"", page, StringComparison.Ordinal);

        var response = await coordinator.GetAsync(Plan + "/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sheets.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var names = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["แผน", "รายการ", "คำอธิบาย"], names);
        }
        var items = Sheets.ReadXlsx(bytes, "ลำดับ");
        Assert.Equal(["ระดับ", "ลำดับ", "ชื่อรายการ", "เป้าหมาย", "วัตถุประสงค์", "หน่วยงานผู้รับผิดชอบ", "ตัวชี้วัด", "ชนิดตัวชี้วัด", "ค่าเป้าหมาย"], items.Header.Take(9));
        Assert.Matches("^งบประมาณ 25[0-9]{2}$", items.Header[9]);
        Assert.Matches("^แหล่งงบประมาณ 25[0-9]{2}$", items.Header[10]);

        // Its example rows are a plan: uploaded as downloaded, it previews.
        var preview = await UploadAsync(coordinator, Plan + "?handler=preview", "file", "template.xlsx", bytes);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var shown = await preview.Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-preview\"", shown, StringComparison.Ordinal);
        Assert.Contains("ยุทธศาสตร์ (1) → โครงการ (1)", shown, StringComparison.Ordinal);

        // Someone who may not read the agency gets no template.
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/agencies/no-such-agency/plan/template.xlsx")).StatusCode);
    }

    [Fact]
    public async Task A_filled_template_previews_the_same_plan_as_its_json_and_imports()
    {
        var cast = await StartAsync(DatabaseEngine.Sqlite);
        await using var app = cast.App;
        var coordinator = await app.SignedInAsync("coordinator");

        // The same plan, read by the contract from both.
        var (converted, _) = PlanSheet.ToJson(Workbook());
        Assert.Equal(PlanJson.Write(PlanJson.Read(Json)), PlanJson.Write(PlanJson.Read(converted)));

        var fromJson = await UploadAsync(coordinator, Plan + "?handler=preview", "file", "plan.json", Encoding.UTF8.GetBytes(Json));
        var fromSheet = await UploadAsync(coordinator, Plan + "?handler=preview", "file", "plan.xlsx", Workbook());
        Assert.Equal(HttpStatusCode.OK, fromJson.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromSheet.StatusCode);
        var jsonPage = await fromJson.Content.ReadAsStringAsync();
        var sheetPage = await fromSheet.Content.ReadAsStringAsync();
        Assert.Contains("มิติ (1) → แผนงาน (1) → โครงการ (2)", sheetPage, StringComparison.Ordinal);
        Assert.Contains("2569: 20,000", sheetPage, StringComparison.Ordinal);
        Assert.Equal(PreviewTree().Match(jsonPage).Value, PreviewTree().Match(sheetPage).Value);
        Assert.Contains("สำนักปลัด, กองคลัง", PreviewTree().Match(sheetPage).Value, StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().ToListAsync()));

        // The confirmation sends back what the preview read, and the import is the JSON file's.
        var json = WebUtility.HtmlDecode(HiddenJson().Match(sheetPage).Groups[1].Value);
        var token = await TestApp.AntiforgeryTokenAsync(coordinator, "/account/login");
        using var confirm = new MultipartFormDataContent { { new StringContent(json), "json" }, { new StringContent(token), "__RequestVerificationToken" } };
        var imported = await coordinator.PostAsync(Plan + "?handler=import", confirm);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var plans = await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().OrderBy(p => p.FirstYear).ToListAsync());
        Assert.Equal([(2568, 2568), (2569, 2570)], plans.Select(p => (p.FirstYear, p.LastYear)));
        Assert.Equal(["k1.1.1-1", "k1.1.1-2", "k1.1.2-1"], plans[1].Plan().Kpis().Select(k => k.Kpi.Id));
    }

    [Fact]
    public async Task A_bad_target_is_a_400_naming_its_sheet_row_and_column_and_nothing_is_written()
    {
        var cast = await StartAsync(DatabaseEngine.Sqlite);
        await using var app = cast.App;
        var coordinator = await app.SignedInAsync("coordinator");

        var refused = await UploadAsync(coordinator, Plan + "?handler=preview", "file", "plan.xlsx", Workbook(target: "ประมาณแปดสิบ"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("แผ่นงาน รายการ แถว 4 คอลัมน์ ค่าเป้าหมาย (I)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"import-preview\"", page, StringComparison.Ordinal);

        // A fault the plan's rules find (a percentage over 100) names the row too.
        var over = await UploadAsync(coordinator, Plan + "?handler=preview", "file", "plan.xlsx", Workbook(target: ">= 120"));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("แผ่นงาน รายการ แถว 4", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Single(await app.WithDbAsync(db => db.ActionPlans.AsNoTracking().ToListAsync()));
    }

    [GeneratedRegex("<ul class=\"plan-tree preview-tree\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex PreviewTree();

    [GeneratedRegex("name=\"json\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenJson();
}
