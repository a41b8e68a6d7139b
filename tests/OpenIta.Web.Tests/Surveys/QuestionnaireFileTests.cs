using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Tests.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// An administrator defines a year's questionnaire by downloading it (YAML or XLSX in the XLSForm spirit), editing it and
/// uploading it again: checked, with every mistake naming the sheet, row and column, and kept as a new version.
/// </summary>
public sealed class QuestionnaireFileTests
{
    private const string Page = "/admin/questionnaires?year=2564";

    /// <summary>The version's workbook, uploaded unchanged, made a second version that differed from the first only in
    /// the YAML's comments and line folding, and the page said "saved as version 2": it now says that the file is the
    /// newest version and saves nothing; a workbook with one question's text changed makes a new version.</summary>
    [Fact]
    public async Task A_yaml_upload_makes_a_version_and_its_workbook_uploaded_again_makes_none_until_it_is_changed()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddUserAsync("admin", administrator: true);
        var admin = await app.SignedInAsync("admin");

        var yaml = await ImportFiles.PreviewPageAsync(admin, Page, Encoding.UTF8.GetBytes(SurveyFixtures.DemoQuestionnaire), "demo.yaml");
        Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
        Assert.Contains("questionnaire-added", await yaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var download = await admin.GetAsync("/admin/questionnaires/download?year=2564&format=xlsx&version=1");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var workbook = await download.Content.ReadAsByteArrayAsync();
        var again = await ImportFiles.PreviewPageAsync(admin, Page, workbook, "demo.xlsx");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await again.Content.ReadAsStringAsync();
        Assert.Contains("id=\"questionnaire-same\"", page, StringComparison.Ordinal);
        Assert.Contains("ไม่มีฉบับใหม่: ไฟล์นี้คือฉบับที่ 1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("questionnaire-added", page, StringComparison.Ordinal);
        Assert.Equal([1], await app.WithDbAsync(db => db.Questionnaires.Select(q => q.Number).ToListAsync()));

        // One question's Thai text changed in the workbook: a new version, the same in every other question and answer.
        var sheets = QuestionnaireSheets.ToSheets(SurveyFixtures.DemoQuestionnaire);
        var survey = sheets.Single(sheet => sheet.Sheet == QuestionnaireSheets.Survey).Rows;
        var item = survey.Select((row, i) => (row, i)).First(r => r.row[0] is string type && type.StartsWith("select_one", StringComparison.Ordinal)).i;
        var edited = Sheets.WriteXlsx([.. sheets.Select(sheet => new SheetContent(sheet.Sheet, [.. sheet.Rows.Select((row, i) =>
            sheet.Sheet == QuestionnaireSheets.Survey && i == item ? (IReadOnlyList<object?>)[.. row.Select((cell, c) => c == 2 ? cell + " (ฉบับแก้ไข)" : cell)] : row)]))]);
        var changed = await ImportFiles.PreviewPageAsync(admin, Page, edited, "edited.xlsx");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("id=\"questionnaire-added\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var versions = await app.WithDbAsync(db => db.Questionnaires.OrderBy(q => q.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        var first = Questionnaires.Read(FrameworkCatalog.BuiltIn, versions[0]);
        var second = Questionnaires.Read(FrameworkCatalog.BuiltIn, versions[1]);
        var before = Describe(first, Instrument.Iit).Concat(Describe(first, Instrument.Eit)).ToList();
        var after = Describe(second, Instrument.Iit).Concat(Describe(second, Instrument.Eit)).ToList();
        Assert.Equal(before.Count, after.Count);
        Assert.Single(before.Zip(after).Where(pair => pair.First != pair.Second), pair => pair.Second.Contains(" (ฉบับแก้ไข)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrators_find_the_questionnaires_in_the_menu_and_no_one_else_does()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("admin", administrator: true);
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var admin = await app.SignedInAsync("admin");
        Assert.Contains("<a href=\"/admin/questionnaires\">แบบสอบถาม</a>", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        admin.DefaultRequestHeaders.Add("Cookie", "lang=en");
        Assert.Contains("<a href=\"/admin/questionnaires\">Questionnaires</a>", await admin.GetStringAsync("/"), StringComparison.Ordinal);
        var coordinator = await app.SignedInAsync("coordinator");
        Assert.DoesNotContain("/admin/questionnaires", await coordinator.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/questionnaires")]
    [InlineData("/admin/questionnaires?year=0")]
    [InlineData("/admin/questionnaires?year=2400")]
    [InlineData("/admin/questionnaires?year=abc")]
    public async Task An_upload_without_a_known_year_is_a_thai_400_and_keeps_nothing(string page)
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddUserAsync("admin", administrator: true);
        var admin = await app.SignedInAsync("admin");

        var refused = await ImportFiles.PreviewPageAsync(admin, page, Encoding.UTF8.GetBytes(SurveyFixtures.DemoQuestionnaire), "demo.yaml");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ไม่มีปีงบประมาณนี้ในระบบ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Questionnaires.CountAsync()));
    }

    [Fact]
    public async Task The_year_s_own_questions_without_answers_are_refused_naming_sheet_row_and_column()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddUserAsync("admin", administrator: true);
        var admin = await app.SignedInAsync("admin");

        // FY2564's framework file gives no EIT answer scale: its workbook cannot be used as it is.
        var workbook = await (await admin.GetAsync("/admin/questionnaires/download?year=2564&format=xlsx")).Content.ReadAsByteArrayAsync();
        var refused = await ImportFiles.PreviewPageAsync(admin, Page, workbook, "fy2564.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        var e11Row = QuestionnaireSheets.ToSheets(Questionnaires.BuiltIn(FrameworkCatalog.BuiltIn, 2564))
            .Single(s => s.Sheet == QuestionnaireSheets.Survey).Rows.ToList().FindIndex(r => (string?)r[1] == "E1.1") + 1;
        Assert.Matches($@"<td>survey</td>\s*<td class=""num"">{e11Row}</td>\s*<td><code>type</code></td>", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Questionnaires.CountAsync()));
    }

    [Fact]
    public async Task A_workbook_s_own_mistakes_name_their_sheet_row_and_column()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddUserAsync("admin", administrator: true);
        var admin = await app.SignedInAsync("admin");
        var workbook = Sheets.WriteXlsx([
            new SheetContent("survey", [["type", "name", "label", "instrument", "indicator"], ["select_one four", "I1", "ข้อหนึ่ง", "IIT", "one"]]),
            new SheetContent("choices", [["list_name", "name", "label", "score"], ["four", "1", "น้อย", "0"], ["four", "2", "มาก", "มาก"]]),
            new SheetContent("settings", [["fiscal_year", "note"], [2564, ""]]),
        ]);
        var refused = await ImportFiles.PreviewPageAsync(admin, Page, workbook, "bad.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches(@"<td>survey</td>\s*<td class=""num"">2</td>\s*<td><code>indicator</code></td>", html);
        Assert.Matches(@"<td>choices</td>\s*<td class=""num"">3</td>\s*<td><code>score</code></td>", html);
    }

    [Fact]
    public async Task Only_administrators_see_download_and_upload_questionnaires()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator));
        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/admin/questionnaires/download?year=2564&format=yaml")).StatusCode);
    }

    private static List<string> Describe(Questionnaire questionnaire, Instrument instrument) =>
        questionnaire.Questions(instrument).SelectMany(q => q.Items.Select(i =>
            $"{q.Code}/{q.Indicator}/{i.Code}/{i.TextTh}/{i.Reverse}/{string.Join(",", i.Scale!.Answers.Select(a => $"{a.Label}={a.Score}"))}")).ToList();
}
