using System.IO.Compression;
using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using OpenIta.Testing;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 4's "done when", in a real browser: the coordinator opens the analysis (tiers, themes, target gap), drafts the
/// measures from the catalogue, edits one and submits; the executive approves with the memo number and publishes; both
/// documents download as DOCX and PDF, and the PDF carries the figures and the approval.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeasuresFlowTests(BrowserFixture fixture)
{
    private const string Result = "/agencies/" + E2eDatabase.MeasuresAgency + "/results/2565";
    private const string Plan = Result + "/measures";
    private const string EditedTitle = "จัดทำและเผยแพร่แผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทุกคนรับทราบ";

    [Fact]
    public async Task A_coordinator_drafts_edits_and_submits_measures_an_executive_approves_and_both_documents_download()
    {
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.MeasuresCoordinator))
        {
            var page = coordinator.Page;
            // The analysis: tiers with the questions' texts, the target gap with its levers.
            await page.GotoAsync(Result + "?target=93");
            await Expect(page.Locator("#total")).ToHaveTextAsync("89.21");
            await Expect(page.Locator("#tiers")).ToContainTextAsync("56.51");
            await Expect(page.Locator("#target-gap")).ToContainTextAsync("3.79");
            await coordinator.ScreenshotAsync("measures-1-analysis");

            // Draft from the catalogue.
            await page.Locator("#measures-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan));
            await page.GetByRole(AriaRole.Button, new() { Name = "ร่างจากผลการวิเคราะห์และคลังมาตรการ" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan + "/edit"));

            // Edit measure 1: its title.
            await page.GotoAsync(Plan + "/edit/1");
            await page.Locator("textarea[name=Title]").FillAsync(EditedTitle);
            await page.GetByRole(AriaRole.Button, new() { Name = "บันทึกมาตรการ" }).ClickAsync();
            await page.GotoAsync(Plan);
            await Expect(page.Locator("#measures")).ToContainTextAsync(EditedTitle);
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("ร่าง");
            await coordinator.ScreenshotAsync("measures-2-draft");

            // Submit.
            await page.GetByRole(AriaRole.Button, new() { Name = "เสนอผู้บริหารพิจารณา" }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เสนอแล้ว");
        }

        await using (var executive = await fixture.NewSessionAsync(E2eDatabase.MeasuresExecutive))
        {
            var page = executive.Page;
            await page.GotoAsync(Plan);
            var form = page.Locator("#approve-form");
            await form.Locator("input[name='Approval.Name']").FillAsync("นายทดสอบ ผู้บริหาร");
            await form.Locator("input[name='Approval.Position']").FillAsync("ผู้อำนวยการ");
            await form.Locator("input[name='Approval.Date']").FillAsync("30/11/2565");
            await form.Locator("input[name='Approval.MemoNumber']").FillAsync("ศปท. 0706/2565");
            await form.GetByRole(AriaRole.Button, new() { Name = "อนุมัติมาตรการฉบับนี้" }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("อนุมัติแล้ว");
            await Expect(page.Locator("#memo-number")).ToHaveTextAsync("ศปท. 0706/2565");
            await page.GetByRole(AriaRole.Button, new() { Name = "เผยแพร่", Exact = true }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เผยแพร่แล้ว");
            await executive.ScreenshotAsync("measures-3-published");

            // Both documents, as the page links them, in DOCX and PDF.
            var folder = Directory.CreateTempSubdirectory("openita-e2e-docs-").FullName;
            foreach (var (row, needles) in new[]
            {
                ("#analysis-downloads", new[] { "89.21", "56.51" }),
                ("#measures-downloads", new[] { EditedTitle[..20], "0706/2565" }),
            })
            {
                var links = page.Locator(row).Locator("a");
                var docx = await page.Context.APIRequest.GetAsync((await links.Nth(0).GetAttributeAsync("href"))!);
                Assert.Equal(200, docx.Status);
                using (var zip = new ZipArchive(new MemoryStream(await docx.BodyAsync())))
                {
                    using var reader = new StreamReader(await zip.GetEntry("word/document.xml")!.OpenAsync());
                    var xml = await reader.ReadToEndAsync();
                    Assert.All(needles, n => Assert.Contains(n, xml, StringComparison.Ordinal));
                }
                var pdf = await page.Context.APIRequest.GetAsync((await links.Nth(1).GetAttributeAsync("href"))!);
                Assert.Equal(200, pdf.Status);
                Assert.Equal("application/pdf", pdf.Headers["content-type"]);
                var file = Path.Combine(folder, row.TrimStart('#') + ".pdf");
                await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
                // pdftotext breaks a table cell's text where the PDF wraps it: compare without white space.
                var text = ExternalTools.Squeeze(await ExternalTools.PdfRawTextAsync(file));
                Assert.All(needles, n => Assert.Contains(ExternalTools.Squeeze(n), text, StringComparison.Ordinal));
            }
            Directory.Delete(folder, recursive: true);
        }
    }
}
