using System.Globalization;
using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>How the measures document is written.</summary>
/// <param name="Digits">Thai (๐–๙) or Arabic digits.</param>
/// <param name="Date">The document's date (given by the caller, never "today"); none when null.</param>
/// <param name="Status">Where the revision stands; a draft or a submitted revision is marked as a draft (ฉบับร่าง).</param>
/// <param name="Approval">Who approved it (seed 000: name, position, date, memo number): the signature block of an
/// approved or published revision. A published plan whose approval was not recorded (seeds 001–003 do not print it) is
/// neither marked nor signed.</param>
public sealed record MeasuresDocumentOptions(
    DigitStyle Digits = DigitStyle.Arabic,
    DateOnly? Date = null,
    PlanStatus Status = PlanStatus.Draft,
    Approval? Approval = null)
{
    /// <summary>Not approved yet (a draft or submitted): marked ฉบับร่าง.</summary>
    public bool IsDraft => !PlanWorkflow.IsFrozen(Status);

    /// <summary>Approved or published, with the approval recorded: the document ends with its signature block.</summary>
    public bool IsSigned => !IsDraft && Approval is not null;
}

/// <summary>
/// Document (b) of issue 4: the agency's measures to promote integrity and transparency (มาตรการส่งเสริมคุณธรรมและ
/// ความโปร่งใสภายในหน่วยงาน) for the fiscal year after the results, in one of the two layouts of the seeds:
/// <see cref="PlanLayout.ByItem"/> — a row per weak item under its indicator, with the measure, steps, owners, the
/// quarters, monitoring and reporting (seeds 000, 001); <see cref="PlanLayout.ByTheme"/> — a section per theme with its
/// items and scores, the finding and a table of measures (seeds 002, 003). A4 landscape. Text is written with Arabic
/// digits; the renderers apply <see cref="MeasuresDocumentOptions.Digits"/>.
/// </summary>
public static class MeasuresDocument
{
    /// <summary>The seven themes as seeds 002 and 003 name them, for a year whose framework does not list them.</summary>
    private static readonly string[] DefaultThemeNames =
    [
        "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "การให้บริการและระบบ E-Service",
        "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
        "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
        "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
        "กระบวนการควบคุม ตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
        "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
    ];

    /// <summary>The title: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566".</summary>
    public static string Title(FiscalYear planYear) => string.Create(CultureInfo.InvariantCulture,
        $"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {planYear.BuddhistEra}");

    /// <summary>What a later row writes for a measure an earlier row shows (seed 000: ใช้มาตรการ/แนวทาง ตามข้อ ๖).</summary>
    public static string ApplyMeasure(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"ใช้มาตรการ/แนวทาง ตามข้อ {number}");

    /// <summary>The marking of a plan that is not approved yet.</summary>
    public const string DraftMark = "ฉบับร่าง (ยังไม่ได้รับอนุมัติ)";

    /// <summary>Builds the document.</summary>
    /// <param name="plan">The measures.</param>
    /// <param name="analysis">The analysis of the results year (scores, texts, themes); null when there is none.</param>
    /// <param name="framework">The methodology of the results year (the year whose item codes the plan uses).</param>
    /// <param name="agency">The agency's name and header lines.</param>
    /// <param name="options">Digits, date, status and approval.</param>
    public static ReportDocument Build(
        MeasurePlan plan, AnalysisReport? analysis, Framework framework, AnalysisAgency agency, MeasuresDocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(options);
        if (framework.Year != plan.ResultsYear)
        {
            throw new ArgumentException($"The plan answers FY{plan.ResultsYear.BuddhistEra} but the framework is of FY{framework.Year.BuddhistEra}.", nameof(framework));
        }
        if (analysis is not null && analysis.Year != plan.ResultsYear)
        {
            throw new ArgumentException($"The plan answers FY{plan.ResultsYear.BuddhistEra} but the analysis is of FY{analysis.Year.BuddhistEra}.", nameof(analysis));
        }

        var items = new ItemLookup(framework, analysis);
        var blocks = new List<Block>();
        if (options.IsDraft)
        {
            blocks.Add(new Paragraph([new Run(DraftMark, Bold: true)], TextAlign.Center));
        }
        if (!string.IsNullOrWhiteSpace(plan.Introduction))
        {
            blocks.Add(new Paragraph(plan.Introduction.Trim(), TextAlign.Justify, firstLineIndent: true));
        }
        blocks.AddRange(plan.Layout == PlanLayout.ByTheme
            ? ByTheme(plan, analysis, framework, items)
            : ByItem(plan, framework, items));
        if (options.IsSigned)
        {
            var approval = options.Approval!;
            blocks.Add(new SignatureBlock(approval.Name, approval.Position, approval.Date, approval.MemoNumber, "ผู้อนุมัติ"));
        }

        var year = plan.ResultsYear.BuddhistEra.ToString(CultureInfo.InvariantCulture);
        var subtitle = $"ตามผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year}";
        return new ReportDocument(
            new DocumentOptions(Title(plan.PlanYear), options.Digits, new AgencyHeader(agency.NameTh, agency.Lines),
                Subtitle: subtitle, Date: options.Date, Landscape: true),
            blocks);
    }

    // ---- By item (seeds 000, 001) ----

    /// <summary>
    /// The optional columns of the by-item table. A column no measure fills is left out, so that the texts have the
    /// width (seed 000 has no quarters and no reporting); a monitoring text every measure shares is said once under the
    /// table, as seed 000's note (หมายเหตุ) does.
    /// </summary>
    private sealed record ItemColumns(bool Quarters, bool Monitoring, bool Reporting, string? SharedMonitoring)
    {
        public static ItemColumns Of(IReadOnlyList<Measure> measures)
        {
            var monitoring = measures.Select(m => m.Monitoring?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
            var shared = measures.Count > 1 && monitoring.Count == 1 && monitoring[0].Length > 0 ? monitoring[0] : null;
            return new ItemColumns(
                measures.Any(m => m.Timeline.ByQuarter || m.Timeline.ByDates),
                shared is null && monitoring.Any(m => m.Length > 0),
                measures.Any(m => m.Reporting is not null),
                shared);
        }

        public int Count => 6 + (Quarters ? 4 : 0) + (Monitoring ? 1 : 0) + (Reporting ? 1 : 0);

        public IReadOnlyList<double> Widths
        {
            get
            {
                // The texts share what the optional columns leave.
                var spare = (Quarters ? 0 : 4.2) + (Monitoring ? 0 : 1.8) + (Reporting ? 0 : 1.8);
                List<double> widths = [2.4 + spare * 0.15, 1.9, 2.6 + spare * 0.2, 2.6 + spare * 0.25, 3.8 + spare * 0.3, 1.8 + spare * 0.1];
                if (Quarters)
                {
                    widths.AddRange([1.05, 1.05, 1.05, 1.05]);
                }
                if (Monitoring)
                {
                    widths.Add(1.8);
                }
                if (Reporting)
                {
                    widths.Add(1.8);
                }
                return widths;
            }
        }
    }

    private static IEnumerable<Block> ByItem(MeasurePlan plan, Framework framework, ItemLookup items)
    {
        var planYear = plan.PlanYear.BuddhistEra;
        var columns = ItemColumns.Of(plan.Measures);
        var span = columns.Quarters ? 2 : 1;
        var top = new List<Cell>
        {
            Head("ข้อ/ประเด็นที่มีคะแนนต่ำ", span), Head("คะแนน", span), Head("ข้อบกพร่อง/จุดอ่อน", span),
            Head("มาตรการ/แนวทาง", span), Head("ขั้นตอน/วิธีการปฏิบัติ", span), Head("ผู้รับผิดชอบ", span),
        };
        if (columns.Quarters)
        {
            top.Add(new Cell(string.Create(CultureInfo.InvariantCulture, $"ไตรมาส (ปีงบประมาณ พ.ศ. {planYear})"), CellAlign.Center, columnSpan: 4));
        }
        if (columns.Monitoring)
        {
            top.Add(Head("การกำกับติดตาม", span));
        }
        if (columns.Reporting)
        {
            top.Add(Head("การรายงานผล", span));
        }
        var header = new List<TableRow> { new(top) };
        if (columns.Quarters)
        {
            // The quarter's number only: "ไตรมาส" is wider than a quarter's column and is said once above them.
            header.Add(new([.. Enumerable.Range(1, 4).Select(q => Head(q.ToString(CultureInfo.InvariantCulture)))]));
        }

        var byItem = new Dictionary<string, List<Measure>>(StringComparer.OrdinalIgnoreCase);
        var codes = new List<string>();
        foreach (var measure in plan.Measures.OrderBy(m => m.Number))
        {
            foreach (var code in measure.Items.Select(c => c.Trim()).Where(c => c.Length > 0))
            {
                if (!byItem.TryGetValue(code, out var list))
                {
                    byItem[code] = list = [];
                    codes.Add(code);
                }
                if (!list.Contains(measure))
                {
                    list.Add(measure);
                }
            }
        }

        var rows = new List<TableRow>();
        var shown = new HashSet<int>();
        int? group = int.MinValue;
        foreach (var code in codes.OrderBy(items.Order).ThenBy(codes.IndexOf))
        {
            var indicator = items.IndicatorOf(code);
            if (indicator != group)
            {
                group = indicator;
                var name = indicator is { } n
                    ? string.Create(CultureInfo.InvariantCulture, $"ตัวชี้วัดที่ {n} {framework.FindIndicator(n)?.NameTh}").TrimEnd()
                    : "ประเด็นอื่น ๆ";
                rows.Add(TableRow.Of(new Cell(name, columnSpan: columns.Count, bold: true)));
            }
            var measures = byItem[code];
            var text = items.TextOf(code);
            // As seed 000: the question's text is the weakness unless the agency words it; then it goes with the code.
            var ownWords = measures.Any(m => !string.IsNullOrWhiteSpace(m.Weakness));
            var first = true;
            // As seed 000 (ข้อ l2): the measures this item brings first, then the earlier ones it also applies (ตามข้อ N).
            foreach (var measure in measures.OrderBy(m => shown.Contains(m.Number) ? 1 : 0).ThenBy(m => m.Number).ToList())
            {
                var cells = new List<Cell>();
                // An item answered by several measures takes a row per measure; the item and its score are written on
                // the first (no row span: Chromium keeps spanned rows on one page, and these rows are long).
                if (first)
                {
                    cells.Add(text is null || !ownWords ? code : $"{code} {text}");
                    cells.Add(items.ScoreOf(code) is { } score ? Cell.Num(score) : new Cell("–", CellAlign.Center));
                    first = false;
                }
                else
                {
                    cells.Add(Cell.Empty());
                    cells.Add(Cell.Empty());
                }
                var continued = cells[0].Text.Length == 0;
                cells.Add(measure.Weakness ?? (ownWords || continued ? "" : text) ?? "");
                cells.AddRange(MeasureCells(measure, columns, reference: !shown.Add(measure.Number)));
                rows.Add(new TableRow(cells));
            }
        }

        var unlinked = plan.Measures.Where(m => !m.Items.Any(c => c.Trim().Length > 0)).OrderBy(m => m.Number).ToList();
        if (unlinked.Count > 0)
        {
            rows.Add(TableRow.Of(new Cell("มาตรการเพิ่มเติม", columnSpan: columns.Count, bold: true)));
            foreach (var measure in unlinked)
            {
                rows.Add(new TableRow([new Cell("–", CellAlign.Center), new Cell("–", CellAlign.Center), measure.Weakness ?? "",
                    .. MeasureCells(measure, columns, reference: false)]));
            }
        }

        if (rows.Count == 0)
        {
            yield return new Paragraph("ยังไม่มีมาตรการ", TextAlign.Left, firstLineIndent: true);
            yield break;
        }
        yield return new Table(header, rows, Balance(rows, columns.Widths, columns.Quarters), null, "มาตรการ", Compact: columns.Count > 8,
            RowsMayBreak: true);
        if (columns.SharedMonitoring is { } note)
        {
            yield return new Paragraph([new Run("หมายเหตุ (การกำกับติดตาม): ", Bold: true), new Run(note)], TextAlign.Justify);
        }
    }

    /// <summary>
    /// Widths for the texts this plan has: a row is as tall as its fullest cell, so a column gets width with the square
    /// root of its texts' mean length (steps of a few lines next to a one-line owner), between bounds.
    /// </summary>
    private static IReadOnlyList<double> Balance(IReadOnlyList<TableRow> rows, IReadOnlyList<double> widths, bool quarters)
    {
        var lengths = new List<int>[widths.Count];
        for (var c = 0; c < widths.Count; c++)
        {
            lengths[c] = [];
        }
        foreach (var placed in Rendering.CellGrid.Place(rows, widths.Count).SelectMany(r => r))
        {
            if (!placed.Continuation && placed.Cell.ColumnSpan == 1 && placed.Cell.Text.Length > 0)
            {
                lengths[placed.Column].Add(placed.Cell.Text.Length);
            }
        }
        // The score and the quarters keep theirs; a text column is at least as wide as its header needs: the codes and
        // the owners are short, the weakness, the measure and the steps are sentences.
        double Least(int c) => c switch { 0 => 2.4, 5 => 2.0, 2 or 3 or 4 => 2.8, _ => 2.4 };
        return [.. widths.Select((w, c) => c == 1 || (quarters && c is >= 6 and <= 9)
            ? w
            : Math.Clamp(0.3 * Math.Sqrt(lengths[c].Count == 0 ? 0 : lengths[c].Average()), Least(c), 5.5))];
    }

    /// <summary>Measure, steps, owners, then the optional columns: the quarters, monitoring and reporting.</summary>
    private static IEnumerable<Cell> MeasureCells(Measure measure, ItemColumns columns, bool reference)
    {
        var owners = string.Join("\n", measure.ResponsibleUnits);
        // As seed 000 writes a measure an earlier row shows: the reference and the owners; the rest is on that row.
        yield return reference ? ApplyMeasure(measure.Number) : MeasureTitle(measure);
        yield return reference ? "" : Steps(measure.Steps);
        yield return owners;
        if (columns.Quarters)
        {
            foreach (var cell in reference ? [new Cell("", columnSpan: 4)] : Quarters(measure.Timeline))
            {
                yield return cell;
            }
        }
        if (columns.Monitoring)
        {
            yield return reference ? "" : measure.Monitoring ?? "";
        }
        if (columns.Reporting)
        {
            yield return !reference && measure.Reporting is { } reporting ? ReportingText(reporting) : "";
        }
    }

    private static IEnumerable<Cell> Quarters(Timeline timeline)
    {
        if (timeline.ByQuarter)
        {
            for (var q = 1; q <= 4; q++)
            {
                yield return timeline.Quarters.Contains(q) ? Cell.Mark() : Cell.Empty();
            }
        }
        else if (timeline.ByDates)
        {
            yield return new Cell(DateRange(timeline), CellAlign.Center, columnSpan: 4);
        }
        else
        {
            yield return new Cell("", columnSpan: 4);
        }
    }

    // ---- By theme (seeds 002, 003) ----

    private static IEnumerable<Block> ByTheme(MeasurePlan plan, AnalysisReport? analysis, Framework framework, ItemLookup items)
    {
        var numbers = framework.Themes.Select(t => t.Number)
            .Concat(plan.Measures.SelectMany(m => m.Themes))
            .Concat(plan.Findings.Select(f => f.Theme))
            .Distinct()
            .Order()
            .ToList();
        foreach (var number in numbers)
        {
            var definition = framework.Themes.FirstOrDefault(t => t.Number == number);
            var themeAnalysis = analysis?.Themes.FirstOrDefault(t => t.Theme.Number == number);
            var name = definition?.NameTh ?? themeAnalysis?.Theme.NameTh
                ?? (number is >= ThemeDefinition.First and <= ThemeDefinition.Last ? DefaultThemeNames[number - 1] : "");
            yield return new Heading(1, string.Create(CultureInfo.InvariantCulture, $"{number}) {name}").TrimEnd());

            var themeItems = ThemeItems(themeAnalysis, definition, items,
                plan.Measures.Where(m => m.Themes.Contains(number)).SelectMany(m => m.Items));
            if (themeItems.Count > 0)
            {
                var header = TableRow.Of(Head("ข้อ"), Head("ข้อคำถาม/รายการ"), Head("แบบวัด"), Head("คะแนน"), Head("ผล"));
                var rows = themeItems.Select(i => TableRow.Of(
                    new Cell(i.Code, CellAlign.Center),
                    i.TextTh ?? "",
                    new Cell(i.Instrument.Code(), CellAlign.Center),
                    i.Score is { } s ? Cell.Num(s) : new Cell("–", CellAlign.Center),
                    new Cell(i.Weak switch { true => "จุดอ่อน", false => "ผ่าน", null => "–" }, CellAlign.Center))).ToList();
                yield return new Table([header], rows, [1, 7, 1.2, 1.2, 1.2], null,
                    string.Create(CultureInfo.InvariantCulture, $"ประเด็น {number}"));
            }

            if (themeAnalysis?.Status == ThemeStatus.KeepStandard)
            {
                yield return new Paragraph([new Run("ผลการวิเคราะห์: "), new Run("ไม่พบข้อบกพร่อง ควรรักษามาตรฐาน", Bold: true)],
                    TextAlign.Justify, FirstLineIndent: true);
            }
            foreach (var finding in plan.Findings.Where(f => f.Theme == number && !string.IsNullOrWhiteSpace(f.Text)))
            {
                yield return new Paragraph(finding.Text.Trim(), TextAlign.Justify, firstLineIndent: true);
            }

            var measures = plan.Measures.Where(m => m.Themes.Contains(number)).OrderBy(m => m.Number).ToList();
            if (measures.Count == 0)
            {
                yield return new Paragraph("ไม่มีมาตรการในประเด็นนี้", TextAlign.Left, firstLineIndent: true);
                continue;
            }
            yield return ThemeMeasureTable(measures, string.Create(CultureInfo.InvariantCulture, $"มาตรการ ประเด็น {number}"));
        }

        var unthemed = plan.Measures.Where(m => m.Themes.Count == 0).OrderBy(m => m.Number).ToList();
        if (unthemed.Count > 0)
        {
            yield return new Heading(1, "มาตรการเพิ่มเติม");
            yield return ThemeMeasureTable(unthemed, "มาตรการเพิ่มเติม");
        }
    }

    private static Table ThemeMeasureTable(IReadOnlyList<Measure> measures, string sheet)
    {
        var header = TableRow.Of(Head("มาตรการ/แนวทาง"), Head("ขั้นตอน/วิธีการปฏิบัติ"), Head("ระยะเวลา"), Head("ผู้รับผิดชอบ"));
        var rows = measures.Select(m =>
        {
            var steps = Steps(m.Steps);
            var extra = new List<string>();
            if (!string.IsNullOrWhiteSpace(m.Monitoring))
            {
                extra.Add("การกำกับติดตาม: " + m.Monitoring.Trim());
            }
            if (m.Reporting is { } reporting)
            {
                extra.Add("การรายงานผล: " + ReportingText(reporting).Replace("\n", " ", StringComparison.Ordinal));
            }
            if (extra.Count > 0)
            {
                steps = steps.Length > 0 ? steps + "\n" + string.Join("\n", extra) : string.Join("\n", extra);
            }
            return TableRow.Of(
                MeasureTitle(m),
                steps,
                new Cell(Period(m.Timeline), CellAlign.Center),
                string.Join("\n", m.ResponsibleUnits));
        }).ToList();
        return new Table([header], rows, [3, 6, 1.8, 2], null, sheet, RowsMayBreak: true);
    }

    /// <summary>The theme's items: as analysed, or as the framework lists them, or — for a year without a theme
    /// mapping — the items its measures answer, in the framework's order.</summary>
    private static List<ThemeItem> ThemeItems(ThemeAnalysis? analysed, ThemeDefinition? definition, ItemLookup items, IEnumerable<string> answered)
    {
        if (analysed is not null)
        {
            return [.. analysed.Items];
        }
        if (definition is null)
        {
            return [.. answered.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(items.Order)
                .Select(c => items.IsOitItem(c)
                    ? new ThemeItem(c, Instrument.Oit, true, items.TextOf(c), items.ScoreOf(c), null)
                    : new ThemeItem(c, items.InstrumentOf(c), false, items.TextOf(c), items.ScoreOf(c), null))];
        }
        return
        [
            .. definition.QuestionCodes.Select(c => new ThemeItem(c, items.InstrumentOf(c), false, items.TextOf(c), items.ScoreOf(c), null)),
            .. definition.OitItemCodes.Select(c => new ThemeItem(c, Instrument.Oit, true, items.TextOf(c), items.ScoreOf(c), null)),
        ];
    }

    // ---- Shared wording ----

    private static Cell Head(string text, int rowSpan = 1) => new(text, CellAlign.Center, rowSpan: rowSpan);

    private static string MeasureTitle(Measure measure)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"{measure.Number}. {measure.Title.Trim()}");
        return measure.Kind == MeasureKind.KeepStandard ? title + "\n(รักษามาตรฐาน)" : title;
    }

    /// <summary>The steps, numbered, each with its own owners when it has them (seed 003: ข้อ 4 ศปท.).</summary>
    private static string Steps(IReadOnlyList<MeasureStep> steps) => string.Join("\n", steps.Select((s, i) =>
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {s.Text.Trim()}");
        return s.Owners.Count > 0 ? $"{line} (ผู้รับผิดชอบ: {string.Join(", ", s.Owners)})" : line;
    }));

    /// <summary>"รายไตรมาส" … with to whom and how.</summary>
    public static string ReportingText(Reporting reporting)
    {
        ArgumentNullException.ThrowIfNull(reporting);
        var text = Cadence(reporting.Cadence);
        if (!string.IsNullOrWhiteSpace(reporting.To))
        {
            text += "\nเสนอ " + reporting.To.Trim();
        }
        if (!string.IsNullOrWhiteSpace(reporting.How))
        {
            text += "\nโดย " + reporting.How.Trim();
        }
        return text;
    }

    /// <summary>The cadence in Thai: รายเดือน, รายไตรมาส, ทุก 6 เดือน, รายปี.</summary>
    public static string Cadence(ReportingCadence cadence) => cadence switch
    {
        ReportingCadence.Monthly => "รายเดือน",
        ReportingCadence.Quarterly => "รายไตรมาส",
        ReportingCadence.EverySixMonths => "ทุก 6 เดือน",
        _ => "รายปี",
    };

    /// <summary>
    /// The period of a timeline as seeds 002 and 003 write it: "ไตรมาส 1–4", "ไตรมาส 1, 3", or the date range in full
    /// BE form ("1 ตุลาคม 2566 – 30 กันยายน 2567"); both on two lines when both are given; "–" when neither.
    /// </summary>
    public static string Period(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var parts = new List<string>();
        if (timeline.ByQuarter)
        {
            parts.Add("ไตรมาส " + QuarterRanges(timeline.Quarters));
        }
        if (timeline.ByDates)
        {
            parts.Add(DateRange(timeline));
        }
        return parts.Count == 0 ? "–" : string.Join("\n", parts);
    }

    private static string QuarterRanges(IReadOnlyList<int> quarters)
    {
        var sorted = quarters.Distinct().Order().ToList();
        var ranges = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            ranges.Add(j > i
                ? string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}–{sorted[j]}")
                : sorted[i].ToString(CultureInfo.InvariantCulture));
            i = j + 1;
        }
        return string.Join(", ", ranges);
    }

    private static string DateRange(Timeline timeline) => (timeline.From, timeline.To) switch
    {
        ({ } from, { } to) => $"{ThaiDates.Full(from)} – {ThaiDates.Full(to)}",
        ({ } from, null) => $"ตั้งแต่ {ThaiDates.Full(from)}",
        (null, { } to) => $"ภายใน {ThaiDates.Full(to)}",
        _ => "",
    };

    /// <summary>Texts, scores, indicators and framework order of the year's items.</summary>
    private sealed class ItemLookup
    {
        private readonly Framework _framework;
        private readonly Dictionary<string, int> _order = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, (decimal? Score, string? Text)> _analysed = new(StringComparer.OrdinalIgnoreCase);

        public ItemLookup(Framework framework, AnalysisReport? analysis)
        {
            _framework = framework;
            foreach (var question in framework.Questions)
            {
                _order.TryAdd(question.Code, _order.Count);
                foreach (var item in question.Items)
                {
                    _order.TryAdd(item.Code, _order.Count);
                }
            }
            foreach (var item in framework.OitItems)
            {
                _order.TryAdd(item.Code, _order.Count);
            }
            if (analysis is null)
            {
                return;
            }
            foreach (var item in analysis.Items)
            {
                _analysed.TryAdd(item.Code, (item.Score, item.TextTh));
            }
            foreach (var item in analysis.Themes.SelectMany(t => t.Items))
            {
                if (!_analysed.TryGetValue(item.Code, out var known) || known.Score is null)
                {
                    _analysed[item.Code] = (item.Score, item.TextTh ?? known.Text);
                }
            }
        }

        public int Order(string code) => _order.TryGetValue(code, out var order) ? order : int.MaxValue;

        public decimal? ScoreOf(string code) => _analysed.TryGetValue(code, out var known) ? known.Score : null;

        public string? TextOf(string code) =>
            (_analysed.TryGetValue(code, out var known) ? known.Text : null)
            ?? _framework.FindQuestion(code)?.TextTh
            ?? _framework.FindItem(code)?.Item.TextTh
            ?? _framework.FindOitItem(code)?.TextTh;

        public int? IndicatorOf(string code)
        {
            if (_framework.FindQuestion(code) is { } question)
            {
                return question.Indicator;
            }
            if (_framework.FindItem(code) is { } item)
            {
                return item.Question.Indicator;
            }
            return _framework.FindOitItem(code) is { SubIndicator: { } sub }
                ? _framework.FindSubIndicator(sub)?.Indicator
                : null;
        }

        public bool IsOitItem(string code) => _framework.FindOitItem(code) is not null;

        public Instrument InstrumentOf(string code) =>
            _framework.FindQuestion(code)?.Instrument ?? _framework.FindItem(code)?.Question.Instrument ?? Instrument.Iit;
    }
}
