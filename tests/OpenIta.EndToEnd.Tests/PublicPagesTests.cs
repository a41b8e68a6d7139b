using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 13's public pages in a real browser, signed out: an agency's page of a year lists its published measures
/// (revision 2 current, revision 1 superseded, the draft revision 3 nowhere) and its action plan; the pages fit a phone
/// (390 px: nothing wider than the screen) and a laptop (1366 px). Screenshots of both widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicPagesTests(BrowserFixture fixture)
{
    private const string Year = "/public/agencies/" + E2ePublicData.Agency + "/2566";

    [Fact]
    public async Task A_signed_out_reader_finds_the_published_measures_and_plan_on_a_phone_and_a_laptop()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync(Year);
        await Expect(page.Locator("h1")).ToContainTextAsync(E2ePublicData.AgencyNameTh);
        var measures = page.Locator("#measures");
        await Expect(measures.Locator("li[data-revision='2']")).ToContainTextAsync("ฉบับปัจจุบัน");
        await Expect(measures.Locator("li[data-revision='1']")).ToContainTextAsync("มีฉบับใหม่แทนแล้ว");
        await Expect(measures.Locator("li[data-revision='3']")).ToHaveCountAsync(0);
        await ShootAsync(session, "public-1-year");

        await measures.GetByRole(AriaRole.Link, new() { Name = "ฉบับที่ 1" }).ClickAsync();
        await Expect(page.Locator("#superseded")).ToBeVisibleAsync();
        await page.Locator("#superseded a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/measures/2$"));
        await Expect(page.Locator("#approved-position")).ToHaveTextAsync("ผู้อำนวยการหน่วยงานทดสอบการเผยแพร่");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("นายทดสอบ ผู้อนุมัติ");
        await Expect(page.Locator("#measures-downloads a[href$='measures.pdf']")).ToHaveCountAsync(1);
        await ShootAsync(session, "public-2-measures");

        await page.GotoAsync("/public/agencies/" + E2ePublicData.Agency + "/2568/plan");
        await Expect(page.Locator("#items li[data-item='1.1.1']")).ToContainTextAsync("No Gift Policy");
        await ShootAsync(session, "public-3-plan");

        // English on the switch, and back.
        await page.Locator("#public-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.Locator("#public-language").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
    }

    [Fact]
    public async Task The_OIT_list_is_public_once_submitted_and_an_agency_website_can_frame_it()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        var oit = "/public/agencies/" + E2ePublicData.Agency + "/oit/2566";
        await page.GotoAsync(Year);
        await page.Locator("#oit a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(oit + "$"));
        foreach (var (code, url) in E2ePublicData.OitLinks)
        {
            await Expect(page.Locator($"#item-{code} a[href='{url}']")).ToHaveCountAsync(1);
        }
        await Expect(page.Locator("#with-links")).ToHaveTextAsync("3 / 43");
        await ShootAsync(session, "public-4-oit");

        // A page that frames the fragment (written into a page of this site: Chromium refuses a private address framed by
        // a page its router serves, whatever the headers, so the cross-origin case is held by the headers' test in
        // Web.Tests): the browser shows the fragment in the frame.
        var embed = oit + "/embed";
        await page.SetContentAsync($"<!DOCTYPE html><html lang=\"th\"><body><h1>เว็บไซต์หน่วยงาน</h1><iframe src=\"{embed}\" width=\"360\" height=\"600\" title=\"OIT\"></iframe></body></html>");
        var frame = page.FrameLocator("iframe");
        await Expect(frame.Locator("tr#O1 a")).ToHaveAttributeAsync("href", E2ePublicData.OitLinks[0].Url);
        await Expect(frame.Locator("tr#O10 a")).ToHaveAttributeAsync("target", "_blank");
        await ShootAsync(session, "public-5-embedded");
    }

    /// <summary>The page at 1366 px and at 390 px; at 390 px nothing may be wider than the screen.</summary>
    internal static async Task ShootAsync(BrowserSession session, string name)
    {
        foreach (var width in new[] { 1366, 390 })
        {
            await session.Page.SetViewportSizeAsync(width, 900);
            await session.ScreenshotAsync($"{name}-{width}");
            var scrollWidth = await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{name}: the page is {scrollWidth} px wide at {width} px.");
        }
        await session.Page.SetViewportSizeAsync(1280, 900);
    }
}
