using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 10's done-when, one walk in a real browser and in Thai: a coordinator of an agency with no executive drafts,
/// edits a measure, replaces the plan from the catalogue (asked first) and restores it, submits, and is told nobody can
/// approve; the administrator finds the plan on the home page, adds the head of the agency as a user with the executive
/// role and issues a password link; the new executive sets a password, finds the plan in the home page's inbox and
/// approves; the coordinator publishes, revises and publishes again, and sees revision 1 marked as superseded.
/// Screenshots at 1366 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ThreeRolesWalkTests(BrowserFixture fixture)
{
    private const string Plan = "/agencies/" + E2eDatabase.WalkAgency + "/results/2565/measures";
    private const string EditedTitle = "ทบทวนคู่มือการปฏิบัติงานทุกกองและเผยแพร่ทางเว็บไซต์";
    private const string RevisedTitle = EditedTitle + " (ฉบับปรับปรุง)";
    private const string Executive = "head.walk";
    private const string ExecutiveName = "นายหัวหน้า ทดสอบเส้นทาง";
    private const string ExecutivePassword = "walk-executive-password-1";

    [Fact]
    public async Task A_coordinator_an_administrator_and_a_new_executive_take_a_plan_from_draft_to_published_in_thai()
    {
        // The coordinator: draft, edit, replace from the catalogue (asked first), restore, submit.
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.WalkCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync(Plan);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
            await page.GetByRole(AriaRole.Button, new() { Name = "ร่างจากผลการวิเคราะห์และคลังมาตรการ" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan + "/edit"));
            await page.GotoAsync(Plan + "/edit/1");
            await page.Locator("textarea[name=Title]").FillAsync(EditedTitle);
            await page.GetByRole(AriaRole.Button, new() { Name = "บันทึกมาตรการ" }).ClickAsync();
            await page.GotoAsync(Plan);
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("ร่าง");
            await Expect(page.Locator("main")).ToContainTextAsync(EditedTitle);
            await Expect(page.Locator("#no-approver")).ToContainTextAsync("หน่วยงานนี้ยังไม่มีผู้บริหารในระบบ");

            string? asked = null;
            void Answer(object? sender, IDialog dialog)
            {
                asked = dialog.Message;
                _ = asked.Contains("กู้คืนได้", StringComparison.Ordinal) && dialog.Type == DialogType.Confirm ? dialog.AcceptAsync() : dialog.DismissAsync();
            }
            page.Dialog += Answer;
            await page.Locator("#redraft").ClickAsync();
            page.Dialog -= Answer;
            Assert.Contains("แทนที่มาตรการทั้งฉบับ", asked, StringComparison.Ordinal);
            await Expect(page.Locator("#kept")).ToContainTextAsync("แทนที่ด้วยร่างจากคลังมาตรการ");
            await ShootAsync(coordinator, "walk-1-replaced");
            await page.GotoAsync(Plan + "/edit/1");
            await Expect(page.Locator("textarea[name=Title]")).Not.ToHaveValueAsync(EditedTitle); // replaced
            await page.GotoAsync(Plan);
            await page.Locator("#restore").ClickAsync();
            await Expect(page.Locator("#kept")).ToContainTextAsync("กู้คืนเนื้อหาเดิม");
            await page.GotoAsync(Plan);
            await Expect(page.Locator("main")).ToContainTextAsync(EditedTitle);

            await page.GetByRole(AriaRole.Button, new() { Name = "เสนอผู้บริหารพิจารณา" }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เสนอแล้ว");
            await Expect(page.Locator("#no-approver")).ToContainTextAsync("มาตรการที่เสนอแล้วจึงยังไม่มีผู้อนุมัติ");
            await ShootAsync(coordinator, "walk-2-no-executive");
        }

        // The administrator: told on the home page, adds the head of the agency with the executive role and a link.
        string link;
        await using (var admin = await fixture.NewSessionAsync(E2eDatabase.Administrator))
        {
            var page = admin.Page;
            await page.GotoAsync("/");
            var unapprovable = page.Locator("#inbox-no-approver");
            await Expect(unapprovable).ToContainTextAsync("มาตรการที่ไม่มีผู้อนุมัติ");
            await Expect(unapprovable.Locator($"li[data-agency='{E2eDatabase.WalkAgency}']")).ToContainTextAsync(E2eDatabase.WalkAgencyNameTh);
            await ShootAsync(admin, "walk-3-admin-home");

            await page.GetByRole(AriaRole.Link, new() { Name = "ผู้ใช้", Exact = true }).ClickAsync();
            await page.GetByLabel("ชื่อผู้ใช้ (ใช้เข้าสู่ระบบ").FillAsync(Executive);
            await page.GetByLabel("ชื่อที่แสดง").FillAsync(ExecutiveName);
            await page.GetByRole(AriaRole.Button, new() { Name = "เพิ่มผู้ใช้และออกลิงก์ตั้งรหัสผ่าน" }).ClickAsync();
            await Expect(page.Locator("#user-added")).ToContainTextAsync($"เพิ่มผู้ใช้ {Executive} แล้ว");
            await page.GetByRole(AriaRole.Link, new() { Name = "กำหนดบทบาทให้ผู้ใช้นี้" }).ClickAsync();
            await page.GetByLabel("หน่วยงานหรือกลุ่มหน่วยงาน").FillAsync(E2eDatabase.WalkAgency);
            await page.Locator("#grant-form select[name=Role]").SelectOptionAsync("Executive");
            await page.GetByRole(AriaRole.Button, new() { Name = "ให้บทบาท", Exact = true }).ClickAsync();
            await Expect(page.Locator("#done")).ToHaveTextAsync("ให้บทบาทแล้ว");
            await Expect(page.Locator("#roles")).ToContainTextAsync(E2eDatabase.WalkAgencyNameTh);
            await Expect(page.Locator("#roles")).ToContainTextAsync("ผู้บริหาร");
            await page.GetByRole(AriaRole.Button, new() { Name = "ออกลิงก์ตั้งรหัสผ่านใหม่" }).ClickAsync();
            link = (await page.Locator("#reset-link").TextContentAsync())!.Trim();
            Assert.Matches("/account/reset/[A-Za-z0-9_-]{40,}$", link);
            await ShootAsync(admin, "walk-4-executive-added");

            await page.GotoAsync("/");
            await Expect(page.Locator($"#inbox-no-approver li[data-agency='{E2eDatabase.WalkAgency}']")).ToHaveCountAsync(0);
        }

        // The new executive: sets a password through the link, finds the plan in the inbox and approves.
        await using (var executive = await fixture.NewSessionAsync())
        {
            var page = executive.Page;
            await page.GotoAsync(link);
            await Expect(page.Locator("#reset-user-name")).ToHaveTextAsync(Executive);
            await page.GetByLabel("รหัสผ่านใหม่", new() { Exact = true }).FillAsync(ExecutivePassword);
            await page.GetByLabel("ยืนยันรหัสผ่านใหม่").FillAsync(ExecutivePassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "ตั้งรหัสผ่าน", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("ตั้งรหัสผ่านแล้ว เข้าสู่ระบบด้วยรหัสผ่านใหม่");
            await executive.SignInAsync(Executive, ExecutivePassword);
            await page.GotoAsync("/");
            var inbox = page.Locator("#inbox-approve");
            await Expect(inbox).ToContainTextAsync(E2eDatabase.WalkAgencyNameTh);
            await Expect(inbox).ToContainTextAsync("ฉบับที่ 1");
            await ShootAsync(executive, "walk-5-inbox");
            await ApproveFromInboxAsync(page);
        }

        // The coordinator: publishes, revises, and after the second approval publishes revision 2.
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.WalkCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync("/");
            var inbox = page.Locator("#inbox-coordinator");
            await Expect(inbox).ToContainTextAsync("อนุมัติแล้ว รอเผยแพร่");
            await inbox.Locator("a").First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "เผยแพร่", Exact = true }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เผยแพร่แล้ว");
            await page.GetByRole(AriaRole.Button, new() { Name = "สร้างฉบับปรับปรุง" }).ClickAsync();
            await page.GotoAsync(Plan + "/edit/1");
            await page.Locator("textarea[name=Title]").FillAsync(RevisedTitle);
            await page.GetByRole(AriaRole.Button, new() { Name = "บันทึกมาตรการ" }).ClickAsync();
            await page.GotoAsync(Plan);
            await page.GetByRole(AriaRole.Button, new() { Name = "เสนอผู้บริหารพิจารณา" }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เสนอแล้ว");
            await Expect(page.Locator("#no-approver")).ToHaveCountAsync(0); // the agency has an executive now
        }
        await using (var executive = await fixture.NewSessionAsync())
        {
            await executive.SignInAsync(Executive, ExecutivePassword);
            await executive.Page.GotoAsync("/");
            await Expect(executive.Page.Locator("#inbox-approve")).ToContainTextAsync("ฉบับที่ 2");
            await ApproveFromInboxAsync(executive.Page);
        }
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.WalkCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync(Plan);
            await page.GetByRole(AriaRole.Button, new() { Name = "เผยแพร่", Exact = true }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เผยแพร่แล้ว");
            await Expect(page.Locator("#revisions tr[data-revision='1']")).ToContainTextAsync("เผยแพร่แล้ว (ถูกแทนที่โดยฉบับที่ 2)");
            await page.GotoAsync(Plan + "?revision=1");
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เผยแพร่แล้ว (ถูกแทนที่โดยฉบับที่ 2)");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
            await ShootAsync(coordinator, "walk-6-superseded");
        }
    }

    private static async Task ApproveFromInboxAsync(IPage page)
    {
        await page.Locator("#inbox-approve a").First.ClickAsync();
        var form = page.Locator("#approve-form");
        await form.Locator("input[name='Approval.Name']").FillAsync(ExecutiveName);
        await form.Locator("input[name='Approval.Position']").FillAsync("ผู้อำนวยการ");
        await form.Locator("input[name='Approval.Date']").FillAsync("30/11/2565");
        await form.Locator("input[name='Approval.MemoNumber']").FillAsync("ทสบ. 0001/2565");
        await form.GetByRole(AriaRole.Button, new() { Name = "อนุมัติมาตรการฉบับนี้" }).ClickAsync();
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("อนุมัติแล้ว");
        await page.GotoAsync("/");
        await Expect(page.Locator("#inbox-approve")).ToHaveCountAsync(0);
    }

    /// <summary>The page at 1366 px and at 390 px (a phone), then back to 1366.</summary>
    private static async Task ShootAsync(BrowserSession session, string name)
    {
        foreach (var width in new[] { 1366, 390 })
        {
            await session.Page.SetViewportSizeAsync(width, 900);
            await session.ScreenshotAsync($"{name}-{width}");
        }
        await session.Page.SetViewportSizeAsync(1366, 900);
    }
}
