using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenIta.EndToEnd.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// axe-core on the main pages at a desktop (1366 px) and a phone (390 px) width: no serious or critical violation.
/// Each failure names the page, the width, the rule and the elements.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private const string Result = "/agencies/" + E2eDatabase.A11yAgency + "/results/2565";

    private static readonly int[] Widths = [1366, 390];

    [Fact]
    public async Task The_main_pages_have_no_serious_or_critical_violations_at_either_width()
    {
        var found = new List<string>();
        await using (var anonymous = await fixture.NewSessionAsync())
        {
            await CheckAsync(anonymous.Page, "/account/login", found);
        }
        await using (var coordinator = await fixture.NewSessionAsync(E2eDatabase.A11yCoordinator))
        {
            var page = coordinator.Page;
            // A plan to edit: drafted from the analysis and the catalogue.
            await page.GotoAsync(Result + "/measures");
            await page.GetByRole(AriaRole.Button, new() { Name = "ร่างจากผลการวิเคราะห์และคลังมาตรการ" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(fixture.App.Url(Result + "/measures/edit"));

            foreach (var path in new[]
            {
                "/",
                "/agencies/" + E2eDatabase.A11yAgency,
                Result,
                "/agencies/" + E2eDatabase.A11yAgency + "/results/2566", // a rating left open
                Result + "/edit",
                Result + "/measures",
                Result + "/measures/edit/1",
                "/import",
            })
            {
                await CheckAsync(page, path, found);
            }

            // The import's preview, waiting for confirmation (never confirmed here).
            await page.GotoAsync("/import");
            await page.GetByLabel("ไฟล์ CSV หรือ XLSX").SetInputFilesAsync(new FilePayload
            {
                Name = "a11y.csv",
                MimeType = "text/csv",
                Buffer = System.Text.Encoding.UTF8.GetBytes(
                    "agency,fiscal_year,indicator_1,indicator_2,indicator_3,indicator_4,indicator_5,indicator_6,indicator_7,indicator_8,indicator_9,indicator_10\n"
                    + E2eDatabase.A11yAgency + ",2567,90,90,90,90,90,90,90,90,90,90\n"),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "ตรวจไฟล์" }).ClickAsync();
            await Expect(page.Locator("#import-preview")).ToBeVisibleAsync();
            await CheckAsync(page, null, found);
        }
        await using (var oversight = await fixture.NewSessionAsync(E2eDatabase.Oversight))
        {
            await CheckAsync(oversight.Page, "/groups/" + E2eDatabase.Group, found);
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    /// <summary>Checks <paramref name="path"/> (or, when null, the page as it is) at each width.</summary>
    private static async Task CheckAsync(IPage page, string? path, List<string> found)
    {
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            if (path is not null)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            }
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                found.Add($"{path ?? page.Url + " (as shown)"} at {width} px: {violation.Impact} {violation.Id} ({violation.Help}): "
                    + string.Join(" | ", violation.Nodes.Take(5).Select(n => $"{n.Target} {Shorten(n.Html)}")));
            }
        }
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
