using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Surveys;
using OpenIta.Testing;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Surveys;

/// <summary>
/// EIT part 2 from a workbook (issue 12, item 5): the assessor downloads the round's template, fills it offline and
/// uploads it; every row is checked first and the batch is stored whole or not at all, each response recording the
/// assessor; every mistake names the sheet, the row and the column.
/// </summary>
public sealed class Eit2FileTests
{
    private const int Year = 2567;
    private const string Entry = "/agencies/spm/assessments/2567/eit2";

    private static async Task<(TestApp App, int RoundId, string AssessorId, HttpClient Assessor)> StartWithRoundAsync(DatabaseEngine engine = DatabaseEngine.Sqlite)
    {
        var app = await StartAsync(engine);
        var round = await SurveyFixtures.OpenRoundAsync(app, "spm", Year, SurveyFixtures.Fy2567, 151, 1000);
        var assessorId = await app.AddAssessorAsync("assessor.prov", "prov", Year);
        return (app, round.Id, assessorId, await app.SignedInAsync("assessor.prov"));
    }

    /// <summary>Posts a file to the upload of the entry page with the page's anti-forgery token, as the form does.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName = "eit2.xlsx")
    {
        var token = await TestApp.AntiforgeryTokenAsync(client, Entry);
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(Sheets.XlsxContentType);
        form.Add(content, "file", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(Entry + "?handler=file", form);
    }

    /// <summary>A workbook as a person fills the template: the codes, the template's text row, then the given rows.</summary>
    private static byte[] Filled(params object?[][] rows)
    {
        var sheet = new List<IReadOnlyList<object?>>
        {
            new object?[] { "ep1", "ep2", "ep3" },
            new object?[] { "ผู้ประเมิน 1", "ผู้ประเมิน 2", "ผู้ประเมิน 3" },
        };
        sheet.AddRange(rows);
        return Sheets.WriteXlsx([new SheetContent("คำตอบ", sheet)]);
    }

    private static async Task<string> PageTextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static Task<int> CountAsync(TestApp app) => app.WithDbAsync(db => db.SurveyResponses.CountAsync());

    [Fact]
    public async Task The_template_downloads_with_the_questionnaires_eit2_codes_texts_and_options()
    {
        var (app, _, _, assessor) = await StartWithRoundAsync();
        await using var _ = app;
        var html = await assessor.GetStringAsync(Entry);
        Assert.Contains("href=\"" + Entry + "?handler=template\"", html, StringComparison.Ordinal);

        var download = await assessor.GetAsync(Entry + "?handler=template");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Sheets.XlsxContentType, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("openita-eit2-spm-2567.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        var workbook = await download.Content.ReadAsByteArrayAsync();

        var responses = Sheets.ReadXlsx(workbook, "ep1");
        Assert.Equal("คำตอบ", responses.Name);
        Assert.Equal(["ep1", "ep2", "ep3"], responses.Header);
        Assert.Equal(["ผู้ประเมิน 1", "ผู้ประเมิน 2", "ผู้ประเมิน 3"], responses.Rows[0].Cells);
        var questions = Sheets.ReadXlsx(workbook, "รหัส");
        Assert.Equal("ข้อคำถาม", questions.Name);
        Assert.Equal(["ep1", "ผู้ประเมิน 1", "1 = น้อยที่สุด, 2 = น้อย, 3 = มาก, 4 = มากที่สุด"], questions.Rows[0].Cells);
        Assert.Equal(["ep1", "ep2", "ep3"], questions.Rows.Select(r => r.Cell(0)));

        // The template as downloaded has no answers: its text row is not taken for a response.
        var empty = await UploadAsync(assessor, workbook);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("แผ่น \"คำตอบ\" ยังไม่มีคำตอบ", await PageTextAsync(empty), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.Postgres)]
    public async Task A_filled_file_stores_each_answered_row_as_a_response_recording_the_assessor(DatabaseEngine engine)
    {
        var (app, roundId, assessorId, assessor) = await StartWithRoundAsync(engine);
        await using var _ = app;
        var file = Filled(
            [4, 3, 4],
            [null, null, null],          // blank: skipped
            ["๒", "มาก", 1],              // Thai digits and an option's text are the values they name
            [1, 1, 1],
            [],
            [2, 2, 2]);

        var saved = await UploadAsync(assessor, file);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Entry + "?saved=4", saved.Headers.Location?.OriginalString);
        var rows = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.RoundId == roundId).ToListAsync());
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal((Instrument.Eit2, assessorId), (r.Instrument, r.EnteredBy)));
        Assert.Equal(
            ["1,1,1", "2,2,2", "2,3,1", "4,3,4"],
            rows.Select(r => string.Join(',', r.Answers)).Order(StringComparer.Ordinal));
        var page = await assessor.GetStringAsync(Entry + "?saved=4");
        Assert.Contains("<strong>4</strong>", page, StringComparison.Ordinal);
        Assert.Contains("บันทึกแล้ว 4 ชุด", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_bad_cells_stores_nothing_and_each_error_names_the_sheet_row_and_column()
    {
        var (app, _, _, assessor) = await StartWithRoundAsync();
        await using var _ = app;
        var file = Filled(
            [4, 3, 4],  // row 3
            [4, 3, 4],
            [4, 3, 4],
            [4, 3, 4],
            [4, 3, 9],  // row 7: no option 9 for ep3 (column C)
            [4, null, 4]); // row 8: ep2 (column B) not answered

        var refused = await UploadAsync(assessor, file);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await PageTextAsync(refused);
        Assert.Contains("ไม่ได้บันทึกคำตอบใดเลย", text, StringComparison.Ordinal);
        Assert.Contains("แผ่น \"คำตอบ\" แถว 7 คอลัมน์ C (ep3): ข้อ ep3 ไม่มีตัวเลือก \"9\"", text, StringComparison.Ordinal);
        Assert.Contains("แผ่น \"คำตอบ\" แถว 8 คอลัมน์ B (ep2): ยังไม่ได้ตอบข้อ ep2", text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));

        // English on the language switch.
        assessor.DefaultRequestHeaders.Add("Cookie", "lang=en");
        var english = await PageTextAsync(await UploadAsync(assessor, file));
        Assert.Contains("sheet \"คำตอบ\", row 7, column C (ep3): \"9\" is not an option of ep3", english, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));
    }

    [Fact]
    public async Task A_header_that_is_not_the_questionnaires_is_refused_naming_the_column()
    {
        var (app, _, _, assessor) = await StartWithRoundAsync();
        await using var _ = app;
        var file = Sheets.WriteXlsx([new SheetContent("แผ่นของฉัน", [new object?[] { "ep1", "ep2", "ep9" }, new object?[] { 1, 1, 1 }])]);
        var refused = await UploadAsync(assessor, file);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await PageTextAsync(refused);
        Assert.Contains("แผ่น \"แผ่นของฉัน\" แถว 1 คอลัมน์ C (ep9): แบบสอบถามนี้ไม่มีข้อ ep9", text, StringComparison.Ordinal);
        Assert.Contains("แผ่น \"แผ่นของฉัน\" แถว 1: ไม่มีคอลัมน์ของข้อ ep3", text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));
    }

    [Fact]
    public async Task More_rows_than_a_batch_takes_are_refused_in_thai_and_nothing_is_stored()
    {
        var (app, _, _, assessor) = await StartWithRoundAsync();
        await using var _ = app;
        var rows = Enumerable.Range(0, SurveyResponses.MaxBatch + 1).Select(_ => new object?[] { 1, 2, 3 }).ToArray();
        var refused = await UploadAsync(assessor, Filled(rows));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"แผ่น \"คำตอบ\" แถว {SurveyResponses.MaxBatch + 3}: ส่งได้ครั้งละไม่เกิน {SurveyResponses.MaxBatch} คน", await PageTextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_or_too_large_is_a_thai_4xx_page_never_a_500()
    {
        var (app, _, _, assessor) = await StartWithRoundAsync();
        await using var _ = app;

        var csv = await UploadAsync(assessor, Encoding.UTF8.GetBytes("ep1,ep2,ep3\n1,2,3\n"), "eit2.csv");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Contains("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx)", await PageTextAsync(csv), StringComparison.Ordinal);

        var broken = await UploadAsync(assessor, [.. "PK\u0003\u0004"u8, .. new byte[200]]);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("อ่านไฟล์ XLSX นี้ไม่ได้", await PageTextAsync(broken), StringComparison.Ordinal);

        var large = await UploadAsync(assessor, new byte[Sheets.MaxFileBytes + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        var text = await PageTextAsync(large);
        Assert.Contains("ไฟล์ใหญ่เกิน 10 MB", text, StringComparison.Ordinal);
        Assert.Contains("id=\"file-errors\"", text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));
    }

    [Fact]
    public async Task Only_the_groups_assessor_of_the_year_downloads_or_uploads_and_the_forms_need_their_token()
    {
        var (app, _, _, assessor) = await StartWithRoundAsync();
        await using var _ = app;
        await app.AddAssessorAsync("lastyear", "prov", Year - 1);
        var file = Filled([1, 2, 3]);
        foreach (var (user, status) in new[] { ("coordinator", HttpStatusCode.Forbidden), ("lastyear", HttpStatusCode.Forbidden), ("stranger", HttpStatusCode.NotFound) })
        {
            var client = await app.SignedInAsync(user);
            Assert.Equal(status, (await client.GetAsync(Entry + "?handler=template")).StatusCode);
            // Their own token (of a page they may read): the refusal is the permission, not the token.
            var token = await TestApp.AntiforgeryTokenAsync(client, "/");
            using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "eit2.xlsx" }, { new StringContent(token), "__RequestVerificationToken" } };
            Assert.Equal(status, (await client.PostAsync(Entry + "?handler=file", form)).StatusCode);
        }

        // The assessor without the form's token: refused, nothing stored (the page checks tokens itself).
        using (var noToken = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "eit2.xlsx" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await assessor.PostAsync(Entry + "?handler=file", noToken)).StatusCode);
        }
        var form2 = new FormUrlEncodedContent(new Dictionary<string, string> { ["rows"] = "1", ["r0.ep1"] = "1", ["r0.ep2"] = "1", ["r0.ep3"] = "1" });
        var batch = await assessor.PostAsync(Entry, form2);
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Contains("แบบฟอร์มหมดอายุ", await PageTextAsync(batch), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));
    }
}
