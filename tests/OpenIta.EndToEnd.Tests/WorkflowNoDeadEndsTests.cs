using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 10, item 4, in a real browser: a coordinator drafts from the catalogue, adds a single template, deletes a
/// measure (the browser asks; saying no keeps it), undoes the deletion and submits; the executive finds the plan in the
/// inbox on the home page and approves; the coordinator publishes, revises, and publishes revision 2; revision 1 then
/// says it is superseded, and the two compare side by side. Screenshots at 1366 and 390 px wide.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowNoDeadEndsTests(BrowserFixture fixture)
{
    private const string Plan = "/agencies/" + E2eDatabase.WorkflowAgency + "/results/2565/measures";
    private const string RevisedTitle = "ทบทวนคู่มือการปฏิบัติงานและเผยแพร่ให้บุคลากรทุกคนรับทราบ (ฉบับปรับปรุง)";

    [Fact]
    public async Task A_coordinator_and_an_executive_walk_the_plan_through_confirmations_undo_the_inbox_revisions_and_the_comparison()
    {
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.WorkflowCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync(Plan);
            await page.GetByRole(AriaRole.Button, new() { Name = "ร่างจากผลการวิเคราะห์และคลังมาตรการ" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan + "/edit"));
            var measures = page.Locator("ol.measure-list > li");
            var drafted = await measures.CountAsync();
            Assert.True(drafted > 1, $"the draft has {drafted} measures");

            // A single template from the catalogue, picked for a weak item, lands at the end.
            await page.Locator("#add-from-catalogue").ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan + "/catalogue"));
            await ShootBothAsync(coordinator, "workflow-1-catalogue");
            var pick = page.Locator("#by-item button[data-template]").First;
            var template = await pick.GetAttributeAsync("data-template");
            await pick.ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan + "/edit#measures"));
            await Expect(measures).ToHaveCountAsync(drafted + 1);
            Assert.False(string.IsNullOrEmpty(template));

            // Delete asks first: "no" keeps the measure, "yes" deletes it and offers the undo.
            var first = measures.First;
            var title = (await first.Locator(".measure-title").InnerTextAsync()).Trim();
            void Dismiss(object? sender, IDialog dialog) => _ = dialog.DismissAsync();
            page.Dialog += Dismiss;
            await first.GetByRole(AriaRole.Button, new() { Name = "ลบ", Exact = true }).ClickAsync();
            page.Dialog -= Dismiss;
            await Expect(measures).ToHaveCountAsync(drafted + 1);
            string? asked = null;
            void Accept(object? sender, IDialog dialog)
            {
                asked = dialog.Message;
                _ = dialog.AcceptAsync();
            }
            page.Dialog += Accept;
            await first.GetByRole(AriaRole.Button, new() { Name = "ลบ", Exact = true }).ClickAsync();
            await Expect(measures).ToHaveCountAsync(drafted);
            page.Dialog -= Accept;
            Assert.Contains(title, asked, StringComparison.Ordinal);
            await Expect(page.Locator("#kept")).ToContainTextAsync(title);
            await ShootBothAsync(coordinator, "workflow-2-undo");
            await page.Locator("#restore").ClickAsync();
            await Expect(measures).ToHaveCountAsync(drafted + 1);
            await Expect(measures.First.Locator(".measure-title")).ToHaveTextAsync(title);

            await page.GotoAsync(Plan);
            await page.GetByRole(AriaRole.Button, new() { Name = "เสนอผู้บริหารพิจารณา" }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เสนอแล้ว");
        }

        await ApproveAsync(revision: 1, shoot: true);

        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.WorkflowCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync("/");
            var inbox = page.Locator("#inbox-coordinator");
            await Expect(inbox).ToContainTextAsync("อนุมัติแล้ว รอเผยแพร่");
            await inbox.Locator("a").First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "เผยแพร่", Exact = true }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เผยแพร่แล้ว");

            await page.GetByRole(AriaRole.Button, new() { Name = "สร้างฉบับปรับปรุง" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan + "/edit"));
            await page.GotoAsync(Plan + "/edit/1");
            await page.Locator("textarea[name=Title]").FillAsync(RevisedTitle);
            await page.GetByRole(AriaRole.Button, new() { Name = "บันทึกมาตรการ" }).ClickAsync();
            await page.GotoAsync(Plan);
            await page.GetByRole(AriaRole.Button, new() { Name = "เสนอผู้บริหารพิจารณา" }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เสนอแล้ว");
        }

        await ApproveAsync(revision: 2, shoot: false);

        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.WorkflowCoordinator))
        {
            var page = coordinator.Page;
            await page.GotoAsync(Plan);
            await page.GetByRole(AriaRole.Button, new() { Name = "เผยแพร่", Exact = true }).ClickAsync();
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เผยแพร่แล้ว");
            await Expect(page.Locator("#revisions tr[data-revision='1']")).ToContainTextAsync("เผยแพร่แล้ว (ถูกแทนที่โดยฉบับที่ 2)");
            await page.GotoAsync(Plan + "?revision=1");
            await Expect(page.Locator("#plan-status")).ToHaveTextAsync("เผยแพร่แล้ว (ถูกแทนที่โดยฉบับที่ 2)");
            await ShootBothAsync(coordinator, "workflow-4-superseded");

            await page.Locator("#compare").ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Plan + "/compare?from=1&to=2"));
            var changed = page.Locator("#comparison tr[data-change='changed']");
            await Expect(changed).ToHaveCountAsync(1);
            await Expect(page.Locator("#comparison td.after .changed[data-field='title']")).ToContainTextAsync(RevisedTitle);
            await Expect(page.Locator("#count-added")).ToContainTextAsync("0");
            await ShootBothAsync(coordinator, "workflow-5-compare");
        }
    }

    /// <summary>The executive finds the plan in the inbox on the home page and approves it.</summary>
    private async Task ApproveAsync(int revision, bool shoot)
    {
        await using var executive = await fixture.NewSessionAsync(E2eDatabase.WorkflowExecutive);
        var page = executive.Page;
        await page.GotoAsync("/");
        var inbox = page.Locator("#inbox-approve");
        await Expect(inbox).ToContainTextAsync(E2eDatabase.WorkflowAgencyNameTh);
        await Expect(inbox).ToContainTextAsync("ฉบับที่ " + revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (shoot)
        {
            await ShootBothAsync(executive, "workflow-3-inbox");
        }
        await inbox.Locator("a").First.ClickAsync();
        var form = page.Locator("#approve-form");
        await form.Locator("input[name='Approval.Name']").FillAsync("นายทดสอบ ผู้บริหาร");
        await form.Locator("input[name='Approval.Position']").FillAsync("ผู้อำนวยการ");
        await form.Locator("input[name='Approval.Date']").FillAsync("30/11/2565");
        await form.Locator("input[name='Approval.MemoNumber']").FillAsync("ศปท. 0706/2565");
        await form.GetByRole(AriaRole.Button, new() { Name = "อนุมัติมาตรการฉบับนี้" }).ClickAsync();
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("อนุมัติแล้ว");
        await page.GotoAsync("/");
        await Expect(page.Locator("#inbox-approve")).ToHaveCountAsync(0);
    }

    /// <summary>Full-page screenshots at 1366 and at 390 px wide (a phone), then back to the desktop width.</summary>
    private static async Task ShootBothAsync(BrowserSession session, string name)
    {
        await session.Page.SetViewportSizeAsync(1366, 900);
        await session.ScreenshotAsync(name + "-1366");
        await session.Page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync(name + "-390");
        await session.Page.SetViewportSizeAsync(1366, 900);
    }
}
