using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 10, item 5, in a real browser and in Thai: an administrator adds a user, gives them a role and issues a
/// one-time password link; the user sets a password through it, signs in and changes it; the administrator disables
/// them and they can no longer sign in. Screenshots at 1366 px and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleFlowTests(BrowserFixture fixture)
{
    private const string UserName = "somchai.e2e";
    private const string DisplayName = "สมชาย ทดสอบระบบ";
    private const string FirstPassword = "first-password-e2e-1";
    private const string SecondPassword = "second-password-e2e-2";

    [Fact]
    public async Task An_administrator_adds_a_user_who_sets_and_changes_a_password_until_the_administrator_disables_them()
    {
        await using var admin = await fixture.NewSessionAsync(E2eDatabase.Administrator);
        var page = admin.Page;

        // Add the user: the page shows the one-time link to hand over.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "ผู้ใช้", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ผู้ใช้และสิทธิ์" })).ToBeVisibleAsync();
        await page.GetByLabel("ชื่อผู้ใช้ (ใช้เข้าสู่ระบบ").FillAsync(UserName);
        await page.GetByLabel("ชื่อที่แสดง").FillAsync(DisplayName);
        await page.GetByRole(AriaRole.Button, new() { Name = "เพิ่มผู้ใช้และออกลิงก์ตั้งรหัสผ่าน" }).ClickAsync();
        await Expect(page.Locator("#user-added")).ToContainTextAsync($"เพิ่มผู้ใช้ {UserName} แล้ว");
        var firstLink = (await page.Locator("#reset-link").TextContentAsync())!.Trim();
        Assert.Matches("/account/reset/[A-Za-z0-9_-]{40,}$", firstLink);
        await Expect(page.Locator("#users")).ToContainTextAsync(DisplayName);
        await ShootAsync(admin, "people-1-added");

        // A role in spm, then a new link (the first one stops working).
        await page.GetByRole(AriaRole.Link, new() { Name = "กำหนดบทบาทให้ผู้ใช้นี้" }).ClickAsync();
        await page.GetByLabel("หน่วยงานหรือกลุ่มหน่วยงาน").FillAsync(E2eDatabase.Agency);
        await page.Locator("#grant-form select[name=Role]").SelectOptionAsync("Viewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "ให้บทบาท", Exact = true }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("ให้บทบาทแล้ว");
        await Expect(page.Locator("#roles")).ToContainTextAsync(E2eDatabase.AgencyNameTh);
        await Expect(page.Locator("#roles")).ToContainTextAsync("ผู้อ่านผลการประเมิน");
        var userPage = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "ออกลิงก์ตั้งรหัสผ่านใหม่" }).ClickAsync();
        var link = (await page.Locator("#reset-link").TextContentAsync())!.Trim();
        Assert.NotEqual(firstLink, link);
        await ShootAsync(admin, "people-2-user");

        await using (var person = await fixture.NewSessionAsync())
        {
            var own = person.Page;
            await own.GotoAsync(firstLink);
            await Expect(own.GetByRole(AriaRole.Alert)).ToContainTextAsync("ลิงก์ตั้งรหัสผ่านนี้ใช้ไม่ได้แล้ว");

            // Set the password through the link, then sign in with it.
            await own.GotoAsync(link);
            await Expect(own.Locator("#reset-user-name")).ToHaveTextAsync(UserName);
            await own.GetByLabel("รหัสผ่านใหม่", new() { Exact = true }).FillAsync(FirstPassword);
            await own.GetByLabel("ยืนยันรหัสผ่านใหม่").FillAsync(FirstPassword);
            await ShootAsync(person, "people-3-reset");
            await own.GetByRole(AriaRole.Button, new() { Name = "ตั้งรหัสผ่าน", Exact = true }).ClickAsync();
            await Expect(own).ToHaveURLAsync(new Regex("/account/login\\?reset=1$"));
            await Expect(own.GetByRole(AriaRole.Status)).ToHaveTextAsync("ตั้งรหัสผ่านแล้ว เข้าสู่ระบบด้วยรหัสผ่านใหม่");
            await person.SignInAsync(UserName, FirstPassword);
            await Expect(own.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh, Exact = true })).ToBeVisibleAsync();

            // The link is used up.
            await own.GotoAsync(link);
            await Expect(own.GetByRole(AriaRole.Alert)).ToContainTextAsync("ลิงก์ตั้งรหัสผ่านนี้ใช้ไม่ได้แล้ว");

            // Change the password on the account page.
            await own.GotoAsync("/");
            await own.GetByRole(AriaRole.Link, new() { Name = UserName }).ClickAsync();
            await Expect(own.Locator("#my-roles")).ToContainTextAsync(E2eDatabase.AgencyNameTh);
            await own.GetByLabel("รหัสผ่านปัจจุบัน").FillAsync(FirstPassword);
            await own.GetByLabel("รหัสผ่านใหม่", new() { Exact = true }).FillAsync(SecondPassword);
            await own.GetByLabel("ยืนยันรหัสผ่านใหม่").FillAsync(SecondPassword);
            await own.GetByRole(AriaRole.Button, new() { Name = "เปลี่ยนรหัสผ่าน" }).ClickAsync();
            await Expect(own.GetByRole(AriaRole.Status)).ToContainTextAsync("เปลี่ยนรหัสผ่านแล้ว");
            await ShootAsync(person, "people-4-account");

            // The administrator disables the account: the open session ends and signing in is refused.
            await page.GotoAsync(userPage);
            await page.GetByRole(AriaRole.Button, new() { Name = "ระงับบัญชี" }).ClickAsync();
            await Expect(page.Locator("#user-status")).ToContainTextAsync("บัญชีนี้ถูกระงับ");
            await ShootAsync(admin, "people-5-disabled");

            await own.GotoAsync("/");
            await Expect(own).ToHaveURLAsync(new Regex("/account/login"));
            await own.GetByLabel("ชื่อผู้ใช้").FillAsync(UserName);
            await own.GetByLabel("รหัสผ่าน").FillAsync(SecondPassword);
            await own.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
            await Expect(own.GetByRole(AriaRole.Alert)).ToHaveTextAsync("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
            await Expect(own.Locator("html")).ToHaveAttributeAsync("lang", "th");
        }
    }

    /// <summary>The page at 1366 px and at 390 px (a phone), then back to the session's width.</summary>
    private static async Task ShootAsync(BrowserSession session, string name)
    {
        var size = session.Page.ViewportSize;
        foreach (var width in new[] { 1366, 390 })
        {
            await session.Page.SetViewportSizeAsync(width, 900);
            await session.ScreenshotAsync($"{name}-{width}");
        }
        if (size is not null)
        {
            await session.Page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
