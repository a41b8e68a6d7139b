using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests.Infrastructure;

/// <summary>One test's browser: its own context (cookies) and page, with the steps the tests share.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, BrowserFixture fixture) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IBrowserContext Context { get; } = context;

    /// <summary>Signs in through the form, as a person would, and waits for the start page.</summary>
    public async Task SignInAsync(string userName, string? password = null)
    {
        await Page.GotoAsync("/account/login");
        await Page.GetByLabel("ชื่อผู้ใช้").FillAsync(userName);
        await Page.GetByLabel("รหัสผ่าน").FillAsync(password ?? fixture.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(fixture.App.Url("/"));
    }

    /// <summary>A full-page PNG in artifacts/screenshots; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
