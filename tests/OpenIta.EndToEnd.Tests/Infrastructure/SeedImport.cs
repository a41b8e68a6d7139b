using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenIta.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Seed 000 (สำนักเลขาธิการนายกรัฐมนตรี, FY2565) as a coordinator would fill the import template: the indicator scores
/// the agency received, and the figures it published (total 89.21, IIT 77.68, EIT 86.34, OIT 100.00, rating A).
/// </summary>
public static class SeedImport
{
    public const string FileName = "spm-2565.csv";

    public static string Csv { get; } = string.Join("\n",
        "agency,agency_name,fiscal_year,indicator_1,indicator_2,indicator_3,indicator_4,indicator_5,indicator_6,indicator_7,indicator_8,indicator_9,indicator_10,published_total,published_IIT,published_EIT,published_OIT,published_rating",
        $"{E2eDatabase.Agency},{E2eDatabase.AgencyNameTh},2565,85.84,74.30,78.71,74.27,75.26,90.94,85.74,82.34,100,100,89.21,77.68,86.34,100.00,A",
        "");

    /// <summary>
    /// On a coordinator's signed-in page: opens the import page from the menu, uploads the file, confirms its preview
    /// and waits for the page to say the import succeeded. Returns the row of the agency in the import report.
    /// </summary>
    /// <param name="change">What the preview must say of the row (เพิ่มใหม่, เหมือนเดิม …), when the test knows.</param>
    public static async Task<ILocator> ImportThroughThePageAsync(IPage page, string? change = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "นำเข้าผลคะแนน", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "นำเข้าผลคะแนน ITA จากไฟล์ CSV หรือ Excel" })).ToBeVisibleAsync();

        await page.GetByLabel("ไฟล์ CSV หรือ XLSX").SetInputFilesAsync(new FilePayload
        {
            Name = FileName,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(Csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "ตรวจไฟล์" }).ClickAsync();

        // The preview: nothing is saved until it is confirmed.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ตรวจแล้ว ยังไม่ได้บันทึก: ยืนยันการนำเข้า" })).ToBeVisibleAsync();
        var previewed = page.Locator($"#import-preview tr[data-agency='{E2eDatabase.Agency}']");
        await Expect(previewed).ToHaveCountAsync(1);
        if (change is not null)
        {
            await Expect(previewed).ToContainTextAsync(change);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "ยืนยันนำเข้า" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "นำเข้าสำเร็จ" })).ToBeVisibleAsync();
        return page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"({E2eDatabase.Agency})" });
    }
}
