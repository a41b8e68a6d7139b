using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Text;

namespace OpenIta.Core.Surveys;

/// <summary>
/// One version of a year's questionnaire, ready to take answers and to be scored: the year's framework with the
/// questionnaire's questions and answer scales (<see cref="FrameworkParser.ParseWithQuestionnaire"/>). An instrument's
/// answers are one byte per scored item (a question without sub-items, or a sub-item), in <see cref="Columns"/> order:
/// 0 = not answered, else 1 + the answer's index in the item's scale — the cells of a <see cref="ResponseMatrix"/> row.
/// An option's <c>value</c> (what a client sends) is that number as text: "1" for the first answer of the scale.
/// </summary>
public sealed class Questionnaire
{
    private readonly Dictionary<Instrument, IReadOnlyList<ScoredItem>> _columns;
    private readonly Dictionary<Instrument, Dictionary<string, int>> _index;

    public Questionnaire(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        Framework = framework;
        Instruments = framework.Instruments.Where(i => i.Kind == InstrumentKind.Perception)
            .Select(i => i.Instrument).Where(i => framework.Questions.Any(q => q.Instrument == i)).ToList();
        // The order ScoringPlan compiles: the year's questions with an indicator, their items in order.
        _columns = Instruments.ToDictionary(i => i, i => (IReadOnlyList<ScoredItem>)framework.Questions
            .Where(q => q.Instrument == i && q.Indicator is not null).SelectMany(q => q.Items).ToList());
        _index = _columns.ToDictionary(c => c.Key, c => c.Value.Select((item, n) => (item.Code, n))
            .ToDictionary(x => x.Code, x => x.n, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Reads a questionnaire over its year's framework file; throws <see cref="FrameworkException"/> naming the field.</summary>
    public static Questionnaire Parse(string frameworkYaml, string questionnaireYaml, string name) =>
        new(FrameworkParser.ParseWithQuestionnaire(frameworkYaml, questionnaireYaml, name));

    public Framework Framework { get; }

    public int FiscalYear => Framework.Year.BuddhistEra;

    /// <summary>The survey instruments this questionnaire asks, in the year's order.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    public bool Asks(Instrument instrument) => _columns.ContainsKey(instrument);

    /// <summary>The questions of an instrument, in order.</summary>
    public IEnumerable<QuestionDefinition> Questions(Instrument instrument) =>
        Framework.Questions.Where(q => q.Instrument == instrument && q.Indicator is not null);

    /// <summary>The scored items of an instrument: the bytes of a response, in order.</summary>
    public IReadOnlyList<ScoredItem> Columns(Instrument instrument) =>
        _columns.TryGetValue(instrument, out var columns) ? columns : [];

    /// <summary>
    /// A respondent's answers (item code → option value, "1" for the first answer; the answer's label is taken too) as
    /// the bytes of a response. Every item must be answered. Throws <see cref="SurveyAnswerException"/> naming
    /// <c>answers.CODE</c> for an unknown code, an option not offered, a missing answer.
    /// </summary>
    public byte[] Encode(Instrument instrument, IReadOnlyDictionary<string, string?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (!_columns.TryGetValue(instrument, out var columns))
        {
            throw new SurveyAnswerException("instrument", SurveyErrors.NotAsked(instrument));
        }
        var index = _index[instrument];
        var cells = new byte[columns.Count];
        foreach (var (code, value) in answers)
        {
            var field = "answers." + code;
            if (!index.TryGetValue(code ?? "", out var c))
            {
                var question = Framework.FindQuestion(code ?? "");
                throw new SurveyAnswerException(field, question is { HasSubItems: true } && question.Instrument == instrument
                    ? SurveyErrors.AnswerSubItems(question.Code, string.Join(", ", question.Items.Select(i => i.Code)))
                    : SurveyErrors.UnknownCode(code ?? ""));
            }
            var scale = columns[c].Scale!;
            var answer = Option(scale, value);
            if (answer < 0)
            {
                var offered = string.Join(", ", scale.Answers.Select((a, n) => $"{n + 1} ({a.Label})"));
                throw new SurveyAnswerException(field, SurveyErrors.NotOffered(value ?? "", columns[c].Code, offered));
            }
            cells[c] = (byte)(answer + 1);
        }
        for (var c = 0; c < cells.Length; c++)
        {
            if (cells[c] == ResponseMatrix.NotAnswered)
            {
                throw new SurveyAnswerException("answers." + columns[c].Code, SurveyErrors.Required(columns[c].Code));
            }
        }
        return cells;
    }

    /// <summary>The index of the answer a value names: "1" … "n", or the answer's label; -1 when none.</summary>
    private static int Option(AnswerScale scale, string? value)
    {
        var text = value?.Trim() ?? "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= scale.Answers.Count)
        {
            return number - 1;
        }
        return scale.IndexOf(text);
    }

    /// <summary>The value a client sends for the answer at <paramref name="index"/> of a scale.</summary>
    public static string ValueOf(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The answers of many responses of one instrument as a matrix of <see cref="Columns"/> (each response's bytes in
    /// order, as stored). A response of another length (another version's) is refused.
    /// </summary>
    public ResponseMatrix Matrix(Instrument instrument, IReadOnlyList<byte[]> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var columns = Columns(instrument);
        var cells = new byte[responses.Count * columns.Count];
        for (var r = 0; r < responses.Count; r++)
        {
            if (responses[r].Length != columns.Count)
            {
                throw new ArgumentException($"Response {r} has {responses[r].Length} answers; {instrument.Code()} has {columns.Count} items.", nameof(responses));
            }
            responses[r].CopyTo(cells, r * columns.Count);
        }
        return new ResponseMatrix(columns, cells, responses.Count);
    }
}

/// <summary>An answer that cannot be taken: <see cref="Field"/> names it (<c>answers.I1.1</c>), <see cref="Reason"/> says why.</summary>
public sealed class SurveyAnswerException : Exception
{
    public SurveyAnswerException(string field, Message reason) : base($"{field}: {reason?.English}")
    {
        ArgumentNullException.ThrowIfNull(reason);
        Field = field;
        Reason = reason;
    }

    public SurveyAnswerException() : this("", SurveyErrors.Invalid())
    {
    }

    public SurveyAnswerException(string message) : base(message)
    {
        Field = "";
        Reason = SurveyErrors.Invalid();
    }

    public SurveyAnswerException(string message, Exception innerException) : base(message, innerException)
    {
        Field = "";
        Reason = SurveyErrors.Invalid();
    }

    public string Field { get; }
    public Message Reason { get; }
}

/// <summary>Why an answer or a survey request is refused, in Thai and English: the one place these sentences are written.</summary>
public static class SurveyErrors
{
    public static Message Invalid() => Message.Of("survey.invalid", "คำตอบไม่ถูกต้อง", "The answers are not valid");

    public static Message UnknownCode(string code) =>
        Message.Of("survey.unknown-question", "แบบสอบถามนี้ไม่มีข้อคำถาม {code}", "this questionnaire has no question {code}", ("code", code));

    public static Message AnswerSubItems(string code, string items) =>
        Message.Of("survey.answer-sub-items", "ข้อ {code} มีข้อย่อย: ตอบข้อย่อย {items}", "{code} has sub-items: answer {items}",
            ("code", code), ("items", items));

    public static Message NotOffered(string value, string code, string offered) =>
        Message.Of("survey.option-not-offered", "ข้อ {code} ไม่มีตัวเลือก \"{value}\": เลือกจาก {offered}",
            "\"{value}\" is not an option of {code}: choose from {offered}", ("value", value), ("code", code), ("offered", offered));

    public static Message Required(string code) =>
        Message.Of("survey.answer-required", "ยังไม่ได้ตอบข้อ {code}", "{code} is not answered", ("code", code));

    public static Message NotAsked(Instrument instrument) =>
        Message.Of("survey.instrument-not-asked", "แบบสอบถามนี้ไม่มีข้อคำถามของ {code}", "this questionnaire has no {code} questions",
            ("code", instrument.Code()));
}

/// <summary>
/// The one rule on showing an agency's breakdowns (per question, per indicator, per day …): not below
/// <see cref="MinimumResponses"/> responses, so that a handful of people cannot be told apart (issue 12, item 6).
/// </summary>
public static class SurveyPrivacy
{
    public const int MinimumResponses = 5;

    public static bool ShowsBreakdown(int responses) => responses >= MinimumResponses;
}
