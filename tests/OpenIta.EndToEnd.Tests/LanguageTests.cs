using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_English_switch_shows_English_labels_and_the_Thai_switch_brings_Thai_back()
    {
        await using var session = await fixture.NewSessionAsync(E2eDatabase.Coordinator);
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "หน่วยงานของท่าน" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your agencies" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Import results" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Total" })).ToBeVisibleAsync();
        await Expect(page.GetByText("หน่วยงานของท่าน")).ToHaveCountAsync(0);

        // The choice is a cookie: it holds on the next page, and the switch goes back to Thai.
        await page.GotoAsync("/account/login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "ภาษาไทย" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "หน่วยงานของท่าน" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "th");
    }
}
