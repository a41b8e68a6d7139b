using Deque.AxeCore.Commons;
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
        }
        await using (var oversight = await fixture.NewSessionAsync(E2eDatabase.Oversight))
        {
            await CheckAsync(oversight.Page, "/groups/" + E2eDatabase.Group, found);
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static async Task CheckAsync(IPage page, string path, List<string> found)
    {
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path}: {response?.Status}");
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                found.Add($"{path} at {width} px: {violation.Impact} {violation.Id} ({violation.Help}): "
                    + string.Join(" | ", violation.Nodes.Take(5).Select(n => $"{n.Target} {Shorten(n.Html)}")));
            }
        }
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
