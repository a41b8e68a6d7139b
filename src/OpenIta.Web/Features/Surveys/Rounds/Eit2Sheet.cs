using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Data.Surveys;
using OpenIta.Web.Features.Import;

namespace OpenIta.Web.Features.Surveys.Rounds;

/// <summary>One mistake of a filled EIT part 2 workbook: the sheet, the row and the column as the spreadsheet shows them.</summary>
public sealed record Eit2SheetError(Message Message);

/// <summary>A filled EIT part 2 workbook that cannot be taken: every mistake found, each naming its sheet, row and column.</summary>
public sealed class Eit2SheetException : Exception
{
    public Eit2SheetException(IReadOnlyList<Eit2SheetError> errors) : base(string.Join("; ", (errors ?? []).Select(e => e.Message.English)))
    {
        Errors = errors ?? [];
    }

    public Eit2SheetException(Core.Text.Message message) : this([new Eit2SheetError(message)])
    {
    }

    public Eit2SheetException() : this(Core.Text.Message.Of("eit2.sheet-invalid", "อ่านไฟล์ไม่ได้", "The file cannot be read."))
    {
    }

    public Eit2SheetException(string message) : this(Core.Text.Message.Of("eit2.sheet-invalid", message, message))
    {
    }

    public Eit2SheetException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [new Eit2SheetError(Core.Text.Message.Of("eit2.sheet-invalid", message, message))];
    }

    public IReadOnlyList<Eit2SheetError> Errors { get; }
}

/// <summary>
/// EIT part 2 as a workbook an assessor fills offline (issue 12, item 5): sheet <see cref="ResponsesSheet"/> has one column
/// per scored item of the round's questionnaire (its code in row 1, its Thai text in row 2) and one row per respondent;
/// sheet <see cref="QuestionsSheet"/> lists each item's full text and the values it takes; sheet <see cref="HelpSheet"/>
/// says how to fill it. Reading uses the imports' bounded reader (<see cref="Sheets"/>) and the questionnaire's own rule
/// for an answer (<see cref="Questionnaire.Encode"/>): every row is checked, and every mistake names the sheet, the row
/// and the column (letter and item code). A blank row is skipped; a row with any answer is a response, which must answer
/// every item. The text row of the template is recognised (each of its cells is the text written there) and skipped.
/// </summary>
public static class Eit2Sheet
{
    public const string ResponsesSheet = "คำตอบ";
    public const string QuestionsSheet = "ข้อคำถาม";
    public const string HelpSheet = "คำอธิบาย";

    /// <summary>At most this many mistakes are listed: the file is refused either way.</summary>
    public const int MaxErrors = 50;

    public static string FileName(string slug, int fiscalYear) =>
        string.Create(CultureInfo.InvariantCulture, $"openita-eit2-{slug}-{fiscalYear}.xlsx");

    /// <summary>The template of a questionnaire's EIT part 2: the header of item codes, the text row and 20 empty rows' width.</summary>
    public static byte[] Template(Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        var items = questionnaire.Columns(Instrument.Eit2);
        var responses = new List<IReadOnlyList<object?>>
        {
            items.Select(i => (object?)i.Code).ToList(),
            items.Select(i => (object?)Label(i)).ToList(),
        };
        var questions = new List<IReadOnlyList<object?>> { new object?[] { "รหัส", "ข้อคำถาม", "ค่าที่ตอบได้ (ใส่ตัวเลข หรือข้อความของตัวเลือก)" } };
        foreach (var question in questionnaire.Questions(Instrument.Eit2))
        {
            if (question.HasSubItems)
            {
                questions.Add(new object?[] { question.Code, question.TextTh ?? question.Code, "" });
            }
            foreach (var item in question.Items)
            {
                var text = question.HasSubItems ? "  " + Label(item) : Label(item);
                questions.Add(new object?[] { item.Code, text, Options(item) });
            }
        }
        var help = new List<IReadOnlyList<object?>>
        {
            new object?[] { "คำอธิบาย" },
            new object?[] { $"แผ่นงาน \"{ResponsesSheet}\": หนึ่งแถวต่อผู้ตอบหนึ่งคน เริ่มที่แถว 3 หนึ่งคอลัมน์ต่อข้อคำถาม (รหัสในแถว 1 ข้อความในแถว 2) ห้ามแก้ไขแถว 1" },
            new object?[] { $"ใส่ค่าของตัวเลือก (1 คือตัวเลือกแรก) หรือข้อความของตัวเลือกตามแผ่นงาน \"{QuestionsSheet}\" ผู้ตอบแต่ละคนต้องตอบทุกข้อ" },
            new object?[] { string.Create(CultureInfo.InvariantCulture, $"แถวที่ว่างจะข้ามไป ส่งได้ครั้งละไม่เกิน {SurveyResponses.MaxBatch} คน และไฟล์ไม่เกิน 10 MB") },
            new object?[] { "ระบบตรวจทุกแถวก่อน หากมีข้อผิดพลาดแม้แต่แถวเดียวจะไม่บันทึกคำตอบใดเลย และแจ้งแผ่นงาน แถว และคอลัมน์ที่ต้องแก้ไข" },
            new object?[] { "ระบบบันทึกว่าท่านเป็นผู้บันทึก ไม่บันทึกชื่อหรือข้อมูลใดของผู้ตอบ ห้ามใส่ชื่อผู้ตอบในไฟล์" },
        };
        return Sheets.WriteXlsx([
            new SheetContent(ResponsesSheet, responses, items.Select(_ => 18d).ToList()),
            new SheetContent(QuestionsSheet, questions, [12, 80, 60]),
            new SheetContent(HelpSheet, help, [120]),
        ]);
    }

    /// <summary>
    /// The responses of a filled workbook, in row order: each the answers by item code (blank rows and the text row
    /// skipped). Throws <see cref="Eit2SheetException"/> listing every mistake, or <see cref="SheetException"/> for a file
    /// that is not a workbook or is over the reader's limits.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Read(byte[] content, Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(questionnaire);
        if (!content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            throw new SheetException("ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) กรุณาดาวน์โหลดแบบฟอร์มจากหน้านี้ กรอกแล้วบันทึกเป็น .xlsx",
                "This is not an Excel file (.xlsx): download the template from this page, fill it in and save it as .xlsx.");
        }
        var items = questionnaire.Columns(Instrument.Eit2);
        var table = Sheets.ReadXlsx(content, items[0].Code);
        var sheet = table.Name ?? ResponsesSheet;
        var errors = new List<Eit2SheetError>();

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < table.Header.Count; c++)
        {
            var code = table.Header[c];
            if (code.Length == 0)
            {
                continue;
            }
            if (!items.Any(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(At(sheet, table.HeaderRow, c, code, Message.Of("eit2.sheet-unknown-column",
                    "แบบสอบถามนี้ไม่มีข้อ {code}: ใช้แถวหัวตารางของแบบฟอร์ม", "this questionnaire has no item {code}: keep the template's header row", ("code", code))));
            }
            else if (!columns.TryAdd(code, c))
            {
                errors.Add(At(sheet, table.HeaderRow, c, code, Message.Of("eit2.sheet-duplicate-column",
                    "ข้อ {code} มีสองคอลัมน์", "the item {code} has two columns", ("code", code))));
            }
        }
        foreach (var item in items.Where(i => !columns.ContainsKey(i.Code)))
        {
            errors.Add(new Eit2SheetError(Message.Of("eit2.sheet-missing-column", "แผ่น \"{sheet}\" แถว {row}: ไม่มีคอลัมน์ของข้อ {code}",
                "sheet \"{sheet}\", row {row}: there is no column for the item {code}", ("sheet", sheet), ("row", table.HeaderRow), ("code", item.Code))));
        }
        if (errors.Count > 0)
        {
            throw new Eit2SheetException(errors);
        }

        var responses = new List<IReadOnlyDictionary<string, string?>>();
        foreach (var row in table.Rows)
        {
            var answers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var isTextRow = true;
            foreach (var item in items)
            {
                var raw = Cells.Trim(row.Cell(columns[item.Code]));
                if (raw.Length == 0)
                {
                    continue;
                }
                isTextRow &= raw == Label(item);
                answers[item.Code] = Cells.AsciiDigits(raw);
            }
            if (answers.Count == 0 || isTextRow)
            {
                continue;
            }
            if (responses.Count == SurveyResponses.MaxBatch)
            {
                errors.Add(new Eit2SheetError(Message.Of("eit2.sheet-too-many", "แผ่น \"{sheet}\" แถว {row}: ส่งได้ครั้งละไม่เกิน {max} คน แบ่งเป็นหลายไฟล์",
                    "sheet \"{sheet}\", row {row}: at most {max} respondents at a time; split the file", ("sheet", sheet), ("row", row.Number), ("max", SurveyResponses.MaxBatch))));
                break;
            }
            try
            {
                questionnaire.Encode(Instrument.Eit2, answers);
            }
            catch (SurveyAnswerException e)
            {
                var code = e.Field.StartsWith("answers.", StringComparison.Ordinal) ? e.Field["answers.".Length..] : "";
                errors.Add(columns.TryGetValue(code, out var c)
                    ? At(sheet, row.Number, c, items.First(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)).Code, e.Reason)
                    : new Eit2SheetError(Message.Of("eit2.sheet-row", "แผ่น \"{sheet}\" แถว {row}: {message}", "sheet \"{sheet}\", row {row}: {message}",
                        ("sheet", sheet), ("row", row.Number), ("message", e.Reason))));
                if (errors.Count >= MaxErrors)
                {
                    break;
                }
            }
            responses.Add(answers);
        }
        if (errors.Count > 0)
        {
            throw new Eit2SheetException(errors);
        }
        if (responses.Count == 0)
        {
            throw new Eit2SheetException(Message.Of("eit2.sheet-empty", "แผ่น \"{sheet}\" ยังไม่มีคำตอบ: กรอกตั้งแต่แถว 3", "sheet \"{sheet}\" has no answers: fill it from row 3", ("sheet", sheet)));
        }
        return responses;
    }

    /// <summary>"แผ่น "คำตอบ" แถว 7 คอลัมน์ D (ep3): …".</summary>
    private static Eit2SheetError At(string sheet, int row, int column, string code, Message message) =>
        new(Message.Of("eit2.sheet-error", "แผ่น \"{sheet}\" แถว {row} คอลัมน์ {column} ({code}): {message}",
            "sheet \"{sheet}\", row {row}, column {column} ({code}): {message}",
            ("sheet", sheet), ("row", row), ("column", Sheets.ColumnLetter(column)), ("code", code), ("message", message)));

    private static string Label(ScoredItem item) => (item.TextTh ?? item.Code).Trim();

    private static string Options(ScoredItem item) =>
        string.Join(", ", item.Scale!.Answers.Select((a, n) => $"{Questionnaire.ValueOf(n)} = {a.Label}"));
}
