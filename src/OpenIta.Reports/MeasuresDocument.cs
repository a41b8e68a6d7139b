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
/// digits; the renderers apply <see cref="MeasuresDocumentOptions.Digits"/>. The layouts are
/// <see cref="MeasuresByItem"/> and <see cref="MeasuresByTheme"/>; what both write (titles, steps, periods, reporting,
/// the items' texts and scores) is here.
/// </summary>
public static class MeasuresDocument
{
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
            ? MeasuresByTheme.Blocks(plan, analysis, framework, items)
            : MeasuresByItem.Blocks(plan, framework, items));
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

    // ---- Shared by both layouts ----

    internal static Cell Head(string text, int rowSpan = 1) => new(text, CellAlign.Center, rowSpan: rowSpan);

    internal static string MeasureTitle(Measure measure)
    {
        var title = string.Create(CultureInfo.InvariantCulture, $"{measure.Number}. {measure.Title.Trim()}");
        return measure.Kind == MeasureKind.KeepStandard ? title + "\n(รักษามาตรฐาน)" : title;
    }

    /// <summary>The steps, numbered, each with its own owners when it has them (seed 003: ข้อ 4 ศปท.).</summary>
    internal static string Steps(IReadOnlyList<MeasureStep> steps) => string.Join("\n", steps.Select((s, i) =>
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

    internal static string DateRange(Timeline timeline) => (timeline.From, timeline.To) switch
    {
        ({ } from, { } to) => $"{ThaiDates.Full(from)} – {ThaiDates.Full(to)}",
        ({ } from, null) => $"ตั้งแต่ {ThaiDates.Full(from)}",
        (null, { } to) => $"ภายใน {ThaiDates.Full(to)}",
        _ => "",
    };

    /// <summary>Texts, scores, indicators and framework order of the year's items.</summary>
    internal sealed class ItemLookup
    {
        private readonly Framework _framework;
        private readonly Dictionary<string, int> _order = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, (decimal? Score, string? Text)> _analysed = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Tier> _tiers = new(StringComparer.OrdinalIgnoreCase);

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
                _tiers.TryAdd(item.Code, item.Tier);
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

        /// <summary>The analysis's tier of an item with a score (seed 001 groups its items by these), else null.</summary>
        public Tier? TierOf(string code) => _tiers.TryGetValue(code, out var tier) ? tier : null;

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
