using Microsoft.Playwright;
using OpenIta.Core.Measures;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;

namespace OpenIta.Reports.Tests;

/// <summary>Table columns are wide enough for their longest Thai word: measured in Chromium, laid out for print at
/// the width of the printed page, no cell's text runs past its cell ("ประชาสัมพันธ์" spilled out of a measures column).</summary>
public sealed class ColumnWidthTests
{
    [Fact]
    public async Task No_cell_text_runs_out_of_its_column()
    {
        var spm = new AnalysisAgency("สำนักเลขาธิการนายกรัฐมนตรี");
        var plan = SamplePlans.ByItem() with
        {
            Measures = [.. SamplePlans.ByItem().Measures.Select(m => m.Number == 1
                ? m with { ResponsibleUnits = ["ส่วนงานประชาสัมพันธ์", "ผู้บริหารของทุกหน่วยงาน"], Steps = [new MeasureStep("ประชาสัมพันธ์ผ่านเว็บไซต์", ["ส่วนงานประชาสัมพันธ์"])] }
                : m)],
        };
        var documents = new[]
        {
            MeasuresDocument.Build(plan, SamplePlans.Spm2565(), SamplePlans.Framework(2565), spm, new MeasuresDocumentOptions()),
            MeasuresDocument.Build(SamplePlans.ByTheme(), SamplePlans.Tambon2567(), SamplePlans.Framework(2567), spm, new MeasuresDocumentOptions()),
        };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = PdfRenderer.DefaultChromium, Args = ["--no-sandbox"] });
        foreach (var document in documents)
        {
            // The printed page's text width at 96 px to the inch: A4 less the @page margins (2 cm and 2.5 cm).
            var width = (int)Math.Floor(((document.Options.Landscape ? 29.7 : 21.0) - 4.5) / 2.54 * 96);
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await page.SetContentAsync(new HtmlRenderer().Render(document));
            await page.EvaluateAsync("() => document.fonts.ready");
            var spilled = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('td, th')]
                    .filter(c => c.scrollWidth > c.clientWidth + 1)
                    .map(c => c.textContent.trim() + ' (' + c.scrollWidth + ' > ' + c.clientWidth + ')')
                """);
            Assert.True(spilled.Length == 0, $"{document.Options.Title}: text runs out of its cell: {string.Join(" | ", spilled)}");
            await page.CloseAsync();
        }
    }

    /// <summary>The group table gave the agency's name a column so narrow that "อบต.ตัวอย่าง 004 (ข้อมูลสังเคราะห์)" took
    /// two lines and its code "syn-sao-004" three (broken at its hyphens).</summary>
    [Fact]
    public async Task The_group_table_prints_each_agency_name_and_code_on_one_line()
    {
        var instruments = new Dictionary<Core.Methodology.Instrument, decimal>
        {
            [Core.Methodology.Instrument.Iit] = 91.91m, [Core.Methodology.Instrument.Eit] = 94.52m, [Core.Methodology.Instrument.Eit1] = 89.04m,
            [Core.Methodology.Instrument.Eit2] = 100m, [Core.Methodology.Instrument.Oit] = 94.5m,
        };
        var rows = Enumerable.Range(1, 3).Select(i => new GroupResultRow(
            $"อบต.ตัวอย่าง 00{i} (ข้อมูลสังเคราะห์)", $"syn-sao-00{i}", 2567, 93.73m, "ผ่าน หรือ ผ่านดี", instruments)).ToList();
        var document = ResultsDocument.BuildGroup("จังหวัดสกลนคร", rows, new ResultsDocumentOptions());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = PdfRenderer.DefaultChromium, Args = ["--no-sandbox"] });
        var width = (int)Math.Floor(((document.Options.Landscape ? 29.7 : 21.0) - 4.5) / 2.54 * 96);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetContentAsync(new HtmlRenderer().Render(document));
        await page.EvaluateAsync("() => document.fonts.ready");
        // The lines of each cell of the name and code columns: the distinct tops of its text's line boxes.
        var lines = await page.EvaluateAsync<int[]>("""
            () => [...document.querySelectorAll('tbody tr')].flatMap(r => [...r.cells].slice(1, 3)).map(c => {
                const range = document.createRange();
                range.selectNodeContents(c);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
            })
            """);
        Assert.Equal(6, lines.Length);
        Assert.All(lines, n => Assert.Equal(1, n));
    }
}
