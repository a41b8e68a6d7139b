using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenIta.Data.Demo;
using OpenIta.EndToEnd.Tests.Infrastructure;
using OpenIta.Testing;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests;

/// <summary>
/// Issue 12 end to end, in Chromium on a phone (390 px), on the demo's open round (spm, FY2564): the coordinator reads the
/// IIT link and its QR code (decoded: it holds the link shown), a member of staff answers the IIT through it, a service
/// user answers the EIT after an SMS code read from the <c>file</c> SMS sink, the coordinator's page counts both without
/// a reload, the coordinator closes the round and opens the collected result. The survey pages pass axe at 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SurveyFlowTests
{
    private const string Round = "/agencies/spm/assessments/2564";
    private const string Phone = "0812345678";

    [Fact]
    public async Task A_round_runs_from_the_qr_link_and_an_sms_code_to_the_closed_result_on_a_phone()
    {
        var folder = Directory.CreateTempSubdirectory("openita-e2e-survey-");
        var passwords = Path.Combine(folder.FullName, "demo-users.txt");
        var sms = Path.Combine(folder.FullName, "sms.txt");
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Database__Engine"] = "sqlite",
            ["Database__Path"] = Path.Combine(folder.FullName, "openita.db"),
            ["Demo__Enabled"] = "true",
            ["Demo__PasswordsFile"] = passwords,
            ["Sms__Provider"] = "file",
            ["Sms__File"] = sms,
            ["Surveys__PhoneKey"] = "e2e-phone-key-" + Guid.NewGuid().ToString("N"),
            ["Surveys__LiveSeconds"] = "2",
        }, TimeSpan.FromSeconds(90));
        var coordinatorPassword = DemoUsers.Read(passwords).Single(u => u.UserName == "coordinator").Password;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"],
        });
        BrowserNewContextOptions Phone390() => new()
        {
            BaseURL = app.BaseAddress.ToString(), Locale = "th-TH", TimezoneId = "Asia/Bangkok",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        };
        var violations = new List<string>();

        // The coordinator, on a phone too: the round page with its links and QR codes.
        await using var office = await browser.NewContextAsync(Phone390());
        office.SetDefaultTimeout(20_000);
        var coordinator = await office.NewPageAsync();
        await coordinator.GotoAsync("/account/login");
        await coordinator.GetByLabel("ชื่อผู้ใช้").FillAsync("coordinator");
        await coordinator.GetByLabel("รหัสผ่าน").FillAsync(coordinatorPassword);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "เข้าสู่ระบบ" }).ClickAsync();
        await coordinator.GotoAsync(Round);
        var iitUrl = await coordinator.Locator("[data-survey-link=IIT]").TextContentAsync() ?? "";
        var eitUrl = await coordinator.Locator("[data-survey-link=EIT]").TextContentAsync() ?? "";
        Assert.StartsWith(app.BaseAddress.ToString().TrimEnd('/') + "/s/", iitUrl, StringComparison.Ordinal);
        var qr = await office.APIRequest.GetAsync(Round + "/qr/IIT.png");
        Assert.Equal(iitUrl, QrReader.Read(await qr.BodyAsync()));
        var iitBefore = Count(await coordinator.Locator("[data-count=IIT]").TextContentAsync());
        var eitBefore = Count(await coordinator.Locator("[data-count=EIT]").TextContentAsync());
        await Check(coordinator, "round", violations);

        // A member of staff scans the code: the IIT, resumable (answers kept when the page is left), then sent.
        await using (var staff = await browser.NewContextAsync(Phone390()))
        {
            var page = await staff.NewPageAsync();
            await page.GotoAsync(iitUrl);
            var groups = page.Locator("fieldset[data-code]");
            await Expect(groups.First).ToBeVisibleAsync();
            await Check(page, "survey-iit", violations);
            var count = await groups.CountAsync();
            await groups.Nth(0).Locator("label.option").Last.ClickAsync();
            await page.ReloadAsync();
            await Expect(groups.Nth(0).Locator("input").Last).ToBeCheckedAsync();
            for (var i = 1; i < count; i++)
            {
                await groups.Nth(i).Locator("label.option").Last.ClickAsync();
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "survey-iit-390.png"), FullPage = true });
            await page.GetByRole(AriaRole.Button, new() { Name = "ส่งคำตอบ" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/s/thanks$"));
            await Check(page, "survey-thanks", violations);
            Assert.Equal("null", await page.EvaluateAsync<string>("JSON.stringify(localStorage.getItem('openita-survey:" + iitUrl[(iitUrl.LastIndexOf('/') + 1)..] + "'))"));
        }

        // A service user: phone, the 6-digit code from the SMS, the questions.
        await using (var visitor = await browser.NewContextAsync(Phone390()))
        {
            var page = await visitor.NewPageAsync();
            await page.GotoAsync(eitUrl);
            await page.GetByLabel("หมายเลขโทรศัพท์มือถือ").FillAsync(Phone);
            await Check(page, "survey-phone", violations);
            await page.GetByRole(AriaRole.Button, new() { Name = "ขอรหัส" }).ClickAsync();
            var codeBox = page.GetByLabel("รหัส 6 หลัก");
            await Expect(codeBox).ToBeVisibleAsync();
            // A wrong code first: the API's Thai words, the field marked.
            await codeBox.FillAsync("000000");
            await page.GetByRole(AriaRole.Button, new() { Name = "ยืนยัน" }).ClickAsync();
            await Expect(page.Locator("[data-part=error]")).ToBeVisibleAsync();
            await Expect(codeBox).ToHaveAttributeAsync("aria-invalid", "true");
            var line = (await File.ReadAllLinesAsync(sms)).Last();
            Assert.StartsWith(Phone.TrimStart('0'), line.Split('\t')[0].TrimStart('+', '6').TrimStart('0'), StringComparison.Ordinal);
            var code = SixDigits().Match(line.Split('\t')[1]).Value;
            await codeBox.FillAsync(code);
            await page.GetByRole(AriaRole.Button, new() { Name = "ยืนยัน" }).ClickAsync();
            var groups = page.Locator("fieldset[data-code]");
            await Expect(groups.First).ToBeVisibleAsync();
            var count = await groups.CountAsync();
            for (var i = 0; i < count; i++)
            {
                await groups.Nth(i).Locator("label.option").Last.ClickAsync();
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "ส่งคำตอบ" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/s/thanks$"));
        }

        // The coordinator's page counted both, without a reload.
        await Expect(coordinator.Locator("[data-count=IIT]")).ToHaveTextAsync(new Regex("^" + (iitBefore + 1) + "\\b"), new() { Timeout = 15_000 });
        await Expect(coordinator.Locator("[data-count=EIT]")).ToHaveTextAsync(new Regex("^" + (eitBefore + 1) + "\\b"), new() { Timeout = 15_000 });

        // Close (the browser asks first), then the collected result.
        coordinator.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        // The round page fits the phone: its long survey links wrap instead of widening the page (they did, and the close
        // button then moved under the pointer while the counts refreshed).
        Assert.True(await coordinator.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the round page is wider than the phone's screen");
        await coordinator.Locator("#close-round").ClickAsync();
        await Expect(coordinator.Locator("[data-status]")).ToHaveTextAsync("ปิดการประเมินแล้ว");
        await coordinator.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "survey-round-closed-390.png"), FullPage = true });
        await coordinator.Locator("#result-link").ClickAsync();
        await Expect(coordinator).ToHaveURLAsync(new Regex("/agencies/spm/results/2564$"));
        await Expect(coordinator.Locator("main")).ToContainTextAsync("IIT");

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // the application may still hold the database for a moment
        }
    }

    private static int Count(string? text) => int.Parse(LeadingNumber().Match(text ?? "").Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>axe at the page's own 390 px: serious and critical violations, by rule and element.</summary>
    private static async Task Check(IPage page, string name, List<string> found)
    {
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            found.Add($"{name} at 390 px: {violation.Id} ({violation.Impact}) on {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}");
        }
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"^[\d,]+")]
    private static partial Regex LeadingNumber();
}
