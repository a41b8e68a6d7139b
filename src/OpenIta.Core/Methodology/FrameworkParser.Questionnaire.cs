using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OpenIta.Core.Methodology;

/// <summary>The questions of one fiscal year as a questionnaire file: the <c>answerScales</c> and <c>questions</c> of the framework format.</summary>
internal sealed class QuestionnaireFile
{
    public int? FiscalYear { get; set; }
    public string? Note { get; set; }
    public List<SourceFile>? Sources { get; set; }
    public List<ScaleFile>? AnswerScales { get; set; }
    public List<QuestionFile>? Questions { get; set; }
}

public static partial class FrameworkParser
{
    private static readonly ISerializer QuestionnaireSerializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>
    /// The framework of a year with its questions and answer scales taken from a questionnaire (a file with
    /// <c>fiscalYear</c>, <c>note</c>, <c>sources</c>, <c>answerScales</c>, <c>questions</c>: frameworks/SCHEMA.md).
    /// An indicator whose number of questions the year does not give takes the questionnaire's count; themes keep only
    /// the questions the questionnaire has. Checked as a framework file is, and then as a questionnaire: every question
    /// has an indicator and every item an answer scale. Errors name <paramref name="questionnaireName"/> and the field.
    /// </summary>
    public static Framework ParseWithQuestionnaire(string frameworkYaml, string questionnaireYaml, string questionnaireName)
    {
        ArgumentNullException.ThrowIfNull(frameworkYaml);
        ArgumentNullException.ThrowIfNull(questionnaireYaml);
        var file = Deserializer.Deserialize<FrameworkFile>(frameworkYaml)
            ?? throw new FrameworkException(questionnaireName, ["the year's framework is empty"]);
        QuestionnaireFile? questionnaire;
        try
        {
            questionnaire = Deserializer.Deserialize<QuestionnaireFile>(questionnaireYaml);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new FrameworkException(questionnaireName, [$"line {e.Start.Line}, column {e.Start.Column}: {Clean(inner).Replace("QuestionnaireFile", "questionnaire", StringComparison.Ordinal)}"]);
        }
        if (questionnaire is null)
        {
            throw new FrameworkException(questionnaireName, ["the file is empty"]);
        }
        if (questionnaire.FiscalYear != file.FiscalYear)
        {
            throw new FrameworkException(questionnaireName, [$"fiscalYear: must be {file.FiscalYear}, the year of this questionnaire"]);
        }
        var errors = new List<string>();
        var sources = file.Sources ?? [];
        foreach (var source in questionnaire.Sources ?? [])
        {
            if (!sources.Any(s => s.Id == source.Id))
            {
                sources.Add(source);
            }
        }
        file.Sources = sources;
        file.AnswerScales = questionnaire.AnswerScales ?? [];
        file.Questions = questionnaire.Questions ?? [];
        var codes = new HashSet<string>(file.Questions.Where(q => q.Code is not null).Select(q => q.Code!), StringComparer.OrdinalIgnoreCase);
        foreach (var theme in file.Themes ?? [])
        {
            theme.Questions = theme.Questions?.Where(codes.Contains).ToList();
        }
        foreach (var indicator in file.Indicators ?? [])
        {
            if (indicator.QuestionCount is not null)
            {
                continue;
            }
            var counts = file.Questions.Where(q => q.Indicator == indicator.Number && q.Instrument is not null)
                .GroupBy(q => q.Instrument!.ToUpperInvariant()).Select(g => g.Count()).Distinct().ToList();
            if (counts.Count == 1)
            {
                indicator.QuestionCount = counts[0];
            }
            else if (counts.Count > 1)
            {
                errors.Add($"indicators[{indicator.Number}]: the parts of EIT must have as many questions each in indicator {indicator.Number}");
            }
        }
        var name = $"questionnaire FY{file.FiscalYear}";
        var framework = new Validation(file, name, errors).Build();
        foreach (var (q, i) in file.Questions.Select((q, i) => (q, i)))
        {
            var field = $"questions[{q.Code ?? i.ToString(CultureInfo.InvariantCulture)}]";
            if (q.Indicator is null)
            {
                errors.Add($"{field}.indicator: is required in a questionnaire (a question is scored in its indicator)");
            }
            if (q.SubItems is { Count: > 0 })
            {
                foreach (var (sub, j) in q.SubItems.Select((s, j) => (s, j)))
                {
                    if (sub.Scale is null)
                    {
                        errors.Add($"{field}.subItems[{sub.Code ?? j.ToString(CultureInfo.InvariantCulture)}].scale: is required in a questionnaire (the answers offered)");
                    }
                }
            }
            else if (q.Scale is null)
            {
                errors.Add($"{field}.scale: is required in a questionnaire (the answers offered)");
            }
        }
        if (file.Questions.Count == 0)
        {
            errors.Add("questions: a questionnaire needs at least one question");
        }
        if (errors.Count > 0 || framework is null)
        {
            throw new FrameworkException(questionnaireName, errors.Distinct().ToList());
        }
        return framework;
    }

    /// <summary>The questionnaire of a framework file as YAML: its year, sources, answer scales and survey questions.</summary>
    public static string ExportQuestionnaire(string frameworkYaml, string? note)
    {
        ArgumentNullException.ThrowIfNull(frameworkYaml);
        var file = Deserializer.Deserialize<FrameworkFile>(frameworkYaml) ?? new FrameworkFile();
        return WriteQuestionnaire(new QuestionnaireFile
        {
            FiscalYear = file.FiscalYear,
            Note = note,
            Sources = file.Sources,
            AnswerScales = file.AnswerScales ?? [],
            Questions = file.Questions ?? [],
        });
    }

    /// <summary>The fiscal year a questionnaire's YAML names; null when it names none or is not YAML.</summary>
    public static int? QuestionnaireYear(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        try
        {
            return ReadQuestionnaire(yaml).FiscalYear;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>
    /// A questionnaire's YAML as the writer gives it: what it says, without its comments, quoting or line folding. Two
    /// files of the same questionnaire (a YAML file and the workbook made of it, read back) give the same text.
    /// </summary>
    public static string CanonicalQuestionnaire(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return WriteQuestionnaire(ReadQuestionnaire(yaml));
    }

    internal static string WriteQuestionnaire(QuestionnaireFile file) => QuestionnaireSerializer.Serialize(file);

    internal static QuestionnaireFile ReadQuestionnaire(string yaml) =>
        Deserializer.Deserialize<QuestionnaireFile>(yaml) ?? new QuestionnaireFile();
}
