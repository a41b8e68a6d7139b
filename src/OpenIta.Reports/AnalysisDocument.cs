using System.Globalization;
using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>The agency an analysis document is about, as its header shows it.</summary>
/// <param name="NameTh">The agency's Thai name (the header and the summary sentence).</param>
/// <param name="Lines">Lines under the name (its English name, its group, …).</param>
public sealed record AnalysisAgency(string NameTh, IReadOnlyList<string> Lines)
{
    public AnalysisAgency(string nameTh) : this(nameTh, []) { }
}

/// <summary>One of the NACC's recommendations to the agency, quoted as it was given (seeds 000, 001).</summary>
/// <param name="Indicator">The indicator it is about (1–10); null when it is about the whole result.</param>
/// <param name="Text">The recommendation's text.</param>
public sealed record NaccRecommendation(int? Indicator, string Text)
{
    /// <summary>The catalogue's recommendations for a year's results (catalogue/recommendations.yaml), indicator by indicator.</summary>
    public static IReadOnlyList<NaccRecommendation> For(Core.Measures.Catalogue.MeasureCatalogue catalogue, Framework framework)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(framework);
        return [.. framework.Indicators
            .SelectMany(i => catalogue.RecommendationsFor(framework.Year, i.Number))
            .SelectMany(r => r.Texts.Select(t => new NaccRecommendation(r.Indicator, t)))];
    }
}

/// <summary>How the analysis document is written.</summary>
/// <param name="Digits">Thai (๐–๙) or Arabic digits.</param>
/// <param name="Date">The document's date (given by the caller, never "today"); none when null.</param>
public sealed record AnalysisDocumentOptions(DigitStyle Digits = DigitStyle.Arabic, DateOnly? Date = null);

/// <summary>
/// Document (a) of issue 4: the analysis of one agency's ITA result for one fiscal year, in the order of seed 000's
/// hand-written analysis — summary, scores per indicator, ranking with the highest and lowest, the instruments,
/// year-over-year, then what the seeds add by hand: questions by tier, the target gap and its levers, themes.
/// Text is written with Arabic digits; the renderers apply <see cref="AnalysisDocumentOptions.Digits"/>.
/// </summary>
public static class AnalysisDocument
{
    /// <summary>The title, as agencies write it: "การวิเคราะห์ผลการประเมิน… ประจำปีงบประมาณ พ.ศ. 2565".</summary>
    public static string Title(FiscalYear year) => string.Create(CultureInfo.InvariantCulture,
        $"การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year.BuddhistEra}");

    /// <summary>What the document says instead of naming the highest and lowest when every indicator has the same score
    /// (the result page says the same).</summary>
    public const string AllEqual = "ทุกตัวชี้วัดได้คะแนนเท่ากัน จึงไม่มีตัวชี้วัดที่ได้คะแนนสูงสุดหรือต่ำสุด";

    /// <summary>Builds the document.</summary>
    /// <param name="report">The analysis of the year.</param>
    /// <param name="framework">The methodology of the year (instrument names, weights).</param>
    /// <param name="rating">The year's rating level, when the card has one.</param>
    /// <param name="agency">The agency's name and header lines.</param>
    /// <param name="options">Digits and date.</param>
    /// <param name="recommendations">The NACC's recommendations, quoted (seeds 000, 001); a section of its own when any.</param>
    /// <param name="card">The year's score card: when its rating is open, the possible levels and what would decide them
    /// are written where the level would be.</param>
    public static ReportDocument Build(
        AnalysisReport report, Framework framework, RatingLevel? rating, AnalysisAgency agency, AnalysisDocumentOptions options,
        IReadOnlyList<NaccRecommendation>? recommendations = null, ScoreCard? card = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(options);
        if (framework.Year != report.Year)
        {
            throw new ArgumentException($"The report is of FY{report.Year.BuddhistEra} but the framework of FY{framework.Year.BuddhistEra}.", nameof(framework));
        }

        var blocks = new List<Block>();
        var section = 0;
        string Next(string title) => string.Create(CultureInfo.InvariantCulture, $"{++section}. {title}");

        blocks.Add(new Heading(1, Next("สรุปผลการประเมิน")));
        blocks.AddRange(Summary(report, framework, rating, agency, card is { RatingUndecided: true } ? card : null));

        blocks.Add(new Heading(1, Next("คะแนนรายตัวชี้วัด")));
        blocks.Add(IndicatorTable(report, framework));

        blocks.Add(new Heading(1, Next("ลำดับคะแนนรายตัวชี้วัด (จากสูงไปต่ำ)")));
        blocks.Add(RankingTable(report));
        if (report.IndicatorsAllEqual)
        {
            blocks.Add(new Paragraph(AllEqual, TextAlign.Justify, firstLineIndent: true));
        }

        blocks.Add(new Heading(1, Next("คะแนนสรุปรายแบบวัด")));
        blocks.Add(InstrumentTable(report, framework));

        if (report.YearOverYear is { } yoy)
        {
            blocks.Add(new Heading(1, Next(string.Create(CultureInfo.InvariantCulture,
                $"เปรียบเทียบกับปีงบประมาณ พ.ศ. {yoy.ComparedWith.BuddhistEra}"))));
            blocks.Add(YearOverYearTable(report, yoy, framework));
        }

        blocks.Add(new Heading(1, Next("ข้อคำถามจำแนกตามระดับคะแนน")));
        blocks.AddRange(Tiers(report));

        if (report.TargetGap is { } gap)
        {
            blocks.Add(new Heading(1, Next("ระยะห่างจากเป้าหมายและตัวชี้วัดที่ยกคะแนนรวมได้มากที่สุด")));
            blocks.AddRange(Levers(gap, framework));
        }

        if (report.Themes.Count > 0)
        {
            blocks.Add(new Heading(1, Next("ประเด็นการพัฒนาร่วมระหว่างแบบวัด")));
            blocks.AddRange(Themes(report));
        }

        if (recommendations is { Count: > 0 })
        {
            blocks.Add(new Heading(1, Next("ข้อเสนอแนะจากสำนักงาน ป.ป.ช.")));
            blocks.AddRange(Recommendations(recommendations, framework));
        }

        var header = new AgencyHeader(agency.NameTh, agency.Lines);
        return new ReportDocument(
            new DocumentOptions(Title(report.Year), options.Digits, header, Date: options.Date),
            blocks);
    }

    private static IEnumerable<Block> Summary(AnalysisReport report, Framework framework, RatingLevel? rating, AnalysisAgency agency, ScoreCard? undecided)
    {
        var year = report.Year.BuddhistEra.ToString(CultureInfo.InvariantCulture);
        var pass = Mark(framework.PassMark);
        if (report.Total is not { } total)
        {
            yield return new Paragraph(
                $"ผลการประเมินของ{agency.NameTh} ประจำปีงบประมาณ พ.ศ. {year} ยังไม่มีคะแนนรวม จึงยังเทียบกับเกณฑ์ผ่าน ({pass} คะแนน) ไม่ได้",
                TextAlign.Justify, firstLineIndent: true);
        }
        else
        {
            var runs = new List<Run>
            {
                new($"{agency.NameTh}ได้ผลคะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {year} รวม "),
                new(Score.Display(total), Bold: true),
                new(" คะแนน จากคะแนนเต็ม 100 คะแนน"),
            };
            if (rating is not null)
            {
                runs.Add(new(" มีผลการประเมินระดับ "));
                runs.Add(new(rating.NameTh, Bold: true)); // as agencies write it: ระดับ A, ระดับผ่านดี
            }
            else if (undecided is not null)
            {
                runs.Add(new(" ระดับผลการประเมินเป็นได้ทั้ง "));
                runs.Add(new(RatingWording.Levels(undecided).Th, Bold: true));
                runs.Add(new(" ยังตัดสินไม่ได้ (" + RatingWording.DecidedBy(undecided).Th + ")"));
            }
            if (report.PassMark is { } check)
            {
                runs.Add(new(check.Reached
                    ? $" ซึ่งผ่านเกณฑ์ ({pass} คะแนนขึ้นไป) สูงกว่าเกณฑ์ {Score.Display(check.Margin)} คะแนน"
                    : $" ซึ่งไม่ผ่านเกณฑ์ ({pass} คะแนนขึ้นไป) ต่ำกว่าเกณฑ์ {Score.Display(-check.Margin)} คะแนน"));
            }
            yield return new Paragraph(runs, TextAlign.Justify, FirstLineIndent: true);

            // The weighted instruments only: from FY2566 the combined EIT is not one of them, its parts are.
            var weighted = report.Instruments.Where(i => framework.FindInstrument(i.Instrument) is not null).ToList();
            var passed = weighted.Where(i => i.Passed == true).Select(i => i.Instrument.Code()).ToList();
            var failed = weighted.Where(i => i.Passed == false).Select(i => i.Instrument.Code()).ToList();
            if (passed.Count + failed.Count > 0)
            {
                var text = passed.Count > 0 ? $"แบบวัดที่ผ่านเกณฑ์ ({pass} คะแนนขึ้นไป) คือ {string.Join(" ", passed)}" : $"ไม่มีแบบวัดที่ผ่านเกณฑ์ ({pass} คะแนนขึ้นไป)";
                if (failed.Count > 0)
                {
                    text += $" ส่วนแบบวัดที่มีคะแนนต่ำกว่าเกณฑ์ คือ {string.Join(" ", failed)}";
                }
                yield return new Paragraph(text, TextAlign.Justify, firstLineIndent: true);
            }
        }

        var highest = report.Indicators.Where(i => i.Highest).ToList();
        var lowest = report.Indicators.Where(i => i.Lowest).ToList();
        if (highest.Count > 0 && lowest.Count > 0)
        {
            yield return new Paragraph(
                $"ตัวชี้วัดที่ได้คะแนนสูงสุด คือ {Names(highest)} และตัวชี้วัดที่ได้คะแนนต่ำสุด คือ {Names(lowest)}",
                TextAlign.Justify, firstLineIndent: true);
        }
        else if (report.IndicatorsAllEqual)
        {
            yield return new Paragraph(AllEqual, TextAlign.Justify, firstLineIndent: true);
        }

        if (report.TargetGap is { Gap: { } gapPoints } gap)
        {
            var what = gap.IsOwnTarget ? "เป้าหมายของหน่วยงาน" : "เกณฑ์ผ่าน";
            yield return new Paragraph(gapPoints <= 0
                ? $"คะแนนรวมถึง{what} ({Mark(gap.Target)} คะแนน) แล้ว"
                : $"คะแนนรวมยังต่ำกว่า{what} ({Mark(gap.Target)} คะแนน) อีก {Score.Display(gapPoints)} คะแนน",
                TextAlign.Justify, firstLineIndent: true);
        }

        var summary = new List<Cell> { new(year, CellAlign.Center) };
        var header = new List<Cell> { new("ITA", CellAlign.Center) };
        foreach (var instrument in report.Instruments)
        {
            header.Add(new Cell(instrument.Instrument.Code(), CellAlign.Center));
            summary.Add(instrument.Score is { } s ? Cell.Num(s) : new Cell("–", CellAlign.Center));
        }
        header.Add(new Cell("คะแนนรวม", CellAlign.Center));
        summary.Add(report.Total is { } t ? Cell.Num(t) with { Bold = true } : new Cell("–", CellAlign.Center));
        header.Add(new Cell("ระดับ", CellAlign.Center));
        summary.Add(new Cell(rating?.NameTh ?? (undecided is null ? "–" : RatingWording.Levels(undecided).Th), CellAlign.Center));
        yield return new Table([new TableRow(header)], [new TableRow(summary)],
            [.. Enumerable.Repeat(1.0, header.Count)], "คะแนนสรุป", "สรุป");
    }

    private static string Names(IEnumerable<RankedIndicator> indicators) =>
        string.Join(" และ", indicators.Select(i => string.Create(CultureInfo.InvariantCulture,
            $"ตัวชี้วัดที่ {i.Number} {i.NameTh} ({Score.Display(i.Score)} คะแนน)")));

    private static Table IndicatorTable(AnalysisReport report, Framework framework)
    {
        var header = TableRow.Of(
            new Cell("ตัวชี้วัดที่", CellAlign.Center), new Cell("ตัวชี้วัด", CellAlign.Center),
            new Cell("แบบวัด", CellAlign.Center), new Cell("คะแนน", CellAlign.Center),
            new Cell(string.Create(CultureInfo.InvariantCulture, $"เกณฑ์ {Mark(framework.PassMark)}"), CellAlign.Center));
        var scored = report.Indicators.ToDictionary(i => i.Number);
        var rows = new List<TableRow>();
        foreach (var indicator in framework.Indicators)
        {
            scored.TryGetValue(indicator.Number, out var ranked);
            rows.Add(TableRow.Of(
                Number(indicator.Number),
                indicator.NameTh,
                new Cell(indicator.Instrument.Code(), CellAlign.Center),
                ranked is null ? new Cell("–", CellAlign.Center) : Cell.Num(ranked.Score),
                new Cell(ranked is null ? "–" : PassText(ranked.Passed), CellAlign.Center)));
        }
        return new Table([header], rows, [1, 4, 1.2, 1.2, 1.2], null, "ตัวชี้วัด");
    }

    private static Table RankingTable(AnalysisReport report)
    {
        var header = TableRow.Of(
            new Cell("ลำดับ", CellAlign.Center), new Cell("ตัวชี้วัด", CellAlign.Center),
            new Cell("คะแนนเฉลี่ย", CellAlign.Center), new Cell("แบบวัด", CellAlign.Center), new Cell("หมายเหตุ", CellAlign.Center));
        var rows = report.Indicators.Select(i => TableRow.Of(
            Number(i.Rank),
            string.Create(CultureInfo.InvariantCulture, $"{i.NameTh} (ตัวชี้วัดที่ {i.Number})"),
            Cell.Num(i.Score) with { Bold = i.Highest || i.Lowest },
            new Cell(i.Instrument.Code(), CellAlign.Center),
            new Cell(i.Highest ? "คะแนนสูงสุด" : i.Lowest ? "คะแนนต่ำสุด" : "",
                CellAlign.Center, bold: i.Highest || i.Lowest))).ToList();
        return new Table([header], rows, [1, 4, 1.3, 1.2, 1.6], null, "ลำดับ");
    }

    private static Table InstrumentTable(AnalysisReport report, Framework framework)
    {
        var header = TableRow.Of(
            new Cell("แบบวัด", CellAlign.Center), new Cell("ชื่อแบบวัด", CellAlign.Center),
            new Cell("น้ำหนัก (ร้อยละ)", CellAlign.Center), new Cell("คะแนน", CellAlign.Center),
            new Cell(string.Create(CultureInfo.InvariantCulture, $"เกณฑ์ {Mark(framework.PassMark)}"), CellAlign.Center));
        var rows = new List<TableRow>();
        foreach (var instrument in report.Instruments)
        {
            var definition = framework.FindInstrument(instrument.Instrument);
            // Why an instrument has no score is a sentence: it goes on a row of its own below the instrument, as wide as
            // the other columns, not into the narrow score column (a word a line down the page).
            var reason = instrument.Score is null ? instrument.Reason?.Thai : null;
            rows.Add(TableRow.Of(
                new Cell(instrument.Instrument.Code(), CellAlign.Center, rowSpan: reason is null ? 1 : 2),
                definition?.NameTh ?? (instrument.Instrument == Instrument.Eit
                    ? "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (รวมส่วนที่ 1 และส่วนที่ 2)"
                    : instrument.Instrument.Code()),
                instrument.Weight is { } w ? Cell.Num(w * 100) : new Cell("–", CellAlign.Center),
                instrument.Score is { } s ? Cell.Num(s) : new Cell("–", CellAlign.Center),
                new Cell(instrument.Passed is { } p ? PassText(p) : "–", CellAlign.Center)));
            if (reason is not null)
            {
                rows.Add(TableRow.Of(new Cell(reason, columnSpan: 4)));
            }
        }
        if (report.Total is { } total)
        {
            rows.Add(TableRow.Of(
                new Cell("คะแนนรวม", CellAlign.Center, columnSpan: 2, bold: true),
                new Cell("100.00", CellAlign.Right, number: 100m),
                Cell.Num(total) with { Bold = true },
                new Cell(report.PassMark is { } check ? PassText(check.Reached) : "–", CellAlign.Center, bold: true)));
        }
        return new Table([header], rows, [1.2, 4, 1.5, 1.2, 1.2], null, "แบบวัด");
    }

    private static Table YearOverYearTable(AnalysisReport report, YearOverYear yoy, Framework framework)
    {
        var previous = yoy.ComparedWith.BuddhistEra.ToString(CultureInfo.InvariantCulture);
        var current = report.Year.BuddhistEra.ToString(CultureInfo.InvariantCulture);
        var header = TableRow.Of(
            new Cell("รายการ", CellAlign.Center), new Cell("ปี " + previous, CellAlign.Center),
            new Cell("ปี " + current, CellAlign.Center), new Cell("ผลต่าง", CellAlign.Center));
        var rows = new List<TableRow> { ChangeRow("คะแนนรวม", yoy.Total, bold: true) };
        rows.AddRange(yoy.Instruments.Select(i => ChangeRow("แบบวัด " + i.Instrument.Code(), i.Change)));
        rows.AddRange(yoy.Indicators.Select(i => ChangeRow(
            string.Create(CultureInfo.InvariantCulture, $"ตัวชี้วัดที่ {i.Number} {framework.FindIndicator(i.Number)?.NameTh}").TrimEnd()
                + (i.Instrument is Instrument.Eit1 or Instrument.Eit2 ? $" ({i.Instrument.Code()})" : ""),
            i.Change)));
        return new Table([header], rows, [4, 1.3, 1.3, 1.3], null, "เทียบปีก่อน");
    }

    private static TableRow ChangeRow(string label, ScoreChange change, bool bold = false) => TableRow.Of(
        new Cell(label, bold: bold),
        change.Previous is { } p ? Cell.Num(p) : new Cell("–", CellAlign.Center),
        change.Current is { } c ? Cell.Num(c) with { Bold = bold } : new Cell("–", CellAlign.Center),
        change.Difference is { } d
            ? new Cell((d > 0 ? "+" : "") + d.ToString("0.00", CultureInfo.InvariantCulture), CellAlign.Right, number: d)
            : new Cell("–", CellAlign.Center));

    private static IEnumerable<Block> Tiers(AnalysisReport report)
    {
        var s = report.Settings;
        yield return new Paragraph(
            $"ข้อคำถามและข้อย่อยที่มีคะแนน แบ่งเป็น 3 ระดับ: เร่งด่วน (ต่ำกว่า {Mark(s.UrgentBelow)} คะแนน) " +
            $"ควรพัฒนา ({Mark(s.UrgentBelow)}–{Mark(s.StrengthAbove)} คะแนน) และจุดแข็ง (สูงกว่า {Mark(s.StrengthAbove)} คะแนน)",
            TextAlign.Justify, firstLineIndent: true);
        var tiers = new[]
        {
            (Tier.Urgent, $"ประเด็นที่ต้องแก้ไขเร่งด่วน (ต่ำกว่า {Mark(s.UrgentBelow)} คะแนน)", TierName(Tier.Urgent)),
            (Tier.ToImprove, $"ประเด็นที่ควรพัฒนา ({Mark(s.UrgentBelow)}–{Mark(s.StrengthAbove)} คะแนน)", TierName(Tier.ToImprove)),
            (Tier.Strength, $"จุดแข็ง (สูงกว่า {Mark(s.StrengthAbove)} คะแนน)", TierName(Tier.Strength)),
        };
        foreach (var (tier, title, sheet) in tiers)
        {
            yield return new Heading(2, title);
            var items = report.InTier(tier).OrderBy(i => i.Score).ToList();
            if (items.Count == 0)
            {
                yield return new Paragraph("ไม่มีข้อคำถามในระดับนี้", TextAlign.Left, firstLineIndent: true);
                continue;
            }
            var header = TableRow.Of(
                new Cell("ข้อ", CellAlign.Center), new Cell("ข้อคำถาม", CellAlign.Center),
                new Cell("ตัวชี้วัด", CellAlign.Center), new Cell("คะแนน", CellAlign.Center));
            var rows = items.Select(i => TableRow.Of(
                new Cell(i.Code, CellAlign.Center),
                i.TextTh ?? i.TextEn ?? "(ไม่มีข้อความของข้อคำถามในปีนี้)",
                i.Indicator is { } n ? Number(n) : new Cell("–", CellAlign.Center),
                Cell.Num(i.Score))).ToList();
            yield return new Table([header], rows, [1, 6, 1, 1.2], null, sheet);
        }
    }

    private static IEnumerable<Block> Levers(TargetGap gap, Framework framework)
    {
        var what = gap.IsOwnTarget ? "เป้าหมายของหน่วยงาน" : "เกณฑ์ผ่าน";
        yield return new Paragraph(gap.Gap switch
        {
            null => $"{what} {Mark(gap.Target)} คะแนน; ยังไม่มีคะแนนรวม จึงคำนวณระยะห่างไม่ได้",
            <= 0 => $"{what} {Mark(gap.Target)} คะแนน: คะแนนรวมถึงแล้ว ตารางแสดงว่าคะแนนตัวชี้วัดใดมีผลต่อคะแนนรวมมากที่สุด เพื่อรักษามาตรฐาน",
            { } g => $"{what} {Mark(gap.Target)} คะแนน: ยังขาดอีก {Score.Display(g)} คะแนน ตารางเรียงตัวชี้วัดตามคะแนนรวมที่เพิ่มขึ้นต่อการเพิ่มคะแนนตัวชี้วัด 1 คะแนน",
        }, TextAlign.Justify, firstLineIndent: true);
        var header = TableRow.Of(
            new Cell("ตัวชี้วัดที่", CellAlign.Center), new Cell("ตัวชี้วัด", CellAlign.Center),
            new Cell("แบบวัด", CellAlign.Center), new Cell("คะแนน", CellAlign.Center),
            new Cell("คะแนนรวมที่เพิ่มต่อ 1 คะแนน", CellAlign.Center),
            new Cell("คะแนนที่ต้องเพิ่มเพื่อปิดระยะห่าง", CellAlign.Center));
        var rows = gap.Levers.Select(l => TableRow.Of(
            Number(l.Number),
            framework.FindIndicator(l.Number)?.NameTh ?? "",
            new Cell(l.Instrument.Code(), CellAlign.Center),
            l.Score is { } s ? Cell.Num(s) : new Cell("–", CellAlign.Center),
            Cell.Num(l.Sensitivity, 4),
            l.PointsToClose is not { } points ? new Cell("–", CellAlign.Center)
                : l.ClosesGapAlone == false ? new Cell("ปิดไม่ได้ด้วยตัวชี้วัดนี้ตัวเดียว", CellAlign.Center)
                : Cell.Num(points))).ToList();
        yield return new Table([header], rows, [1, 3.5, 1, 1.1, 1.6, 2], null, "เป้าหมาย");
    }

    private static IEnumerable<Block> Themes(AnalysisReport report)
    {
        foreach (var theme in report.Themes)
        {
            var status = theme.Status switch
            {
                ThemeStatus.HasWeaknesses => "มีจุดอ่อน",
                ThemeStatus.KeepStandard => "รักษามาตรฐาน",
                _ => "ยังสรุปไม่ได้",
            };
            yield return new Heading(2, string.Create(CultureInfo.InvariantCulture,
                $"ประเด็นที่ {theme.Theme.Number} {theme.Theme.NameTh}: {status}"));
            foreach (var block in ThemeItemRows.Blocks(theme.Items, "ข้อคำถาม", [1, 6, 1, 1.2, 1.2],
                string.Create(CultureInfo.InvariantCulture, $"ประเด็น {theme.Theme.Number}")))
            {
                yield return block;
            }
        }
    }

    private static IEnumerable<Block> Recommendations(IReadOnlyList<NaccRecommendation> recommendations, Framework framework)
    {
        foreach (var group in recommendations.Where(r => !string.IsNullOrWhiteSpace(r.Text)).GroupBy(r => r.Indicator).OrderBy(g => g.Key ?? int.MaxValue))
        {
            if (group.Key is { } n)
            {
                yield return new Heading(2, string.Create(CultureInfo.InvariantCulture, $"ตัวชี้วัดที่ {n} {framework.FindIndicator(n)?.NameTh}").TrimEnd());
            }
            else
            {
                yield return new Heading(2, "ข้อเสนอแนะทั่วไป");
            }
            yield return new ListBlock([.. group.Select(r => (IReadOnlyList<Run>)[new Run(r.Text.Trim())])], Numbered: true);
        }
    }

    private static string Mark(decimal mark) => Score.Round(mark).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A tier's short name, as the documents print it.</summary>
    internal static string TierName(Tier tier) => tier switch
    {
        Tier.Urgent => "เร่งด่วน",
        Tier.ToImprove => "ควรพัฒนา",
        _ => "จุดแข็ง",
    };

    private static string PassText(bool passed) => passed ? "ผ่าน" : "ไม่ผ่าน";

    private static Cell Number(int n) => new(n.ToString(CultureInfo.InvariantCulture), CellAlign.Center, number: n);
}
