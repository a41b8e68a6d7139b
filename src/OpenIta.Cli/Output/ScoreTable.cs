using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using Spectre.Console;

namespace OpenIta.Cli.Output;

/// <summary>The readable Thai/English summary of a score card (<c>openita score</c> without --format json).</summary>
public static class ScoreTable
{
    public static void Write(TextWriter output, Framework framework, ScoreCard card, IReadOnlyList<string> ignored, bool hasPublished)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(card);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 110;

        console.WriteLine($"ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {card.Year} · ITA result FY{card.Year}");
        console.WriteLine();
        var total = card.Total is { } t ? Score.Display(t) : $"– ({card.TotalReason?.Thai} · {card.TotalReason?.English})";
        console.WriteLine($"คะแนนรวม · Total: {total}");
        var rating = card.Rating is { } r
            ? r.NameTh == r.Code ? r.Code : $"{r.NameTh} ({r.NameEn})"
            : card.RatingUndecided
                ? $"{RatingWording.Undecided.Th} · {RatingWording.Sentence(card).Th} · {RatingWording.Sentence(card).En}"
                : "–";
        console.WriteLine($"ระดับผลการประเมิน · Rating: {rating}");
        if (card.Passed is { } passed)
        {
            console.WriteLine(passed
                ? $"ผ่านเกณฑ์ {Mark(framework.PassMark)} คะแนน · Passes the {Mark(framework.PassMark)} mark"
                : $"ไม่ผ่านเกณฑ์ {Mark(framework.PassMark)} คะแนน · Below the {Mark(framework.PassMark)} mark");
        }
        console.WriteLine();

        var instruments = new Table().Border(TableBorder.Ascii).Title("แบบวัด · Instruments");
        instruments.AddColumns("แบบวัด", "Instrument", "น้ำหนัก Weight", "คะแนน Score", "ที่มา Origin", "หมายเหตุ Note");
        foreach (var instrument in card.Instruments)
        {
            var definition = framework.FindInstrument(instrument.Instrument);
            instruments.AddRow(
                instrument.Instrument.Code(),
                Markup.Escape(definition?.NameEn ?? "EIT (mean of EIT1 and EIT2)"),
                instrument.Weight is { } w ? (w * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %" : "–",
                Score.Display(instrument.Score) ?? "–",
                Origin(instrument.Origin),
                Markup.Escape(instrument.Reason is { } reason ? $"{reason.Thai} · {reason.English}" : ""));
        }
        console.Write(instruments);

        var indicators = new Table().Border(TableBorder.Ascii).Title("ตัวชี้วัด · Indicators");
        indicators.AddColumns("#", "ตัวชี้วัด · Indicator", "แบบวัด", "คะแนน Score", $"เกณฑ์ {Mark(framework.PassMark)}");
        foreach (var indicator in card.Indicators)
        {
            var definition = framework.FindIndicator(indicator.Number)!;
            indicators.AddRow(
                indicator.Number.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{definition.NameTh} · {definition.NameEn}"),
                indicator.Instrument.Code(),
                Score.Display(indicator.Score) ?? "–",
                indicator.Score is { } s ? (Score.Round(s) >= framework.PassMark ? "ผ่าน pass" : "ไม่ผ่าน below") : "");
        }
        console.Write(indicators);

        if (card.Questions.Count > 0)
        {
            var questions = new Table().Border(TableBorder.Ascii).Title("ข้อคำถาม · Questions");
            questions.AddColumns("ข้อ Code", "ตัวชี้วัด", "คะแนน Score", "ข้อย่อย Sub-items", "ที่มา Origin");
            foreach (var question in card.Questions)
            {
                questions.AddRow(
                    Markup.Escape(question.Code),
                    question.Indicator?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    Score.Display(question.Score),
                    Markup.Escape(string.Join("  ", question.SubItems.Select(s => $"{s.Key} {Score.Display(s.Value)}"))),
                    Origin(question.Origin));
            }
            console.Write(questions);
        }

        if (hasPublished && card.Discrepancies.Count == 0)
        {
            console.WriteLine("ตัวเลขที่เผยแพร่ตรงกับที่คำนวณ · Every published figure matches the recomputed one.");
        }
        if (card.Discrepancies.Count > 0)
        {
            var discrepancies = new Table().Border(TableBorder.Ascii).Title("ตัวเลขที่เผยแพร่ไม่ตรงกับที่คำนวณ · Published figures that differ");
            discrepancies.AddColumns("Field", "เผยแพร่ Published", "คำนวณ Computed");
            foreach (var d in card.Discrepancies)
            {
                discrepancies.AddRow(Markup.Escape(d.Field), Markup.Escape(d.PublishedText), Markup.Escape(d.ComputedText));
            }
            console.Write(discrepancies);
        }
        var warnings = card.Warnings.ToList();
        if (ignored.Count > 0)
        {
            warnings.Add(OpenIta.Core.Scoring.Json.ScoreCardWriter.IgnoredFields(ignored));
        }
        if (warnings.Count > 0)
        {
            console.WriteLine("ข้อสังเกต · Warnings");
            foreach (var warning in warnings)
            {
                // The CLI has no language switch: each message in Thai, then in English.
                console.WriteLine($"- {warning.Thai}");
                console.WriteLine($"  {warning.English}");
            }
        }
    }

    private static string Mark(decimal mark) => mark.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Origin(ValueOrigin? origin) => origin switch
    {
        ValueOrigin.Given => "given",
        ValueOrigin.Computed => "computed",
        _ => "–",
    };
}
