using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Thai;

namespace OpenIta.Reports;

/// <summary>How the results document is written.</summary>
/// <param name="Digits">Thai (๐–๙) or Arabic digits (XLSX numbers stay numbers).</param>
/// <param name="Date">The document's date (given by the caller, never "today"); none when null.</param>
public sealed record ResultsDocumentOptions(DigitStyle Digits = DigitStyle.Arabic, DateOnly? Date = null);

/// <summary>One agency's result for one year in a group's table: what the database stores for listing.</summary>
/// <param name="Name">The agency's Thai name.</param>
/// <param name="Slug">The agency's slug.</param>
/// <param name="Year">The Buddhist-Era fiscal year.</param>
/// <param name="Total">The total, when there is one.</param>
/// <param name="Rating">The rating as written (A, ผ่านดี …), when decided.</param>
/// <param name="Instruments">Instrument scores, by instrument; a missing instrument is not scored.</param>
public sealed record GroupResultRow(
    string Name,
    string Slug,
    int Year,
    decimal? Total,
    string? Rating,
    IReadOnlyDictionary<Instrument, decimal> Instruments);

/// <summary>
/// The export of results (issue 4): one agency's result — instruments, indicators, OIT sub-indicators, questions and
/// sub-items with their texts and scores, the total and the rating — and a group's table (agencies × years: total,
/// rating, instruments). Made for XLSX, where every table is a sheet and every score a number; DOCX and PDF render it too.
/// </summary>
public static class ResultsDocument
{
    /// <summary>"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. 2565".</summary>
    public static string Title(FiscalYear year) => string.Create(CultureInfo.InvariantCulture,
        $"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {year.BuddhistEra}");

    /// <summary>The title of a group's table.</summary>
    public static string GroupTitle(string groupName) => $"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA): {groupName}";

    /// <summary>Builds one agency's result.</summary>
    /// <param name="card">The year's score card.</param>
    /// <param name="framework">The methodology of the card's year (names, texts).</param>
    /// <param name="agency">The agency's name and header lines.</param>
    /// <param name="options">Digits and date.</param>
    /// <param name="oitItems">OIT item scores by code (0 or 100), when known (the card does not carry them).</param>
    public static ReportDocument Build(
        ScoreCard card, Framework framework, AnalysisAgency agency, ResultsDocumentOptions options,
        IReadOnlyDictionary<string, decimal>? oitItems = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(options);
        if (framework.Year != card.Year)
        {
            throw new ArgumentException($"The card is of FY{card.Year.BuddhistEra} but the framework of FY{framework.Year.BuddhistEra}.", nameof(framework));
        }

        var blocks = new List<Block>
        {
            new Heading(1, "1. คะแนนรวมและแบบวัด"),
            Summary(card, framework),
            new Heading(1, "2. คะแนนรายตัวชี้วัด"),
            Indicators(card, framework),
        };
        var section = 2;
        string Next(string title) => string.Create(CultureInfo.InvariantCulture, $"{++section}. {title}");
        if (card.SubIndicators.Count > 0)
        {
            blocks.Add(new Heading(1, Next("คะแนนรายตัวชี้วัดย่อย (OIT)")));
            blocks.Add(SubIndicators(card, framework));
        }
        if (card.Questions.Count > 0)
        {
            blocks.Add(new Heading(1, Next("คะแนนรายข้อคำถาม")));
            blocks.Add(Questions(card, framework));
        }
        if (oitItems is { Count: > 0 })
        {
            blocks.Add(new Heading(1, Next("คะแนนรายข้อ OIT")));
            blocks.Add(OitItems(oitItems, framework));
        }
        return new ReportDocument(
            new DocumentOptions(Title(card.Year), options.Digits, new AgencyHeader(agency.NameTh, agency.Lines), Date: options.Date),
            blocks);
    }

    /// <summary>Builds a group's table: one row per agency and year, in the order given.</summary>
    /// <param name="groupName">The group's Thai name (a ministry, a province).</param>
    /// <param name="rows">The results, in the order to show.</param>
    /// <param name="options">Digits and date.</param>
    public static ReportDocument BuildGroup(string groupName, IReadOnlyList<GroupResultRow> rows, ResultsDocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var instruments = rows.SelectMany(r => r.Instruments.Keys).Distinct().Order().ToList();
        var header = new TableRow([
            Head("ลำดับ"), Head("หน่วยงาน"), Head("รหัส"), Head("ปีงบประมาณ"), Head("คะแนนรวม"), Head("ระดับ"),
            .. instruments.Select(i => Head(i.Code())),
        ]);
        var body = rows.Select((r, n) => new TableRow([
            Number(n + 1),
            r.Name,
            new Cell(r.Slug) { NoWrap = true },
            new Cell(r.Year.ToString(CultureInfo.InvariantCulture), CellAlign.Center), // a year, not a quantity: no grouping in XLSX
            r.Total is { } t ? Cell.Num(t) : Dash(),
            new Cell(r.Rating ?? "–", CellAlign.Center),
            .. instruments.Select(i => r.Instruments.TryGetValue(i, out var s) ? Cell.Num(s) : Dash()),
        ])).ToList();
        var blocks = new List<Block>();
        if (rows.Count == 0)
        {
            blocks.Add(new Paragraph("ไม่มีผลการประเมิน"));
        }
        else
        {
            // Eleven columns in 12 pt, and the agency's name takes the room the numbers leave: in 14 pt the numbers and
            // the headers, each one word, left the name a column so narrow that it took two or three lines.
            blocks.Add(new Table([header], body, [1.0, 9, 2.2, 1.9, 1.6, 1.6, .. instruments.Select(_ => 1.3)], null, "ผลการประเมิน",
                Compact: instruments.Count > 3));
        }
        return new ReportDocument(new DocumentOptions(GroupTitle(groupName), options.Digits, Date: options.Date, Landscape: instruments.Count > 3), blocks);
    }

    private static Table Summary(ScoreCard card, Framework framework)
    {
        var header = TableRow.Of(Head("แบบวัด"), Head("ชื่อแบบวัด"), Head("น้ำหนัก (ร้อยละ)"), Head("คะแนน"), Head("หมายเหตุ"));
        var rows = card.Instruments.Select(i => TableRow.Of(
            new Cell(i.Instrument.Code(), CellAlign.Center),
            framework.FindInstrument(i.Instrument)?.NameTh ?? i.Instrument.Code(),
            i.Weight is { } w ? Cell.Num(w * 100) : Dash(),
            i.Score is { } s ? Cell.Num(s) : Dash(),
            i.Reason?.Thai ?? (i.Respondents is { } n ? string.Create(CultureInfo.InvariantCulture, $"ผู้ตอบ {n:#,0} คน") : ""))).ToList();
        rows.Add(TableRow.Of(
            new Cell("คะแนนรวม", CellAlign.Center, columnSpan: 3, bold: true),
            card.Total is { } total ? Cell.Num(total) with { Bold = true } : Dash(),
            card.TotalReason?.Thai ?? ""));
        rows.Add(TableRow.Of(
            new Cell("ระดับผลการประเมิน", CellAlign.Center, columnSpan: 3, bold: true),
            new Cell(card.Rating?.NameTh ?? (card.RatingUndecided ? RatingWording.Levels(card).Th : "–"), CellAlign.Center, bold: true),
            card.RatingUndecided
                ? "ยังตัดสินระดับไม่ได้: " + RatingWording.DecidedBy(card).Th
                : card.Passed is { } passed ? (passed ? "ผ่านเกณฑ์" : "ไม่ผ่านเกณฑ์") : ""));
        return new Table([header], rows, [1.2, 4, 1.5, 1.3, 3], null, "สรุป");
    }

    private static Table Indicators(ScoreCard card, Framework framework)
    {
        var parts = framework.HasEitParts;
        var header = new TableRow([
            Head("ตัวชี้วัดที่"), Head("ตัวชี้วัด"), Head("แบบวัด"), Head("คะแนน"),
            .. parts ? new[] { Head("EIT1"), Head("EIT2") } : [],
        ]);
        var rows = new List<TableRow>();
        foreach (var definition in framework.Indicators)
        {
            var scored = card.Indicator(definition.Number);
            rows.Add(new TableRow([
                Number(definition.Number),
                definition.NameTh,
                new Cell(definition.Instrument.Code(), CellAlign.Center),
                scored?.Score is { } s ? Cell.Num(s) : Dash(),
                .. parts
                    ? new[] { Part(scored, Instrument.Eit1, definition), Part(scored, Instrument.Eit2, definition) }
                    : [],
            ]));
        }
        return new Table([header], rows, parts ? [1, 4, 1, 1.2, 1.2, 1.2] : [1, 4, 1, 1.2], null, "ตัวชี้วัด");
    }

    private static Cell Part(IndicatorScore? scored, Instrument part, IndicatorDefinition definition) =>
        definition.Instrument == Instrument.Eit && scored is not null && scored.Parts.TryGetValue(part, out var s) ? Cell.Num(s) : Dash();

    private static Table SubIndicators(ScoreCard card, Framework framework)
    {
        var header = TableRow.Of(Head("ตัวชี้วัดย่อย"), Head("ชื่อ"), Head("ตัวชี้วัดที่"), Head("คะแนน"));
        var rows = card.SubIndicators.Select(s => TableRow.Of(
            new Cell(s.Code, CellAlign.Center),
            framework.FindSubIndicator(s.Code)?.NameTh ?? "",
            Number(s.Indicator),
            s.Score is { } score ? Cell.Num(score) : Dash())).ToList();
        return new Table([header], rows, [1.2, 5, 1, 1.2], null, "ตัวชี้วัดย่อย");
    }

    private static Table Questions(ScoreCard card, Framework framework)
    {
        var header = TableRow.Of(Head("ข้อ"), Head("ข้อคำถาม"), Head("แบบวัด"), Head("ตัวชี้วัด"), Head("คะแนน"));
        var rows = new List<TableRow>();
        foreach (var question in card.Questions)
        {
            var definition = framework.FindQuestion(question.Code);
            rows.Add(TableRow.Of(
                new Cell(question.Code, CellAlign.Center, bold: question.SubItems.Count > 0),
                definition?.TextTh ?? definition?.TextEn ?? "",
                new Cell(question.Instrument.Code(), CellAlign.Center),
                question.Indicator is { } n ? Number(n) : Dash(),
                Cell.Num(question.Score)));
            var codes = definition?.Items.Select(i => i.Code).Where(question.SubItems.ContainsKey)
                ?? question.SubItems.Keys.Order(StringComparer.Ordinal);
            foreach (var code in codes)
            {
                var item = framework.FindItem(code)?.Item;
                rows.Add(TableRow.Of(
                    new Cell(code, CellAlign.Center),
                    "– " + (item?.TextTh ?? item?.TextEn ?? ""),
                    new Cell(question.Instrument.Code(), CellAlign.Center),
                    question.Indicator is { } m ? Number(m) : Dash(),
                    Cell.Num(question.SubItems[code])));
            }
        }
        return new Table([header], rows, [1, 7, 1, 1, 1.2], null, "ข้อคำถาม");
    }

    private static Table OitItems(IReadOnlyDictionary<string, decimal> scores, Framework framework)
    {
        var header = TableRow.Of(Head("ข้อ"), Head("รายการ"), Head("ตัวชี้วัดย่อย"), Head("คะแนน"));
        var order = framework.OitItems.Select((item, i) => (item.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.OrdinalIgnoreCase);
        var rows = scores
            .OrderBy(p => order.TryGetValue(p.Key, out var i) ? i : int.MaxValue)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p =>
            {
                var definition = framework.FindOitItem(p.Key);
                return TableRow.Of(
                    new Cell(p.Key, CellAlign.Center),
                    definition?.TextTh ?? definition?.TextEn ?? "",
                    new Cell(definition?.SubIndicator ?? "–", CellAlign.Center),
                    Cell.Num(p.Value));
            }).ToList();
        return new Table([header], rows, [1, 7, 1.2, 1.2], null, "OIT");
    }

    private static Cell Head(string text) => new(text, CellAlign.Center);

    private static Cell Dash() => new("–", CellAlign.Center);

    private static Cell Number(int n) => new(n.ToString(CultureInfo.InvariantCulture), CellAlign.Center, number: n);
}
