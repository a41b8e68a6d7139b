using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ImportAndResultTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_coordinator_imports_seed_000_from_a_CSV_and_sees_total_89_21_and_rating_A()
    {
        await using var session = await fixture.NewSessionAsync(E2eDatabase.Coordinator);
        var page = session.Page;
        await page.GotoAsync("/");

        // The import page: the file is written by the test (nothing is downloaded), uploaded, checked and saved.
        var row = await SeedImport.ImportThroughThePageAsync(page);
        fixture.SeedImported = true;
        await Expect(page.GetByText($"จากไฟล์ {SeedImport.FileName}")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "ปีงบประมาณ พ.ศ. 2565", Exact = true })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "89.21", Exact = true })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "A", Exact = true })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "ผ่าน", Exact = true })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "ตรงกับที่คำนวณ", Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("import");

        // The report links to the imported result.
        await row.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh }).ClickAsync();
        await Expect(page).ToHaveURLAsync(fixture.App.Url("/agencies/spm/results/2565"));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. 2565" })).ToBeVisibleAsync();
        await Expect(page.Locator("#total")).ToHaveTextAsync("89.21");
        await Expect(page.Locator("#rating")).ToHaveTextAsync("A");
        await Expect(page.Locator("#passed")).ToHaveTextAsync("ผ่าน");
        var instruments = page.Locator("#instruments");
        foreach (var (code, score) in new[] { ("IIT", "77.68"), ("EIT", "86.34"), ("OIT", "100.00") })
        {
            var instrument = instruments.Locator($"tr[data-instrument='{code}']");
            await Expect(instrument.GetByRole(AriaRole.Cell, new() { Name = score, Exact = true })).ToBeVisibleAsync();
        }
        await Expect(page.GetByText("ตัวเลขที่เผยแพร่ตรงกับที่คำนวณทุกรายการ")).ToBeVisibleAsync();
        // The ranking marks the lowest indicator (4: 74.27), and the chart of the indicators is drawn and labelled.
        await Expect(page.Locator("#ranking").GetByRole(AriaRole.Row).Filter(new() { HasText = "ต่ำสุด" })).ToContainTextAsync("74.27");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "คะแนนรายตัวชี้วัด ปีงบประมาณ พ.ศ. 2565" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("result");

        // The agency's page lists the year with its total and links to the same result.
        await page.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh, Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(fixture.App.Url("/agencies/spm"));
        var year = page.Locator("#years").GetByRole(AriaRole.Row).Filter(new() { HasText = "ปีงบประมาณ พ.ศ. 2565" });
        await Expect(year).ToContainTextAsync("89.21");
        await year.GetByRole(AriaRole.Link, new() { Name = "ปีงบประมาณ พ.ศ. 2565", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(fixture.App.Url("/agencies/spm/results/2565"));
        await Expect(page.Locator("#total")).ToHaveTextAsync("89.21");

        // The start page now shows the latest result of the agency.
        await page.GetByRole(AriaRole.Link, new() { Name = "หน่วยงาน", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(fixture.App.Url("/"));
        var agencyRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = E2eDatabase.AgencyNameTh });
        await Expect(agencyRow.GetByRole(AriaRole.Cell, new() { Name = "89.21", Exact = true })).ToBeVisibleAsync();
        await Expect(agencyRow.GetByRole(AriaRole.Cell, new() { Name = "A", Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("start");
    }

    [Fact]
    public async Task Importing_the_same_file_again_replaces_the_result_and_changes_nothing()
    {
        await using var session = await fixture.NewSessionAsync(E2eDatabase.Coordinator);
        var page = session.Page;
        await page.GotoAsync("/");

        var first = await SeedImport.ImportThroughThePageAsync(page);
        await Expect(first.GetByRole(AriaRole.Cell, new() { Name = "89.21", Exact = true })).ToBeVisibleAsync();
        var again = await SeedImport.ImportThroughThePageAsync(page, "เหมือนเดิม"); // the preview: the same input as stored
        fixture.SeedImported = true;

        await Expect(again.GetByRole(AriaRole.Cell, new() { Name = "แทนที่ผลเดิม", Exact = true })).ToBeVisibleAsync();
        await Expect(again.GetByRole(AriaRole.Cell, new() { Name = "89.21", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/agencies/spm/results/2565");
        await Expect(page.Locator("#total")).ToHaveTextAsync("89.21");
    }
}
