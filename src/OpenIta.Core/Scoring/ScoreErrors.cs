using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Scoring;

/// <summary>
/// Why a score input is refused, in Thai and English (<see cref="ScoreInputException.Reason"/>): the one place these
/// sentences are written, for the engine, the JSON reader, the web's forms and imports, the API and the CLI.
/// </summary>
public static class ScoreErrors
{
    public static Message Range(decimal value) =>
        Message.Of("score.range", "{value} ไม่ใช่คะแนนระหว่าง 0 ถึง 100", "{value} is not a score from 0 to 100", ("value", value));

    public static Message Decimals(decimal value) =>
        Message.Of("score.decimals", "{value} มีทศนิยมเกิน 4 ตำแหน่ง", "{value} has more than 4 decimals", ("value", value));

    public static Message NotANumber(string raw) =>
        Message.Of("score.not-a-number", "{raw} ไม่ใช่ตัวเลข", "{raw} is not a number", ("raw", raw));

    public static Message NotACount(string raw) =>
        Message.Of("input.not-a-count", "{raw} ไม่ใช่จำนวนคน", "{raw} is not a number of people", ("raw", raw));

    public static Message GivenTwice() => Message.Of("input.twice", "ให้ค่าซ้ำสองครั้ง", "is given twice");

    public static Message Shape(string code, string thai, string english) => Message.Of("input." + code, thai, english);

    public static Message UnknownQuestion(string code, int year) =>
        Message.Of("score.unknown-question", "ปีงบประมาณ พ.ศ. {year} ไม่มีข้อคำถามหรือข้อย่อย {code}", "no question or sub-item {code} in FY{year}",
            ("code", code), ("year", year));

    public static Message UnknownOitItem(string code, int year) =>
        Message.Of("score.unknown-oit-item", "ปีงบประมาณ พ.ศ. {year} ไม่มีข้อ OIT {code}", "no OIT item {code} in FY{year}", ("code", code), ("year", year));

    public static Message UnknownSubIndicator(string code, int year) =>
        Message.Of("score.unknown-sub-indicator", "ปีงบประมาณ พ.ศ. {year} ไม่มีตัวชี้วัดย่อย {code}", "no OIT sub-indicator {code} in FY{year}",
            ("code", code), ("year", year));

    public static Message UnknownIndicator() =>
        Message.Of("score.unknown-indicator", "ตัวชี้วัดมีหมายเลข 1 ถึง 10", "indicators are numbered 1 to 10");

    public static Message UnknownInstrument(string allowed) =>
        Message.Of("score.unknown-instrument", "ไม่ใช่เครื่องมือการประเมิน: ใช้ {allowed}", "unknown instrument: {allowed}", ("allowed", allowed));

    public static Message EitInParts() =>
        Message.Of("score.eit-in-parts", "ตั้งแต่ปีงบประมาณ พ.ศ. 2566 EIT มีสองส่วน: ให้คะแนน EIT ส่วนที่ 1 และส่วนที่ 2 หรือคะแนน EIT รวม",
            "from FY2566 EIT is scored in two parts: give EIT1 and EIT2, or the combined EIT");

    public static Message EitAsOne(int year) =>
        Message.Of("score.eit-as-one", "ปีงบประมาณ พ.ศ. {year} ประเมิน EIT เป็นเครื่องมือเดียว: ให้คะแนน EIT", "FY{year} scores EIT as one instrument: give EIT",
            ("year", year));

    public static Message EitAnswersInParts() =>
        Message.Of("score.eit-answers-in-parts", "ตั้งแต่ปีงบประมาณ พ.ศ. 2566 คำตอบ EIT มีสองส่วน: EIT ส่วนที่ 1 และส่วนที่ 2",
            "from FY2566 EIT answers come in two parts: EIT1 and EIT2");

    public static Message NotASurvey(Instrument instrument, int year) =>
        Message.Of("score.not-a-survey", "{code} ไม่ใช่แบบวัดการรับรู้ของปีงบประมาณ พ.ศ. {year}", "{code} is not a survey instrument of FY{year}",
            ("code", instrument.Code()), ("year", year));

    public static Message NotAnItemOf(string item, Instrument instrument, int year) =>
        Message.Of("score.not-an-item-of", "{item} ไม่ใช่ข้อของ {code} ในปีงบประมาณ พ.ศ. {year}", "{item} is not a {code} item of FY{year}",
            ("item", item), ("code", instrument.Code()), ("year", year));

    public static Message Contradiction(decimal given, decimal computed, Message from) =>
        Message.Of("score.contradiction", "ข้อมูลขัดกัน: ให้ค่า {given} แต่{from}ได้ {computed}",
            "contradictory levels: {given} is given but {from} give {computed}",
            ("given", Score.Display(given)), ("computed", Score.Display(computed)), ("from", from));

    public static Message AnswerSubItems(string question, string items) =>
        Message.Of("score.answer-sub-items", "ข้อ {question} มีข้อย่อย: ตอบทุกข้อย่อย ({items})", "{question} has sub-items; answer each of them ({items})",
            ("question", question), ("items", items));

    public static Message WrongInstrument(string item, Instrument of, Instrument given) =>
        Message.Of("score.wrong-instrument", "{item} เป็นข้อคำถามของ {of} ไม่ใช่ {given}", "{item} is a {of} question, not {given}",
            ("item", item), ("of", of.Code()), ("given", given.Code()));

    public static Message UnknownScale(string item, int year) =>
        Message.Of("score.unknown-scale", "ยังไม่ทราบเกณฑ์ให้คะแนนคำตอบข้อ {item} ของปีงบประมาณ พ.ศ. {year} จึงคำนวณจากคำตอบรายคนไม่ได้: ให้คะแนนรายข้อแทน",
            "the answer scale of {item} in FY{year} is unknown, so raw answers cannot be scored; give question scores instead",
            ("item", item), ("year", year));

    public static Message NoAnswers() => Message.Of("score.no-answers", "ไม่มีคำตอบ", "has no answers");

    public static Message NotAnAnswer(string label, string item, string allowed) =>
        Message.Of("score.not-an-answer", "\"{label}\" ไม่ใช่คำตอบของข้อ {item} ({allowed})", "'{label}' is not an answer of {item} ({allowed})",
            ("label", label), ("item", item), ("allowed", allowed));

    /// <summary>What a computed level comes from, as the engine names it ("its questions", "indicators 6–8").</summary>
    public static Message Source(string from)
    {
        ArgumentNullException.ThrowIfNull(from);
        var thai = from switch
        {
            "the answers" => "คำตอบ",
            "its sub-items" => "ข้อย่อย",
            "its items" => "ข้อ OIT",
            "its questions" => "ข้อคำถาม",
            "its sub-indicators" => "ตัวชี้วัดย่อย",
            "EIT1 and EIT2" => "EIT ส่วนที่ 1 และส่วนที่ 2",
            "the weighted instruments" => "คะแนนเครื่องมือถ่วงน้ำหนัก",
            _ when from.StartsWith("indicators ", StringComparison.Ordinal) => "ตัวชี้วัดที่ " + from["indicators ".Length..],
            _ => "ระดับที่ละเอียดกว่า",
        };
        return Message.Of("score.source", thai, from);
    }
}
