using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_coordinator_signs_in_through_the_form_and_sees_the_agency_on_the_start_page()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "เข้าสู่ระบบ" })).ToBeVisibleAsync();

        await page.GetByLabel("ชื่อผู้ใช้").FillAsync(E2eDatabase.Coordinator);
        await page.GetByLabel("รหัสผ่าน").FillAsync(fixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(fixture.App.Url("/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "หน่วยงานของท่าน" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh, Exact = true })).ToBeVisibleAsync();
        // A coordinator of spm does not see the group above it.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.GroupNameTh, Exact = true })).ToHaveCountAsync(0);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_Thai_error_and_stays_on_the_form()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/account/login");
        await page.GetByLabel("ชื่อผู้ใช้").FillAsync(E2eDatabase.Coordinator);
        await page.GetByLabel("รหัสผ่าน").FillAsync("not-the-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(E2eDatabase.Coordinator);

        await page.GetByRole(AriaRole.Button, new() { Name = "ออกจากระบบ" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh })).ToHaveCountAsync(0);
    }
}
