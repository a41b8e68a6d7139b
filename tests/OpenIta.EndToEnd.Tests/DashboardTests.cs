using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_oversight_user_sees_the_group_dashboard_with_spm_ranked_first()
    {
        if (!fixture.SeedImported)
        {
            // The tests of the collection run in no fixed order: bring spm's result in the way the import test does.
            await using var coordinator = await fixture.NewSessionAsync(E2eDatabase.Coordinator);
            await coordinator.Page.GotoAsync("/");
            await SeedImport.ImportThroughThePageAsync(coordinator.Page);
            fixture.SeedImported = true;
        }

        await using var session = await fixture.NewSessionAsync(E2eDatabase.Oversight);
        var page = session.Page;
        await page.GotoAsync("/groups/opm");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "แดชบอร์ดผลการประเมิน ITA" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ปีงบประมาณ พ.ศ. 2565", Exact = true })).ToBeVisibleAsync();

        // The ranking: spm first with its total and rating, the made-up peer second, the peer without a result listed as missing.
        var ranking = page.Locator("#ranking");
        var spm = ranking.GetByRole(AriaRole.Row).Filter(new() { HasText = E2eDatabase.AgencyNameTh });
        await Expect(spm.GetByRole(AriaRole.Link, new() { Name = E2eDatabase.AgencyNameTh })).ToBeVisibleAsync();
        await Expect(spm.GetByRole(AriaRole.Cell).First).ToHaveTextAsync("1");
        await Expect(spm.GetByRole(AriaRole.Cell, new() { Name = "89.21", Exact = true })).ToBeVisibleAsync();
        await Expect(spm.GetByRole(AriaRole.Cell, new() { Name = "A", Exact = true })).ToBeVisibleAsync();
        var peer = ranking.GetByRole(AriaRole.Row).Filter(new() { HasText = E2eDatabase.ScoredPeerNameTh });
        await Expect(peer.GetByRole(AriaRole.Cell).First).ToHaveTextAsync("2");
        await Expect(peer.GetByRole(AriaRole.Cell, new() { Name = "79.82", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#missing").GetByRole(AriaRole.Link, new() { Name = E2eDatabase.MissingPeerNameTh })).ToBeVisibleAsync();

        // The charts are there, with their Thai titles as their accessible names.
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "จำนวนหน่วยงานตามช่วงคะแนนรวม" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "คะแนนเฉลี่ยรายตัวชี้วัด ปีงบประมาณ พ.ศ. 2565" })).ToBeVisibleAsync();

        var path = await session.ScreenshotAsync("dashboard");
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} is suspiciously small.");
    }
}
