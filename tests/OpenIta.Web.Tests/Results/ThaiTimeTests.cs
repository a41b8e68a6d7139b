using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Testing;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;
using static OpenIta.Web.Tests.Results.ResultPagesTests;

namespace OpenIta.Web.Tests.Results;

/// <summary>Issue 8: between 00:00 and 06:59 in Bangkok, pages and documents said yesterday (UTC's date).</summary>
public sealed class ThaiTimeTests
{
    private static readonly FixedClock AfterMidnightInBangkok = new(FixedClock.BangkokAfterMidnight);

    [Fact]
    public async Task The_result_page_shows_the_day_it_was_saved_in_Thailand()
    {
        await using var app = await TestApp.StartAsync(DatabaseEngine.Sqlite);
        await app.AddAgencyAsync("spm");
        await app.AddUserAsync("admin", true);
        await app.WithDbAsync(async db => await ResultStore.StageAsync(db, await db.Agencies.SingleAsync(a => a.Slug == "spm"),
            Example("spm-2565.json"), "test", AfterMidnightInBangkok, FrameworkCatalog.BuiltIn));
        var admin = await app.SignedInAsync("admin");

        var page = await admin.GetStringAsync("/agencies/spm/results/2565");

        Assert.Contains("3 ธันวาคม 2569", page, StringComparison.Ordinal);
        Assert.DoesNotContain("2 ธันวาคม 2569", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_analysis_document_is_dated_by_Thailand_s_clock()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite, withQuestions: false);
        await using var atNight = app.WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(AfterMidnightInBangkok)));
        var client = atNight.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(client, "viewer", TestApp.Password)).StatusCode);

        var response = await client.GetAsync("/agencies/spm/results/2565/analysis.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        var text = string.Join("\n", document.MainDocumentPart!.Document.Body!
            .Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));

        Assert.Contains("3 ธันวาคม 2569", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2 ธันวาคม 2569", text, StringComparison.Ordinal);
    }
}
