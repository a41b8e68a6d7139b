using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenIta.Data;
using OpenIta.Web.Infrastructure;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using static OpenIta.Web.Tests.Measures.MeasuresKit;

namespace OpenIta.Web.Tests.Measures;

/// <summary>Issue 8: the PDF printer's state is part of readiness ("pdf", tagged "ready"), Degraded rather than
/// Unhealthy when it cannot print.</summary>
public sealed class PdfPrinterHealthTests
{
    private const string Analysis = "/agencies/spm/results/2565/analysis";

    [Fact]
    public async Task Readiness_reports_a_missing_chromium_as_degraded_and_the_pdf_as_a_503_in_thai()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite, withQuestions: false);
        await using var noChromium = app.WithWebHostBuilder(b => b.UseSetting("Reports:Chromium", "/nonexistent/chromium"));
        var report = await noChromium.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains("ready"));
        var pdf = report.Entries["pdf"];
        Assert.Equal(HealthStatus.Degraded, pdf.Status);
        Assert.Contains("/nonexistent/chromium", pdf.Description, StringComparison.Ordinal);

        var client = noChromium.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.SignInAsync(client, "viewer", TestApp.Password)).StatusCode);
        var response = await client.GetAsync(Analysis + ".pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("ไม่พบโปรแกรม Chromium", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_reports_a_working_printer_as_healthy_once_it_printed()
    {
        await using var app = await StartAsync(DatabaseEngine.Sqlite, withQuestions: false);
        var health = app.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Entries["pdf"].Status);

        var viewer = await app.SignedInAsync("viewer");
        var response = await viewer.GetAsync(Analysis + ".pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = (await health.CheckHealthAsync(c => c.Tags.Contains("ready"))).Entries["pdf"];
        Assert.Equal(HealthStatus.Healthy, pdf.Status);
        Assert.Equal(true, pdf.Data["browserRunning"]);
        Assert.Equal(1, app.Services.GetRequiredService<PdfPrinter>().State.Launches);
    }
}
