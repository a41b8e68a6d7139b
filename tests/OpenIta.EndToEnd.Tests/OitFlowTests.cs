using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 13's OIT round in a real browser: the unit owner enters the link of the one item still without one, the
/// coordinator submits the set; the assessor scores that item 0 with a reason (every item now scored: the result's OIT
/// comes from the items, 99.00); the agency files a clarification with a new link in the window; the assessor confirms
/// 100, and the result page shows OIT 100.00 and the new total. Screenshots at 1366 px wide.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OitFlowTests(BrowserFixture fixture)
{
    private const string Oit = "/agencies/" + E2eDatabase.OitAgency + "/oit/2566";
    private const string Item = Oit + "/items/O5";

    [Fact]
    public async Task Owners_enter_links_the_assessor_scores_0_the_agency_clarifies_and_the_confirmed_100_reaches_the_result()
    {
        await using (var owner = await fixture.NewSessionAsync(E2eDatabase.OitOwner))
        {
            var page = owner.Page;
            await page.GotoAsync(Item);
            await page.Locator("#links-text").FillAsync("https://www.e2e-oit.go.th/contact");
            await page.Locator("#links-note").FillAsync("ข้อมูลการติดต่อ ปี 2566");
            await page.Locator("#links-save").ClickAsync();
            await Expect(page.Locator("#done")).ToHaveTextAsync("บันทึกลิงก์แล้ว");
            await Expect(page.Locator("#item-links")).ToContainTextAsync("https://www.e2e-oit.go.th/contact");
            // A link off the agency's website without a reason is refused, naming it; nothing changes.
            await page.Locator("#links-text").FillAsync("https://www.e2e-oit.go.th/contact\nhttps://elsewhere.example.com/x");
            await page.Locator("#links-save").ClickAsync();
            await Expect(page.Locator("#error")).ToContainTextAsync("urls[1]");
            await owner.ScreenshotAsync("oit-1-owner-links");
        }
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.OitCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync(Oit);
            await Expect(page.Locator("#oit-with-links")).ToHaveTextAsync("43");
            await page.Locator("#oit-submit").ClickAsync();
            await Expect(page.Locator("#oit-status")).ToHaveTextAsync("ส่งแล้ว");
        }
        await using (var assessor = await fixture.NewSessionAsync(E2eDatabase.OitAssessor))
        {
            var page = assessor.Page;
            await page.GotoAsync(Item);
            await page.Locator("#score-0").CheckAsync();
            await page.Locator("#score-reason").FillAsync("ไม่แสดงหมายเลขโทรศัพท์และ E-mail ของหน่วยงาน");
            await page.Locator("#score-save").ClickAsync();
            await Expect(page.Locator("#item-score")).ToHaveTextAsync("0");
            await Expect(page.Locator("#item-reason")).ToHaveTextAsync("ไม่แสดงหมายเลขโทรศัพท์และ E-mail ของหน่วยงาน");
            await assessor.ScreenshotAsync("oit-2-assessor-0");
            await page.GotoAsync("/agencies/" + E2eDatabase.OitAgency + "/results/2566");
            await Expect(page.Locator("#instruments tr[data-instrument='OIT']")).ToContainTextAsync("99.00");
        }
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.OitCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync(Item);
            await page.Locator("#clarify-url").FillAsync("https://www.e2e-oit.go.th/contact-2566");
            await page.Locator("#clarify-text").FillAsync("เพิ่มหมายเลขโทรศัพท์และ E-mail แล้ว");
            await page.Locator("#clarify-save").ClickAsync();
            await Expect(page.Locator("#item-state-name")).ToHaveTextAsync("หน่วยงานชี้แจงแล้ว รอผู้ประเมินยืนยัน");
            await Expect(page.Locator("#item-links")).ToContainTextAsync("จากการชี้แจง");
        }
        await using (var assessor = await fixture.NewSessionAsync(E2eDatabase.OitAssessor))
        {
            var page = assessor.Page;
            await page.GotoAsync(Item);
            await page.Locator("#score-100").CheckAsync();
            await page.Locator("#score-reason").FillAsync("");
            await page.Locator("#score-save").ClickAsync();
            await Expect(page.Locator("#item-score")).ToHaveTextAsync("100");
            await Expect(page.Locator("#item-state-name")).ToHaveTextAsync("ยืนยันคะแนนแล้ว");
            await page.GotoAsync("/agencies/" + E2eDatabase.OitAgency + "/results/2566");
            await Expect(page.Locator("#instruments tr[data-instrument='OIT']")).ToContainTextAsync("100.00");
            // 0.3 × 89.67 + 0.15 × 84.54 + 0.15 × 92.59 + 0.4 × 100 = 93.4705
            await Expect(page.Locator("#total")).ToHaveTextAsync("93.47");
            await assessor.ScreenshotAsync("oit-3-result");
        }
    }
}
