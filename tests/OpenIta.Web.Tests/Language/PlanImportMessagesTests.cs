using System.Net;
using System.Text;
using OpenIta.Data;
using OpenIta.Web.Tests.Plans;
using Xunit;

namespace OpenIta.Web.Tests.Language;

/// <summary>
/// Issue 10: a plan file the import refuses is explained on the Thai page in Thai, naming the place in words
/// ("รายการที่ 1 › รายการย่อยที่ 1 › …"), with no English sentence or JSON path a reader sees (the rule:
/// <see cref="ThaiText"/>); the path stays the machine's, on the error's <c>data-field</c>. English on the switch.
/// </summary>
public sealed class PlanImportMessagesTests
{
    private const string Local = """
        {"title": "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)", "fiscalYears": [2569, 2570], "levels": ["มิติ", "แผนงาน", "โครงการ"],
         "items": [{"number": "1", "title": "มิติที่ 1", "items": [{"number": "1.1", "title": "แผนงานบริหารทั่วไป",
           "items": [{"number": "1.1.1", "title": "โครงการเผยแพร่ข้อมูล", "owners": ["สำนักปลัด"],
             "budgets": [{"fiscalYear": 2569, "planned": 20000, "source": "own"}, {"fiscalYear": 2570, "planned": 25000, "source": "own"}]}]}]}]}
        """;

    public static TheoryData<string, string, string, string, string> Faults => new()
    {
        // (what is changed, the JSON path, the Thai a reader sees, the English on the switch)
        {
            "\"planned\": 20000", "\"planned\": \"ยี่สิบ\"", "items[0].items[0].items[0].budgets[0].planned",
            "รายการที่ 1 › รายการย่อยที่ 1 › รายการย่อยที่ 1 › งบประมาณลำดับที่ 1 › วงเงินที่ตั้งไว้: \"ยี่สิบ\" ไม่ใช่ตัวเลข",
            "item 1 › sub-item 1 › sub-item 1 › budget 1 › planned amount: \"ยี่สิบ\" is not a number"
        },
        {
            "\"number\": \"1.1.1\"", "\"number\": \"1.1\"", "items[0].items[0].items[0].number",
            "รายการที่ 1 › รายการย่อยที่ 1 › รายการย่อยที่ 1 › เลขที่รายการ: เลขที่รายการ 1.1 ซ้ำ (ซ้ำกับรายการที่ 1 › รายการย่อยที่ 1)",
            "item number 1.1 is used twice (also item 1 › sub-item 1)"
        },
        {
            "\"source\": \"own\"}, {", "\"source\": \"mine\"}, {", "items[0].items[0].items[0].budgets[0].source",
            "รายการที่ 1 › รายการย่อยที่ 1 › รายการย่อยที่ 1 › งบประมาณลำดับที่ 1 › แหล่งงบประมาณ: \"mine\" ใช้ไม่ได้ ใช้ได้: own (งบประมาณของหน่วยงาน) · other-unit (งบประมาณของหน่วยงานอื่น)",
            "\"mine\" is not one of own, other-unit, none, not-allocated"
        },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_refused_plan_file_is_explained_in_Thai_naming_the_place_in_words_not_the_json_path(
        string from, string to, string path, string thai, string english)
    {
        var cast = await PlansKit.StartAsync(DatabaseEngine.Sqlite);
        await using var app = cast.App;
        var coordinator = await app.SignedInAsync("coordinator");
        var bad = Encoding.UTF8.GetBytes(Local.Replace(from, to, StringComparison.Ordinal));

        var refused = await PlansKit.UploadAsync(coordinator, PlansKit.Plan + "?handler=preview", "file", "bad.json", bad);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        var visible = ThaiText.Visible(html);
        Assert.Contains("ไฟล์นี้นำเข้าไม่ได้ ที่ " + thai, WebUtility.HtmlDecode(visible), StringComparison.Ordinal);
        Assert.Empty(ThaiText.Problems(visible));
        Assert.DoesNotContain(path, visible, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"{path}\"", html, StringComparison.Ordinal);

        coordinator.DefaultRequestHeaders.Add("Cookie", "lang=en");
        var inEnglish = await PlansKit.UploadAsync(coordinator, PlansKit.Plan + "?handler=preview", "file", "bad.json", bad);
        Assert.Contains(english, WebUtility.HtmlDecode(await inEnglish.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
