using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;

namespace OpenIta.Reports.Tests;

/// <summary>
/// The text of the printed PDFs read back as a reader copies or searches it (pdftotext, in its default reading order):
/// Thai words come out whole. Before <see cref="PrintFont"/>, a mark moved left over a tall consonant (ป็ ปี ฝ่ ฟื้)
/// left a gap that pdftotext took for a space: "เป็น" came out as "เป็ น" and was never found.
/// </summary>
public sealed partial class PdfThaiTextTests : IAsyncDisposable
{
    /// <summary>Words of the documents, most with a mark over ป, ฝ or ฟ (the ones that broke). Single words only: a line
    /// may end between the words of a compound (ปี|งบประมาณ), never inside a word.</summary>
    private static readonly string[] Words =
    [
        "เป็น", "ปี", "ประชาสัมพันธ์", "มาตรการ", "ป้องกัน", "ปฏิบัติ", "เปิด", "ปัญหา", "ฝ่าย", "ทรัพย์สิน", "คะแนน",
        "ไตรมาส", "ประเมิน", "ผู้", "ที่", "ได้", "ประจำ",
    ];

    private static readonly AnalysisAgency Spm = new("สำนักเลขาธิการนายกรัฐมนตรี");

    private readonly PdfRenderer _pdf = new(ExternalTools.Require("chromium"));

    public ValueTask DisposeAsync() => _pdf.DisposeAsync();

    public static TheoryData<string> Documents =>
    [
        "sample", "analysis", "measures-by-item", "measures-by-theme", "results", "group", "progress",
        "seed:measures-spm-2565", "seed:measures-opdc-2566", "seed:measures-tceb-2564", "seed:measures-maet-na-thom-2567",
        "seed:analysis-opdc-2566", "seed:analysis-maet-na-thom-2567",
    ];

    /// <summary>The demo's measures and analyses, as the web and <c>openita docs</c> print them.</summary>
    public static TheoryData<string> SeedDocuments =>
    [
        "seed:measures-spm-2565", "seed:measures-spm-2567", "seed:measures-opdc-2566", "seed:measures-tceb-2564",
        "seed:measures-maet-na-thom-2567", "seed:analysis-spm-2565", "seed:analysis-opdc-2566", "seed:analysis-tceb-2564",
        "seed:analysis-maet-na-thom-2567",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Pdf_text_has_the_thai_words_whole(string name)
    {
        var document = Build(name);
        var pdf = Path.Combine(ExternalTools.OutputDirectory("thai-words"), name + ".pdf");
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(document));
        var text = await ExternalTools.PdfTextAsync(pdf);
        var squeezed = ExternalTools.Squeeze(text);
        var written = ExternalTools.Squeeze(DocumentDump.Write(document));

        var present = Words.Where(w => written.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(present.Count >= 2, $"The {name} document has too few of the words to tell: {string.Join(' ', present)}");
        foreach (var word in present)
        {
            // Every time the word is in the PDF (spaces taken out), it is there whole.
            var whole = Count(text, word);
            var any = Count(squeezed, word);
            Assert.True(whole > 0 && whole == any,
                $"'{word}' is in the {name} PDF {any} times but extracts whole only {whole} times ({pdf})");
        }
    }

    /// <summary>maet-na-thom's FY2567 result has no IIT or EIT score (only OIT was given): the reason used to stand in the
    /// instruments table's narrow score column, one or two words a line down the page. It spans the row below the
    /// instrument now, so that pdftotext reads it on one line (EIT1 and EIT2, twice).</summary>
    [Fact]
    public async Task An_instruments_reason_is_read_on_whole_lines_not_one_word_a_line_in_the_score_column()
    {
        var pdf = Path.Combine(ExternalTools.OutputDirectory("thai-words"), "analysis-maet-na-thom-2567-reason.pdf");
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(Build("seed:analysis-maet-na-thom-2567")));
        var text = await ExternalTools.PdfTextAsync(pdf);
        const string Reason = "ไม่มีคะแนนในข้อมูลที่บันทึก และคำนวณจากคะแนนระดับย่อยที่มีไม่ได้";

        // The reason is printed (the instruments without a score say why) …
        Assert.Contains(ExternalTools.Squeeze(Reason), ExternalTools.Squeeze(text), StringComparison.Ordinal);
        // … and each time on lines as wide as the table, not a word or two a line.
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var whole = lines.Count(l => l.Contains("ไม่มีคะแนนในข้อมูลที่บันทึก และคำนวณจากคะแนน", StringComparison.Ordinal));
        Assert.True(whole == 2,
            $"The reason is broken into short lines in {pdf}: {string.Join(" | ", lines.Where(l => l.Length is > 0 and < 12).Take(12))}");
    }

    /// <summary>A row (or the header repeated) that starts a page used to leave the tone marks of its first line at the
    /// foot of the page before: the marks rose above the cell, Chromium drew the line there clipped to the page, and the
    /// marks (ชี้, ที่, ขั้) showed under the last row and were read as text.</summary>
    [Theory]
    [MemberData(nameof(Documents))]
    public async Task No_page_ends_with_marks_of_the_next_page(string name)
    {
        var pdf = Path.Combine(ExternalTools.OutputDirectory("thai-words"), name + "-pages.pdf");
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(Build(name)));
        var bbox = await ExternalTools.RunAsync("pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(30));
        var margin = 2 / 2.54 * 72; // the @page margin above and below, in points
        var stray = new List<string>();
        var pages = bbox.Split("<page ", StringSplitOptions.None).Skip(1).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var height = double.Parse(PageHeight().Match(pages[i]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            foreach (System.Text.RegularExpressions.Match word in WordBox().Matches(pages[i]))
            {
                var middle = (double.Parse(word.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                    + double.Parse(word.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) / 2;
                if (middle > height - margin || middle < margin)
                {
                    stray.Add($"page {i + 1}: '{word.Groups[3].Value}' at {middle:0.0} pt");
                }
            }
        }
        Assert.True(pages.Count > 0);
        Assert.True(stray.Count == 0, $"Text outside the pages' text area in {pdf}: {string.Join("; ", stray)}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"height=""([\d.]+)""")]
    private static partial System.Text.RegularExpressions.Regex PageHeight();

    [System.Text.RegularExpressions.GeneratedRegex(@"yMin=""([\d.]+)"" xMax=""[\d.]+"" yMax=""([\d.]+)"">(.*?)</word>")]
    private static partial System.Text.RegularExpressions.Regex WordBox();

    /// <summary>A table whose first rows are taller than what is left of the first page runs on from the first page:
    /// no page but the last is left almost empty (a measure of many steps, a unit list, a long weakness).</summary>
    [Theory]
    [InlineData(12)]
    [InlineData(40)]
    public async Task No_page_but_the_last_is_almost_empty(int steps)
    {
        var plan = SamplePlans.ByItem() with
        {
            Measures = [.. SamplePlans.ByItem().Measures.Select(m => m.Number == 1
                ? m with { Steps = [.. Enumerable.Range(1, steps).Select(i => new MeasureStep($"ขั้นตอนที่ {i} ทบทวนคู่มือการปฏิบัติงานและเผยแพร่ให้บุคลากรทุกคนรับทราบเป็นประจำ", ["ทุกกอง"]))] }
                : m)],
        };
        var document = MeasuresDocument.Build(plan, SamplePlans.Spm2565(), SamplePlans.Framework(2565), Spm,
            new MeasuresDocumentOptions(Status: PlanStatus.Published, Approval: SamplePlans.Approval));
        var pdf = Path.Combine(ExternalTools.OutputDirectory("thai-words"), $"long-measure-{steps}.pdf");
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(document));
        var pages = (await ExternalTools.PdfTextAsync(pdf)).Split('\f').Select(ExternalTools.Squeeze).Where(p => p.Length > 0).ToList();
        Assert.True(pages.Count > 1);
        var full = pages.Take(pages.Count - 1).Max(p => p.Length);
        Assert.All(pages.Take(pages.Count - 1).Select((text, i) => (text, i)),
            p => Assert.True(p.text.Length > full / 3, $"page {p.i + 1} of {pdf} has {p.text.Length} characters, the fullest {full}"));
    }

    /// <summary>The first page of opdc's measures held the introduction only: the first theme's long finding (a paragraph
    /// kept whole) did not fit under it and took its heading and the table to the next page. Measured by where the
    /// lowest word of each page ends (characters would mislead: a page of narrow columns holds few).</summary>
    [Theory]
    [MemberData(nameof(SeedDocuments))]
    public async Task No_page_of_a_demo_document_but_the_last_is_almost_empty(string name)
    {
        var pdf = Path.Combine(ExternalTools.OutputDirectory("thai-words"), name.Replace(':', '-') + "-fill.pdf");
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(Build(name)));
        var bbox = await ExternalTools.RunAsync("pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(30));
        var margin = 2 / 2.54 * 72;
        var pages = bbox.Split("<page ", StringSplitOptions.None).Skip(1).ToList();
        Assert.True(pages.Count > 1, $"{pdf} has {pages.Count} page(s)");
        var empty = new List<string>();
        for (var i = 0; i < pages.Count - 1; i++)
        {
            var height = double.Parse(PageHeight().Match(pages[i]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var lowest = WordBox().Matches(pages[i]).Select(w => double.Parse(w.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
                .DefaultIfEmpty(margin).Max();
            var filled = (lowest - margin) / (height - (2 * margin));
            if (filled < 0.6)
            {
                empty.Add($"page {i + 1} is filled to {filled:P0}");
            }
        }
        Assert.True(empty.Count == 0, $"{pdf}: {string.Join("; ", empty)}");
    }

    [Fact]
    public async Task Pdf_text_keeps_words_whose_marks_sit_over_a_tall_consonant()
    {
        // One paragraph and one table cell per word, in the regular and the bold face.
        var words = new[] { "เป็น", "ปีงบประมาณ", "ป้องกัน", "ฝ่าย", "ฟื้นฟู", "ฝั่ง", "ปั้น", "ฟ้อง", "ปื้น", "เปิดเผย", "ฝึกอบรม", "ญี่ปุ่น" };
        var blocks = new List<Block>();
        blocks.AddRange(words.Select(w => (Block)new Paragraph([new Run(w)])));
        blocks.AddRange(words.Select(w => (Block)new Paragraph([new Run(w, Bold: true)])));
        blocks.Add(new Table([TableRow.Of("คำ", "ตัวหนา")], [.. words.Select(w => TableRow.Of(w, new Cell(w, bold: true)))], [1, 1]));
        var document = new ReportDocument(new DocumentOptions("คำไทย"), blocks);
        var pdf = Path.Combine(ExternalTools.OutputDirectory("thai-words"), "marks.pdf");
        await File.WriteAllBytesAsync(pdf, await _pdf.RenderAsync(document));
        foreach (var text in new[] { await ExternalTools.PdfTextAsync(pdf), await ExternalTools.PdfRawTextAsync(pdf) })
        {
            var tokens = text.Split((char[])[' ', '\n', '\f'], StringSplitOptions.RemoveEmptyEntries);
            Assert.All(words, w => Assert.Equal(4, tokens.Count(t => t == w)));
        }
    }

    [Fact]
    public void The_print_font_gives_marks_an_advance_and_changes_nothing_else()
    {
        var path = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf";
        Assert.True(File.Exists(path), "fonts-thai-tlwg is not installed; ./test.sh installs it.");
        var original = File.ReadAllBytes(path);
        var widened = PrintFont.WidenMarks(original);
        Assert.Equal(original.Length, widened.Length);
        var changed = Enumerable.Range(0, original.Length).Count(i => original[i] != widened[i]);
        // 26 marks' advances (two bytes at most each), the hmtx checksum and the head's checksum adjustment.
        Assert.InRange(changed, 26, (26 * 2) + 8);
        Assert.NotNull(PrintFont.Css);
        Assert.Contains(PrintFont.Family, PrintFont.Css, StringComparison.Ordinal);
    }

    private static int Count(string text, string word)
    {
        var count = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static ReportDocument Build(string name)
    {
        if (name.StartsWith("seed:", StringComparison.Ordinal))
        {
            return Seed(name["seed:".Length..]);
        }
        switch (name)
        {
            case "sample":
                return SampleDocument.Build();
            case "measures-by-item":
                return MeasuresDocument.Build(SamplePlans.ByItem(), SamplePlans.Spm2565(), SamplePlans.Framework(2565), Spm,
                    new MeasuresDocumentOptions(Status: PlanStatus.Published, Approval: SamplePlans.Approval));
            case "measures-by-theme":
                return MeasuresDocument.Build(SamplePlans.ByTheme(), SamplePlans.Tambon2567(), SamplePlans.Framework(2567),
                    new AnalysisAgency("องค์การบริหารส่วนตำบลแม่นาทม"), new MeasuresDocumentOptions(Status: PlanStatus.Submitted));
            case "group":
                return ResultsDocument.BuildGroup("สำนักนายกรัฐมนตรี",
                [
                    new GroupResultRow("สำนักเลขาธิการนายกรัฐมนตรี", "spm", 2565, 89.2133m, "A",
                        new Dictionary<Instrument, decimal> { [Instrument.Iit] = 77.68m, [Instrument.Eit] = 86.34m, [Instrument.Oit] = 100m }),
                    new GroupResultRow("สำนักงานคณะกรรมการพัฒนาระบบราชการ", "opdc", 2566, 90.47m, "ผ่าน",
                        new Dictionary<Instrument, decimal> { [Instrument.Iit] = 89.67m, [Instrument.Eit] = 88.56m, [Instrument.Oit] = 92.5m }),
                ], new ResultsDocumentOptions());
            case "progress":
                var seeds = Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds");
                var measures = MeasurePlanJson.Read(File.ReadAllText(Path.Combine(seeds, "measures-spm-2567.json")));
                var import = PlanJson.Read(File.ReadAllText(Path.Combine(seeds, "plan-spm-2568.json")), y => y == new FiscalYear(2568) ? measures : null);
                return ProgressReportDocument.Build(import.Plan, import.Reports.Single(), Spm, new ProgressReportOptions());
        }
        var json = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds", "spm-2565.json"));
        var input = ScoreInputReader.Read(json, FrameworkCatalog.BuiltIn.Find).Input;
        var framework = FrameworkCatalog.BuiltIn.Get(input.Year);
        var card = ScoringEngine.Score(framework, input);
        return name == "results"
            ? ResultsDocument.Build(card, framework, Spm, new ResultsDocumentOptions(), input.OitItems)
            : AnalysisDocument.Build(ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, [], input.OitItems), framework,
                card.Rating, Spm, new AnalysisDocumentOptions(), NaccRecommendation.For(Core.Measures.Catalogue.MeasureCatalogue.BuiltIn, framework));
    }

    /// <summary>"measures-opdc-2566" (the seed plan with the analysis of the result it answers, when the demo has it) or
    /// "analysis-opdc-2566", built as <c>AgencyDocuments</c> builds them.</summary>
    private static ReportDocument Seed(string name)
    {
        var seeds = Path.Combine(RepositoryPaths.Root, "src", "OpenIta.Data", "Demo", "Seeds");
        var kind = name[..name.IndexOf('-', StringComparison.Ordinal)];
        var slugYear = name[(kind.Length + 1)..];
        var agency = new AnalysisAgency(slugYear[..slugYear.LastIndexOf('-')] switch
        {
            "spm" => "สำนักเลขาธิการนายกรัฐมนตรี",
            "opdc" => "สำนักงานคณะกรรมการพัฒนาระบบราชการ",
            "tceb" => "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)",
            _ => "องค์การบริหารส่วนตำบลแมดนาท่ม",
        });
        (AnalysisReport Report, ScoreCard Card, Framework Framework)? Analysis(string file)
        {
            var path = Path.Combine(seeds, file + ".json");
            if (!File.Exists(path))
            {
                return null;
            }
            var input = ScoreInputReader.Read(File.ReadAllText(path), FrameworkCatalog.BuiltIn.Find).Input;
            var framework = FrameworkCatalog.BuiltIn.Get(input.Year);
            var card = ScoringEngine.Score(framework, input);
            return (ResultAnalysis.Analyse(framework, card, AnalysisSettings.Default, [], input.OitItems), card, framework);
        }
        if (kind == "analysis")
        {
            var (report, card, framework) = Analysis(slugYear)!.Value;
            return AnalysisDocument.Build(report, framework, card.Rating, agency, new AnalysisDocumentOptions(),
                NaccRecommendation.For(Core.Measures.Catalogue.MeasureCatalogue.BuiltIn, framework));
        }
        var plan = MeasurePlanJson.Read(File.ReadAllText(Path.Combine(seeds, name + ".json")));
        var answered = slugYear[..slugYear.LastIndexOf('-')] + "-" + plan.ResultsYear.BuddhistEra.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return MeasuresDocument.Build(plan, Analysis(answered)?.Report, FrameworkCatalog.BuiltIn.Get(plan.ResultsYear), agency,
            new MeasuresDocumentOptions(Status: PlanStatus.Published, Approval: SamplePlans.Approval));
    }
}
