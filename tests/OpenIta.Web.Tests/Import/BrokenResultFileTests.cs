using System.Net;
using System.Text;
using OpenIta.Data.Users;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;

namespace OpenIta.Web.Tests.Import;

/// <summary>
/// Broken results files: each is refused with an error that names the row and column, and nothing is saved, not even
/// the file's good rows (the database holds one earlier result, which must stay as it was).
/// </summary>
public sealed class BrokenResultFileTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        await _app.AddAgencyAsync("spm");
        await _app.AddAgencyAsync("opdc");
        await _app.AddAgencyAsync("tceb");
        await _app.AddAgencyAsync("hidden");
        await _app.AddUserAsync("coordinator", false, ("spm", Role.Coordinator), ("opdc", Role.Coordinator), ("tceb", Role.Viewer));
        _client = await _app.SignedInAsync("coordinator");
        var earlier = await ImportFiles.PostPageAsync(_client, "/import", ImportFiles.Csv(ImportFiles.Opdc2566Header, ImportFiles.Opdc2566));
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Imports <paramref name="file"/>, expects it refused with <paramref name="status"/>, nothing changed, and returns the page's text.</summary>
    private async Task<string> RefusedAsync(byte[] file, HttpStatusCode status = HttpStatusCode.BadRequest, string fileName = "results.csv")
    {
        var results = await ImportFiles.CountResultsAsync(_app);
        var scores = await ImportFiles.CountScoresAsync(_app);

        var response = await ImportFiles.PostPageAsync(_client, "/import", file, fileName);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(results, await ImportFiles.CountResultsAsync(_app));
        Assert.Equal(scores, await ImportFiles.CountScoresAsync(_app));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("id=\"import-errors\"", page, StringComparison.Ordinal);
        Assert.Contains("ไม่มีข้อมูลใดถูกบันทึก", page, StringComparison.Ordinal);
        return page;
    }

    /// <summary>The error table's row for (row, column): "<td class="num">3</td><td>indicator_2 (D)</td><td>message</td>".</summary>
    private static void AssertError(string page, int row, string column, string message)
    {
        var cells = System.Text.RegularExpressions.Regex.Replace(page, @"\s*\n\s*", "");
        var expected = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<td class=\"num\">{row}</td><td>{column}</td><td>");
        var at = cells.IndexOf(expected, StringComparison.Ordinal);
        Assert.True(at >= 0, $"No error at row {row}, column {column} in:\n{cells}");
        var end = cells.IndexOf("</td>", at + expected.Length, StringComparison.Ordinal);
        Assert.Contains(message, cells[(at + expected.Length)..end], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_columns_are_named_with_their_letter()
    {
        var header = ImportFiles.Header.Replace("indicator_10", "indicator_11", StringComparison.Ordinal) + ",score";
        var page = await RefusedAsync(ImportFiles.Csv(header, ImportFiles.Spm2565 + ",90"));
        AssertError(page, 1, "indicator_11 (L)", "ไม่รู้จักคอลัมน์ 'indicator_11'");
        AssertError(page, 1, "score (R)", "ไม่รู้จักคอลัมน์ 'score'");
    }

    [Fact]
    public async Task A_file_without_the_agency_or_fiscal_year_column_is_refused()
    {
        var page = await RefusedAsync(ImportFiles.Csv("indicator_1,indicator_2", "90,91"));
        AssertError(page, 1, "agency", "ไม่มีคอลัมน์ agency");
        AssertError(page, 1, "fiscal_year", "ไม่มีคอลัมน์ fiscal_year");
    }

    [Fact]
    public async Task Thai_text_in_a_number_cell_is_refused_and_thai_digits_are_not()
    {
        var page = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header,
            ImportFiles.Spm2565,
            "opdc,2565,๘๕.๘๔,เจ็ดสิบสี่,78.71,74.27,75.26,90.94,85.74,82.34,100,100,,,,,"));
        AssertError(page, 3, "indicator_2 (D)", "'เจ็ดสิบสี่' เป็นข้อความภาษาไทย ไม่ใช่ตัวเลข");
        Assert.DoesNotContain("<td>indicator_1 (C)</td>", page, StringComparison.Ordinal); // ๘๕.๘๔ is read as 85.84
    }

    [Fact]
    public async Task Thai_digits_are_read_as_digits()
    {
        var response = await ImportFiles.PostPageAsync(_client, "/import", ImportFiles.Csv(ImportFiles.Header,
            "spm,๒๕๖๕,๘๕.๘๔,๗๔.๓๐,๗๘.๗๑,๗๔.๒๗,๗๕.๒๖,๙๐.๙๔,๘๕.๗๔,๘๒.๓๔,๑๐๐,๑๐๐,๘๙.๒๑,,,,A"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<td class=\"num\">89.21</td>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_score_over_100_is_refused()
    {
        var page = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header,
            ImportFiles.Spm2565.Replace("74.30", "101.5", StringComparison.Ordinal)));
        AssertError(page, 2, "indicator_2 (D)", "คะแนน 101.5 อยู่นอกช่วง 0 ถึง 100");
    }

    [Fact]
    public async Task A_comma_as_decimal_mark_is_refused_with_a_hint()
    {
        var page = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header.Replace(",", ";", StringComparison.Ordinal),
            ImportFiles.Spm2565.Replace(",", ";", StringComparison.Ordinal).Replace("74.30", "74,30", StringComparison.Ordinal)));
        AssertError(page, 2, "indicator_2 (D)", "ให้ใช้จุด (.) เป็นจุดทศนิยม");
    }

    [Fact]
    public async Task The_same_agency_and_year_twice_is_refused()
    {
        var page = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565, "", ImportFiles.Spm2565));
        AssertError(page, 4, "agency (A)", "หน่วยงาน spm ปี 2565 ซ้ำกับแถว 2");
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var empty = await RefusedAsync([]);
        Assert.Contains("ไฟล์ว่างเปล่า", empty, StringComparison.Ordinal);

        var onlyHeader = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header));
        Assert.Contains("ไฟล์ไม่มีผลคะแนนให้นำเข้า", onlyHeader, StringComparison.Ordinal);

        var blankTemplate = await RefusedAsync(ImportFiles.Csv("agency,agency_name,fiscal_year,indicator_1", "spm,สลน.,2565,", "opdc,ก.พ.ร.,2565,"));
        Assert.Contains("ไฟล์ไม่มีผลคะแนนให้นำเข้า", blankTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused_before_it_is_read()
    {
        var line = Encoding.UTF8.GetBytes(ImportFiles.Spm2565 + "\r\n");
        var file = new byte[10 * 1024 * 1024 + 1];
        for (var at = 0; at < file.Length; at += line.Length)
        {
            Array.Copy(line, 0, file, at, Math.Min(line.Length, file.Length - at));
        }
        var page = await RefusedAsync(file, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("ไฟล์ใหญ่เกิน 10 MB", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_10_MB_sent_without_a_length_is_cut_off()
    {
        var results = await ImportFiles.CountResultsAsync(_app);
        var token = await TestApp.AntiforgeryTokenAsync(_client, "/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StreamContent(new UnsizedStream(11 * 1024 * 1024)), "file", "big.csv" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/import") { Content = new ChunkedContent(form) };

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("ไฟล์ใหญ่เกิน 10 MB", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(results, await ImportFiles.CountResultsAsync(_app));
    }

    [Fact]
    public async Task An_agency_the_user_may_not_change_is_refused()
    {
        var page = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header,
            ImportFiles.Spm2565,
            ImportFiles.Spm2565.Replace("spm,", "tceb,", StringComparison.Ordinal),
            ImportFiles.Spm2565.Replace("spm,", "hidden,", StringComparison.Ordinal),
            ImportFiles.Spm2565.Replace("spm,", "nowhere,", StringComparison.Ordinal)));
        AssertError(page, 3, "agency (A)", "ท่านไม่มีสิทธิ์นำเข้าผลคะแนนของ หน่วยงาน tceb (tceb)");
        // An agency the user may not even read is as unknown as one that does not exist: slugs cannot be probed.
        AssertError(page, 4, "agency (A)", "ไม่พบหน่วยงานรหัส 'hidden'");
        AssertError(page, 5, "agency (A)", "ไม่พบหน่วยงานรหัส 'nowhere'");
    }

    [Fact]
    public async Task A_year_without_a_methodology_and_a_common_era_year_are_refused()
    {
        var page = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header,
            ImportFiles.Spm2565.Replace(",2565,", ",2580,", StringComparison.Ordinal),
            ImportFiles.Spm2565.Replace("spm,2565,", "opdc,2022,", StringComparison.Ordinal),
            ImportFiles.Spm2565.Replace("spm,2565,", "opdc,,", StringComparison.Ordinal)));
        AssertError(page, 2, "fiscal_year (B)", "ยังไม่มีเกณฑ์การประเมินของปี 2580");
        AssertError(page, 3, "fiscal_year (B)", "2022 ไม่ใช่ปีงบประมาณ พ.ศ.");
        AssertError(page, 4, "fiscal_year (B)", "ไม่ได้ระบุปีงบประมาณ");
    }

    [Fact]
    public async Task Levels_that_contradict_each_other_are_refused_at_the_column_the_engine_names()
    {
        var page = await RefusedAsync(ImportFiles.Csv(ImportFiles.Header + ",IIT,EIT1",
            ImportFiles.Spm2565 + ",90,",
            ImportFiles.Spm2565.Replace("spm,", "opdc,", StringComparison.Ordinal) + ",,80"));
        AssertError(page, 2, "IIT (R)", "ข้อมูลขัดกัน: ให้ค่า 90.00 แต่");
        AssertError(page, 2, "IIT (R)", "ได้ 77.68");
        AssertError(page, 3, "EIT1 (S)", "ปีงบประมาณ พ.ศ. 2565 ประเมิน EIT เป็นเครื่องมือเดียว");
    }

    [Fact]
    public async Task A_csv_that_is_not_utf8_nor_thai_is_refused_with_save_as_utf8()
    {
        var latin1 = Encoding.Latin1.GetBytes(ImportFiles.Header + "\r\n" + ImportFiles.Spm2565.Replace(",A", ",Grüne", StringComparison.Ordinal));
        var page = await RefusedAsync(latin1);
        Assert.Contains("CSV UTF-8", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_xls_file_is_refused_with_save_as_xlsx()
    {
        var page = await RefusedAsync([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], fileName: "results.xls");
        Assert.Contains("Excel รุ่นเก่า (.xls)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_xlsx_is_refused()
    {
        var xlsx = ImportFiles.Spm2565Xlsx();
        var page = await RefusedAsync(xlsx[..(xlsx.Length / 2)], fileName: "results.xlsx");
        Assert.Contains("อ่านไฟล์ XLSX นี้ไม่ได้", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        using var form = ImportFiles.Form(ImportFiles.Csv(ImportFiles.Header, ImportFiles.Spm2565), "results.csv");
        var response = await _client.PostAsync("/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await ImportFiles.CountResultsAsync(_app));
    }

    /// <summary>A stream of CSV-looking bytes whose length is not known in advance.</summary>
    private sealed class UnsizedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)'1', offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Sends another content without a Content-Length (Transfer-Encoding: chunked).</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent _inner;

        public ChunkedContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers.Where(h => h.Key != "Content-Length"))
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
