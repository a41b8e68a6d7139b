using System.Globalization;
using System.Text.RegularExpressions;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Scoring;

/// <summary>
/// A field of the score input contract (<c>indicators.6</c>, <c>instruments.EIT</c>, <c>published.total</c>,
/// <c>responses.IIT[3].I1</c>) as a reader names it: "ตัวชี้วัดที่ 6 การปรับปรุงการทำงาน", never the path. The path itself
/// stays the machine's (the API's <c>field</c>, the import's column).
/// </summary>
public static partial class FieldLabels
{
    public static Message Of(string field, Framework? framework = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.StartsWith("published.", StringComparison.Ordinal))
        {
            var inner = Of(field["published.".Length..], framework);
            return Message.Of("field.published", "{inner} ที่เผยแพร่", "published {inner}", ("inner", inner));
        }
        var (head, rest) = Split(field);
        return head switch
        {
            "total" => Message.Of("field.total", "คะแนนรวม", "Total"),
            "rating" => Message.Of("field.rating", "ระดับผลการประเมิน", "Rating"),
            "fiscalYear" => Message.Of("field.fiscal-year", "ปีงบประมาณ", "Fiscal year"),
            "participation" => Message.Of("field.participation", "ข้อมูลการเข้าร่วมการประเมิน", "Participation"),
            "instruments" when rest == "EIT (from indicators 6–8)" =>
                Message.Of("field.instrument", "EIT (คำนวณจากตัวชี้วัดที่ 6–8)", "EIT (from indicators 6–8)", ("code", "EIT")),
            "instruments" => Message.Of("field.instrument", "คะแนนเครื่องมือ {code}", "Instrument {code}", ("code", rest)),
            "indicators" => Indicator(rest, framework),
            "subIndicators" => Message.Of("field.sub-indicator", "ตัวชี้วัดย่อย {code}{name}", "Sub-indicator {code}{name}",
                ("code", rest), ("name", framework?.FindSubIndicator(rest ?? "") is { } sub ? " " + sub.NameTh : "")),
            "questions" => Message.Of("field.question", "ข้อคำถาม {code}", "Question {code}", ("code", rest)),
            "oitItems" => Message.Of("field.oit-item", "ข้อ OIT {code}", "OIT item {code}", ("code", rest)),
            "responses" when rest is not null && EnteredAnswer().Match(rest) is { Success: true } entered =>
                Message.Of("field.entered-answer", "คำตอบข้อ {item} ของชุดคำตอบที่ {row}", "Answer to {item} of response {row}",
                    ("item", entered.Groups["item"].Value), ("row", int.Parse(entered.Groups["row"].Value, CultureInfo.InvariantCulture) + 1)),
            "responses" => Responses(rest ?? ""),
            // A survey's public answers (answers.I1.1) and its phone check, as the respondent knows them.
            "answers" when rest is not null => Message.Of("field.survey-answer", "คำตอบข้อ {item}", "Answer to {item}", ("item", rest)),
            "answers" => Message.Of("field.survey-answers", "คำตอบ", "The answers"),
            "phone" => Message.Of("field.phone", "หมายเลขโทรศัพท์มือถือ", "Mobile number"),
            "ticket" => Message.Of("field.ticket", "การยืนยันหมายเลขโทรศัพท์", "The phone's verification"),
            _ => Message.Of("field.input", "ข้อมูลที่ส่งมา", "The input"),
        };
    }

    private static (string Head, string? Tail) Split(string field)
    {
        var dot = field.IndexOfAny(['.', '[']);
        if (dot < 0)
        {
            return (field, null);
        }
        return (field[..dot], field[dot] == '.' ? field[(dot + 1)..] : field[dot..]);
    }

    private static Message Indicator(string? rest, Framework? framework)
    {
        var name = int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && framework?.FindIndicator(number) is { } indicator ? indicator : null;
        return Message.Of("field.indicator", "ตัวชี้วัดที่ {number}{name}", "Indicator {number}{nameEn}",
            ("number", rest), ("name", name is null ? "" : " " + name.NameTh), ("nameEn", name is null ? "" : " " + name.NameEn));
    }

    private static Message Responses(string rest)
    {
        // IIT[3].I1 → the answer of respondent 4 (rows count from 1 for people) to item I1 of IIT
        var match = ResponsePath().Match(rest);
        if (!match.Success)
        {
            return Message.Of("field.responses", "คำตอบของแบบวัด {instrument}", "Answers of {instrument}", ("instrument", rest));
        }
        var row = int.Parse(match.Groups["row"].Value, CultureInfo.InvariantCulture) + 1;
        return match.Groups["item"].Success
            ? Message.Of("field.answer", "คำตอบข้อ {item} ของผู้ตอบรายที่ {row} แบบวัด {instrument}", "Answer to {item} of respondent {row} of {instrument}",
                ("instrument", match.Groups["instrument"].Value), ("row", row), ("item", match.Groups["item"].Value))
            : Message.Of("field.respondent", "ผู้ตอบรายที่ {row} แบบวัด {instrument}", "Respondent {row} of {instrument}",
                ("instrument", match.Groups["instrument"].Value), ("row", row));
    }

    [GeneratedRegex(@"^\[(?<row>\d+)\]\.answers\.(?<item>.+)$")]
    private static partial Regex EnteredAnswer();

    [GeneratedRegex(@"^(?<instrument>[A-Z0-9]+)\[(?<row>\d+)\](\.(?<item>.+))?$")]
    private static partial Regex ResponsePath();
}
