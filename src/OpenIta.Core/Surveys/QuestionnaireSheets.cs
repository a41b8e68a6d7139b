using System.Globalization;
using System.Text.RegularExpressions;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Surveys;

/// <summary>One row of a sheet as read: its number in the workbook (1-based) and its cells by column header.</summary>
public sealed record QuestionnaireRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value.Trim() : "";
}

/// <summary>A mistake in a questionnaire workbook: the sheet, the row (1-based, as a spreadsheet numbers it) and the column.</summary>
public sealed record QuestionnaireSheetError(string Sheet, int Row, string Column, Message Message)
{
    public Message Describe() => Message.Of("questionnaire.sheet-error", "แผ่นงาน {sheet} แถว {row} คอลัมน์ {column}: {message}",
        "sheet {sheet}, row {row}, column {column}: {message}", ("sheet", Sheet), ("row", Row), ("column", Column), ("message", Message));
}

public sealed class QuestionnaireSheetException(IReadOnlyList<QuestionnaireSheetError> errors)
    : Exception(string.Join("; ", errors.Select(e => e.Describe().English)))
{
    public IReadOnlyList<QuestionnaireSheetError> Errors { get; } = errors;
}

/// <summary>
/// A questionnaire as a workbook in the XLSForm spirit, and back: sheet <c>survey</c> (one row per question or sub-item:
/// <c>type</c> is <c>select_one LIST</c> for an answered item or <c>group</c> for a question with sub-items, whose rows
/// follow with the group's code in <c>parent</c>), sheet <c>choices</c> (the answers of each list in order, with their
/// scores: an option's value is its position, 1 for the first), sheet <c>settings</c> (<c>fiscal_year</c>, <c>note</c>)
/// and, optionally, sheet <c>sources</c> (<c>id</c>, <c>title</c>). The same questionnaire as the YAML
/// (<see cref="FrameworkParser.ParseWithQuestionnaire"/>); every mistake names the sheet, the row and the column —
/// also those the framework's checks find (<see cref="Locate"/>).
/// </summary>
public static partial class QuestionnaireSheets
{
    public const string Survey = "survey";
    public const string Choices = "choices";
    public const string Settings = "settings";
    public const string Sources = "sources";

    public static IReadOnlyList<string> SurveyHeader { get; } = ["type", "name", "label", "label::English", "instrument", "indicator", "parent", "reverse", "source", "note"];
    public static IReadOnlyList<string> ChoicesHeader { get; } = ["list_name", "name", "label", "score", "status", "source", "note"];
    public static IReadOnlyList<string> SettingsHeader { get; } = ["fiscal_year", "note"];
    public static IReadOnlyList<string> SourcesHeader { get; } = ["id", "title"];

    /// <summary>Where each code of a workbook was read: what <see cref="Locate"/> maps the framework's errors to.</summary>
    public sealed class SheetMap
    {
        internal Dictionary<string, int> Items { get; } = new(StringComparer.OrdinalIgnoreCase);
        internal Dictionary<string, List<int>> Lists { get; } = new(StringComparer.Ordinal);
        internal int SettingsRow { get; set; } = 2;
    }

    /// <summary>The rows of each sheet (header first) of a questionnaire's YAML.</summary>
    public static IReadOnlyList<(string Sheet, IReadOnlyList<IReadOnlyList<object?>> Rows)> ToSheets(string definitionYaml)
    {
        var file = FrameworkParser.ReadQuestionnaire(definitionYaml);
        var survey = new List<IReadOnlyList<object?>> { SurveyHeader.Cast<object?>().ToList() };
        foreach (var q in file.Questions ?? [])
        {
            if (q.SubItems is { Count: > 0 })
            {
                survey.Add([ "group", q.Code, q.TextTh, q.TextEn, q.Instrument, q.Indicator, null, null, q.Source, q.Note ]);
                foreach (var sub in q.SubItems)
                {
                    survey.Add([ sub.Scale is null ? "" : "select_one " + sub.Scale, sub.Code, sub.TextTh, sub.TextEn, q.Instrument, q.Indicator, q.Code,
                        sub.Reverse == true ? "yes" : "no", null, sub.Note ]);
                }
            }
            else
            {
                survey.Add([ q.Scale is null ? "" : "select_one " + q.Scale, q.Code, q.TextTh, q.TextEn, q.Instrument, q.Indicator, null,
                    q.Reverse == true ? "yes" : "no", q.Source, q.Note ]);
            }
        }
        var choices = new List<IReadOnlyList<object?>> { ChoicesHeader.Cast<object?>().ToList() };
        foreach (var scale in file.AnswerScales ?? [])
        {
            foreach (var (answer, i) in (scale.Answers ?? []).Select((a, i) => (a, i)))
            {
                choices.Add([ scale.Code, i + 1, answer.Label, answer.Score,
                    i == 0 ? scale.Status : null, i == 0 ? scale.Source : null, i == 0 ? scale.Note : null ]);
            }
        }
        var settings = new List<IReadOnlyList<object?>> { SettingsHeader.Cast<object?>().ToList(), new object?[] { file.FiscalYear, file.Note } };
        var sources = new List<IReadOnlyList<object?>> { SourcesHeader.Cast<object?>().ToList() };
        sources.AddRange((file.Sources ?? []).Select(s => (IReadOnlyList<object?>)new object?[] { s.Id, s.Title }));
        return [(Survey, survey), (Choices, choices), (Settings, settings), (Sources, sources)];
    }

    /// <summary>
    /// The questionnaire's YAML from the rows of its sheets (each row's cells by column header). Throws
    /// <see cref="QuestionnaireSheetException"/> naming sheet, row and column for what the sheets themselves get wrong.
    /// </summary>
    public static string FromSheets(
        IReadOnlyList<QuestionnaireRow> survey, IReadOnlyList<QuestionnaireRow> choices, IReadOnlyList<QuestionnaireRow> settings,
        IReadOnlyList<QuestionnaireRow> sources, out SheetMap map)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sources);
        map = new SheetMap();
        var errors = new List<QuestionnaireSheetError>();
        void Error(string sheet, int row, string column, string thai, string english) =>
            errors.Add(new QuestionnaireSheetError(sheet, row, column, Message.Of("questionnaire.sheet", thai, english)));

        var file = new QuestionnaireFile { AnswerScales = [], Questions = [], Sources = [] };
        var setting = settings.Count > 0 ? settings[0] : null;
        if (setting is null)
        {
            Error(Settings, 2, "fiscal_year", "ต้องมีแถวของปีงบประมาณ", "a row with the fiscal year is required");
        }
        else
        {
            map.SettingsRow = setting.Number;
            if (int.TryParse(setting["fiscal_year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                file.FiscalYear = year;
            }
            else
            {
                Error(Settings, setting.Number, "fiscal_year", "ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2567", "must be a Buddhist Era year such as 2567");
            }
            file.Note = Empty(setting["note"]);
        }
        foreach (var row in sources)
        {
            file.Sources!.Add(new SourceFile { Id = Empty(row["id"]), Title = Empty(row["title"]) });
        }

        foreach (var row in choices)
        {
            var list = row["list_name"];
            if (list.Length == 0)
            {
                Error(Choices, row.Number, "list_name", "ต้องระบุชื่อชุดตัวเลือก", "is required");
                continue;
            }
            var scale = file.AnswerScales!.FirstOrDefault(s => s.Code == list);
            if (scale is null)
            {
                scale = new ScaleFile { Code = list, Answers = [], Status = Empty(row["status"]), Source = Empty(row["source"]), Note = Empty(row["note"]) };
                file.AnswerScales!.Add(scale);
                map.Lists[list] = [];
            }
            map.Lists[list].Add(row.Number);
            var position = scale.Answers!.Count + 1;
            if (row["name"].Length > 0 && row["name"] != position.ToString(CultureInfo.InvariantCulture))
            {
                Error(Choices, row.Number, "name", $"ค่าของตัวเลือกคือลำดับในชุด: ต้องเป็น {position}", $"an option's value is its position in the list: must be {position}");
            }
            decimal? score = null;
            if (decimal.TryParse(row["score"], NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                score = parsed;
            }
            else
            {
                Error(Choices, row.Number, "score", "ต้องเป็นคะแนน 0 ถึง 100", "must be a score from 0 to 100");
            }
            scale.Answers!.Add(new AnswerFile { Label = Empty(row["label"]), Score = score });
        }

        var groups = new Dictionary<string, QuestionFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in survey)
        {
            var type = row["type"];
            var code = row["name"];
            if (code.Length == 0)
            {
                Error(Survey, row.Number, "name", "ต้องระบุรหัสข้อคำถาม", "the question's code is required");
                continue;
            }
            map.Items[code] = row.Number;
            int? indicator = null;
            if (row["indicator"].Length > 0)
            {
                if (int.TryParse(row["indicator"], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    indicator = number;
                }
                else
                {
                    Error(Survey, row.Number, "indicator", "ต้องเป็นหมายเลขตัวชี้วัด 1 ถึง 10", "must be an indicator number from 1 to 10");
                }
            }
            bool? reverse = row["reverse"].ToLowerInvariant() switch
            {
                "" or "no" or "false" or "0" or "ไม่" => false,
                "yes" or "true" or "1" or "ใช่" => true,
                _ => null,
            };
            if (reverse is null)
            {
                Error(Survey, row.Number, "reverse", "ต้องเป็น yes หรือ no", "must be yes or no");
            }
            string? scale = null;
            if (type.Equals("group", StringComparison.OrdinalIgnoreCase))
            {
                var question = new QuestionFile
                {
                    Code = code, Instrument = Empty(row["instrument"]), Indicator = indicator, TextTh = Empty(row["label"]),
                    TextEn = Empty(row["label::English"]), Source = Empty(row["source"]), Note = Empty(row["note"]), SubItems = [],
                };
                groups[code] = question;
                file.Questions!.Add(question);
                continue;
            }
            if (SelectOne().Match(type) is { Success: true } match)
            {
                scale = match.Groups[1].Value;
            }
            else
            {
                Error(Survey, row.Number, "type", "ต้องเป็น select_one ชื่อชุดตัวเลือก หรือ group", "must be select_one LIST or group");
                continue;
            }
            var parent = row["parent"];
            if (parent.Length > 0)
            {
                if (!groups.TryGetValue(parent, out var group))
                {
                    Error(Survey, row.Number, "parent", $"ไม่มีข้อคำถามแบบ group รหัส {parent} ก่อนแถวนี้", $"no group {parent} above this row");
                    continue;
                }
                group.SubItems!.Add(new SubItemFile { Code = code, TextTh = Empty(row["label"]), TextEn = Empty(row["label::English"]), Scale = scale, Reverse = reverse, Note = Empty(row["note"]) });
                continue;
            }
            file.Questions!.Add(new QuestionFile
            {
                Code = code, Instrument = Empty(row["instrument"]), Indicator = indicator, TextTh = Empty(row["label"]),
                TextEn = Empty(row["label::English"]), Source = Empty(row["source"]), Note = Empty(row["note"]), Scale = scale, Reverse = reverse,
            });
        }
        if (errors.Count > 0)
        {
            throw new QuestionnaireSheetException(errors);
        }
        if (file.Sources!.Count == 0)
        {
            file.Sources = null;
        }
        return FrameworkParser.WriteQuestionnaire(file);
    }

    /// <summary>
    /// Where a framework error about a questionnaire read from sheets lies: <c>questions[I3].indicator: …</c> → sheet
    /// survey, I3's row, column indicator; <c>answerScales[four].answers[2].score</c> → sheet choices, the third answer's row,
    /// column score. An error that names no row goes to the settings row.
    /// </summary>
    public static QuestionnaireSheetError Locate(string error, SheetMap map)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(map);
        var message = Message.Of("questionnaire.invalid", "{error}", "{error}", ("error", error));
        var question = QuestionPath().Match(error);
        if (question.Success)
        {
            var code = question.Groups["sub"].Success ? question.Groups["sub"].Value : question.Groups["code"].Value;
            var column = question.Groups["field"].Value switch
            {
                "scale" => "type",
                "textTh" => "label",
                "textEn" => "label::English",
                "code" => "name",
                "" => "name",
                var other => other,
            };
            return new QuestionnaireSheetError(Survey, map.Items.GetValueOrDefault(code, 2), column, message);
        }
        var scale = ScalePath().Match(error);
        if (scale.Success && map.Lists.TryGetValue(scale.Groups["code"].Value, out var rows))
        {
            var index = scale.Groups["answer"].Success ? int.Parse(scale.Groups["answer"].Value, CultureInfo.InvariantCulture) : 0;
            var column = scale.Groups["field"].Value is { Length: > 0 } f ? f : "list_name";
            return new QuestionnaireSheetError(Choices, index < rows.Count ? rows[index] : rows[0], column, message);
        }
        return new QuestionnaireSheetError(Settings, map.SettingsRow, "fiscal_year", message);
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"^select_one\s+(\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SelectOne();

    [GeneratedRegex(@"^questions\[(?<code>[^\]]+)\](\.subItems\[(?<sub>[^\]]+)\])?\.?(?<field>[A-Za-z]*)")]
    private static partial Regex QuestionPath();

    [GeneratedRegex(@"^answerScales\[(?<code>[^\]]+)\](\.answers\[(?<answer>\d+)\])?\.?(?<field>[A-Za-z]*)")]
    private static partial Regex ScalePath();
}
