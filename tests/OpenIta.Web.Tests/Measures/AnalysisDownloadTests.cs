using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenIta.Data;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>The analysis document from the web: /agencies/{slug}/results/{year}/analysis.{docx|pdf|xlsx}.</summary>
public sealed class AnalysisDownloadTests
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private const string Analysis = "/agencies/spm/results/2565/analysis";

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_DOCX_of_seed_000_has_its_total_and_a_Thai_file_name(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine, withQuestions: false);
        var viewer = await app.SignedInAsync("viewer");

        var response = await viewer.GetAsync(Analysis + ".docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("วิเคราะห์ผล ITA spm 2565.docx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);

        await using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var entry = zip.GetEntry("word/document.xml");
        Assert.NotNull(entry);
        using var reader = new StreamReader(await entry.OpenAsync());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("89.21", xml, StringComparison.Ordinal);
        // A Thai document is headed with the agency's Thai name only: the English name is not under it.
        Assert.Contains("หน่วยงาน spm", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Agency spm", xml, StringComparison.Ordinal);

        // Thai digits on request.
        var thai = await viewer.GetAsync(Analysis + ".docx?digits=thai");
        await using var thaiZip = new ZipArchive(await thai.Content.ReadAsStreamAsync());
        using var thaiReader = new StreamReader(await thaiZip.GetEntry("word/document.xml")!.OpenAsync());
        Assert.Contains("๘๙.๒๑", await thaiReader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_XLSX_opens_and_unreadable_agencies_are_not_found(DatabaseEngine engine)
    {
        await using var app = await StartAsync(engine, withQuestions: false);
        var oversight = await app.SignedInAsync("oversight");

        var response = await oversight.GetAsync(Analysis + ".xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using (var workbook = SpreadsheetDocument.Open(stream, false))
        {
            Assert.NotEmpty(workbook.WorkbookPart!.WorksheetParts);
        }

        var stranger = await app.SignedInAsync("stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Analysis + ".docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Analysis + ".xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync("/agencies/spm/results/2564/analysis.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync(Analysis + ".txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync("/agencies/nobody/results/2565/analysis.docx")).StatusCode);
        var anonymous = await app.Client().GetAsync(Analysis + ".docx");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode); // to the sign-in page

        // The result page links the documents and the measures.
        var page = await oversight.GetStringAsync("/agencies/spm/results/2565");
        Assert.Contains("href=\"/agencies/spm/results/2565/analysis.docx\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/agencies/spm/results/2565/analysis.pdf?digits=thai\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/agencies/spm/results/2565/measures\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_Chromium_the_PDF_is_a_503_that_says_so()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite, withQuestions: false);
        await using var noChromium = app.WithWebHostBuilder(b => b.UseSetting("Reports:Chromium", "/nonexistent/chromium"));
        var client = noChromium.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(client, "viewer", TestApp.Password)).StatusCode);

        var response = await client.GetAsync(Analysis + ".pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Chromium", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_Chromium_the_PDF_is_printed()
    {
        if (!File.Exists("/usr/bin/chromium"))
        {
            return; // the 503 is tested above; printing needs the Debian package
        }
        await using var app = await StartAsync(DatabaseEngine.Sqlite, withQuestions: false);
        var viewer = await app.SignedInAsync("viewer");
        var response = await viewer.GetAsync(Analysis + ".pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }
}
