using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OpenIta.Core.Methodology;

/// <summary>
/// Reads one framework file (frameworks/SCHEMA.md) and checks it: every error names the file and the field.
/// Pure: the caller reads the text.
/// </summary>
public static partial class FrameworkParser
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private static readonly string[] GradeCodes = ["AA", "A", "B", "C", "D", "E", "F"];

    private static readonly string[] LevelCodes =
        ["ExcellentPass", "GoodPass", "Pass", "NeedsImprovement", "NeedsUrgentImprovement"];

    public static Framework Parse(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        FrameworkFile? file;
        try
        {
            file = Deserializer.Deserialize<FrameworkFile>(yaml);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new FrameworkException(fileName, [$"line {e.Start.Line}, column {e.Start.Column}: {Clean(inner)}"]);
        }
        if (file is null)
        {
            throw new FrameworkException(fileName, ["the file is empty"]);
        }
        var errors = new List<string>();
        var framework = new Validation(file, fileName, errors).Build();
        if (errors.Count > 0 || framework is null)
        {
            throw new FrameworkException(fileName, errors);
        }
        return framework;
    }

    private static string Clean(string message) => message.Replace("FrameworkFile", "framework", StringComparison.Ordinal)
        .Replace("OpenIta.Core.Methodology.", "", StringComparison.Ordinal);

    [GeneratedRegex(@"fy(\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex YearInFileName();

    private sealed class Validation(FrameworkFile file, string fileName, List<string> errors)
    {
        private readonly HashSet<string> _sourceIds = new(StringComparer.Ordinal);

        private void Error(string field, string message) => errors.Add($"{field}: {message}");

        public Framework? Build()
        {
            FiscalYear year = default;
            if (file.FiscalYear is not { } be)
            {
                Error("fiscalYear", "is required (a Buddhist Era year such as 2567)");
            }
            else if (be is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
            {
                Error("fiscalYear", $"{be} is not a Buddhist Era year between {FiscalYear.MinimumBe} and {FiscalYear.MaximumBe}");
            }
            else
            {
                year = new FiscalYear(be);
                var match = YearInFileName().Match(Path.GetFileName(fileName));
                if (match.Success && match.Groups[1].Value != be.ToString(CultureInfo.InvariantCulture))
                {
                    Error("fiscalYear", $"{be} does not match the file name");
                }
            }

            var sources = Sources();
            var instruments = Instruments();
            var indicators = Indicators(instruments);
            var scales = Scales();
            var questions = Questions(instruments, indicators, scales);
            var oitItems = OitItems(indicators);
            var totalRule = TotalRule();
            var rating = Rating();
            var passMark = file.PassMark;
            if (passMark is null or < 0 or > 100)
            {
                Error("passMark", "is required, a score from 0 to 100");
            }
            var target = Target();
            var sampling = Sampling(instruments);
            var themes = Themes(questions, oitItems);

            return errors.Count > 0 || rating is null
                ? null
                : new Framework(year, sources, instruments, indicators, scales, questions, oitItems, totalRule, rating,
                    passMark!.Value, target, sampling, themes);
        }

        private List<SourceReference> Sources()
        {
            var result = new List<SourceReference>();
            foreach (var (source, i) in (file.Sources ?? []).Select((s, i) => (s, i)))
            {
                var field = $"sources[{i}]";
                if (string.IsNullOrWhiteSpace(source.Id) || string.IsNullOrWhiteSpace(source.Title))
                {
                    Error(field, "needs an id and a title");
                    continue;
                }
                if (!_sourceIds.Add(source.Id))
                {
                    Error($"{field}.id", $"'{source.Id}' is listed twice");
                }
                result.Add(new SourceReference(source.Id, source.Title));
            }
            return result;
        }

        private string? SourceRef(string field, string? id)
        {
            if (id is not null && !_sourceIds.Contains(id))
            {
                Error(field, $"'{id}' is not in the file's sources");
            }
            return id;
        }

        private SourceStatus Status(string field, string? name, SourceStatus fallback)
        {
            if (name is null)
            {
                return fallback;
            }
            if (!SourceStatusNames.TryParse(name, out var status))
            {
                Error(field, $"'{name}' is not a status (confirmed, verified-by-data, third-party, inferred, unknown)");
            }
            return status;
        }

        private List<InstrumentDefinition> Instruments()
        {
            var result = new List<InstrumentDefinition>();
            if (file.Instruments is not { Count: > 0 })
            {
                Error("instruments", "at least one instrument is required");
                return result;
            }
            foreach (var (item, i) in file.Instruments.Select((s, i) => (s, i)))
            {
                var field = $"instruments[{item.Code ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (!InstrumentCodes.TryParse(item.Code, out var instrument))
                {
                    Error($"{field}.code", $"'{item.Code}' is not an instrument (IIT, EIT, EIT1, EIT2, OIT)");
                    continue;
                }
                if (result.Any(r => r.Instrument == instrument))
                {
                    Error($"{field}.code", "is listed twice");
                }
                var kind = item.Kind switch
                {
                    "perception" => InstrumentKind.Perception,
                    "open-data" => InstrumentKind.OpenData,
                    _ => (InstrumentKind?)null,
                };
                if (kind is null)
                {
                    Error($"{field}.kind", $"'{item.Kind}' must be perception or open-data");
                }
                if (item.Weight is not { } weight || weight <= 0 || weight > 1)
                {
                    Error($"{field}.weight", "is required, a fraction above 0 and at most 1 (0.30 for 30 %)");
                }
                if (string.IsNullOrWhiteSpace(item.NameTh) || string.IsNullOrWhiteSpace(item.NameEn))
                {
                    Error(field, "needs nameTh and nameEn");
                }
                Instrument? partOf = null;
                if (item.Part is not null)
                {
                    if (!InstrumentCodes.TryParse(item.Part, out var part) || part != Instrument.Eit
                        || instrument is not (Instrument.Eit1 or Instrument.Eit2))
                    {
                        Error($"{field}.part", "only EIT1 and EIT2 can be parts, of EIT");
                    }
                    partOf = Instrument.Eit;
                }
                else if (instrument is Instrument.Eit1 or Instrument.Eit2)
                {
                    Error($"{field}.part", "EIT1 and EIT2 must say part: EIT");
                }
                result.Add(new InstrumentDefinition(instrument, item.NameTh ?? "", item.NameEn ?? "",
                    kind ?? InstrumentKind.Perception, item.Weight ?? 0,
                    Status($"{field}.weightStatus", item.WeightStatus, SourceStatus.Confirmed),
                    SourceRef($"{field}.source", item.Source), partOf));
            }
            var codes = result.Select(r => r.Instrument).OrderBy(c => c).ToList();
            Instrument[] single = [Instrument.Iit, Instrument.Eit, Instrument.Oit];
            Instrument[] parted = [Instrument.Iit, Instrument.Eit1, Instrument.Eit2, Instrument.Oit];
            if (!codes.SequenceEqual(single) && !codes.SequenceEqual(parted))
            {
                Error("instruments", "must be IIT, EIT, OIT (up to FY2565) or IIT, EIT1, EIT2, OIT (from FY2566)");
            }
            var sum = result.Sum(r => r.Weight);
            if (sum != 1m)
            {
                Error("instruments", $"the weights sum to {sum.ToString(CultureInfo.InvariantCulture)}, not 1");
            }
            return result;
        }

        private List<IndicatorDefinition> Indicators(List<InstrumentDefinition> instruments)
        {
            var result = new List<IndicatorDefinition>();
            foreach (var (item, i) in (file.Indicators ?? []).Select((s, i) => (s, i)))
            {
                var field = $"indicators[{item.Number?.ToString(CultureInfo.InvariantCulture) ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (item.Number is not (>= 1 and <= 10) || item.Number is not { } number)
                {
                    Error($"{field}.number", "must be 1 to 10");
                    continue;
                }
                if (result.Any(r => r.Number == number))
                {
                    Error($"{field}.number", "is listed twice");
                }
                if (!InstrumentCodes.TryParse(item.Instrument, out var instrument)
                    || instrument is Instrument.Eit1 or Instrument.Eit2
                    || !(instruments.Any(x => x.Instrument == instrument || x.PartOf == instrument)))
                {
                    Error($"{field}.instrument", $"'{item.Instrument}' is not an instrument of this year (IIT, EIT, OIT)");
                }
                if (string.IsNullOrWhiteSpace(item.NameTh) || string.IsNullOrWhiteSpace(item.NameEn))
                {
                    Error(field, "needs nameTh and nameEn");
                }
                if (item.QuestionCount is <= 0)
                {
                    Error($"{field}.questionCount", "must be a positive number");
                }
                var subs = new List<SubIndicatorDefinition>();
                foreach (var (sub, j) in (item.SubIndicators ?? []).Select((s, j) => (s, j)))
                {
                    var subField = $"{field}.subIndicators[{sub.Code ?? j.ToString(CultureInfo.InvariantCulture)}]";
                    if (instrument != Instrument.Oit)
                    {
                        Error(subField, "only OIT indicators have sub-indicators");
                    }
                    var prefix = number.ToString(CultureInfo.InvariantCulture) + ".";
                    if (sub.Code is null || !sub.Code.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        Error($"{subField}.code", $"must start with '{prefix}'");
                        continue;
                    }
                    if (subs.Any(s => s.Code == sub.Code))
                    {
                        Error($"{subField}.code", "is listed twice");
                    }
                    if (string.IsNullOrWhiteSpace(sub.NameTh))
                    {
                        Error($"{subField}.nameTh", "is required");
                    }
                    if (sub.ItemCount is <= 0)
                    {
                        Error($"{subField}.itemCount", "must be a positive number");
                    }
                    SourceRef($"{subField}.source", sub.Source);
                    subs.Add(new SubIndicatorDefinition(sub.Code, number, sub.NameTh ?? "", sub.NameEn, sub.ItemCount));
                }
                SourceRef($"{field}.source", item.Source);
                result.Add(new IndicatorDefinition(number, item.NameTh ?? "", item.NameEn ?? "", instrument,
                    item.QuestionCount, subs));
            }
            for (var n = 1; n <= 10; n++)
            {
                if (result.All(r => r.Number != n))
                {
                    Error("indicators", $"indicator {n} is missing (every year has indicators 1 to 10)");
                }
            }
            return result.OrderBy(r => r.Number).ToList();
        }

        private List<AnswerScale> Scales()
        {
            var result = new List<AnswerScale>();
            foreach (var (scale, i) in (file.AnswerScales ?? []).Select((s, i) => (s, i)))
            {
                var field = $"answerScales[{scale.Code ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (string.IsNullOrWhiteSpace(scale.Code))
                {
                    Error($"{field}.code", "is required");
                    continue;
                }
                if (result.Any(r => r.Code == scale.Code))
                {
                    Error($"{field}.code", "is listed twice");
                }
                var answers = new List<Answer>();
                foreach (var (answer, j) in (scale.Answers ?? []).Select((a, j) => (a, j)))
                {
                    if (string.IsNullOrWhiteSpace(answer.Label))
                    {
                        Error($"{field}.answers[{j}].label", "is required");
                        continue;
                    }
                    if (j >= Scoring.SurveyAggregator.MaxAnswers)
                    {
                        Error($"{field}.answers", $"a scale has at most {Scoring.SurveyAggregator.MaxAnswers} answers");
                        break;
                    }
                    if (answer.Score is not (>= 0 and <= 100))
                    {
                        Error($"{field}.answers[{j}].score", "is required, a score from 0 to 100");
                    }
                    else if (decimal.Round(answer.Score.Value, Scoring.SurveyLayout.Decimals) != answer.Score.Value)
                    {
                        Error($"{field}.answers[{j}].score", $"has more than {Scoring.SurveyLayout.Decimals} decimals");
                    }
                    if (answers.Any(a => a.Label == answer.Label.Trim()))
                    {
                        Error($"{field}.answers[{j}].label", $"'{answer.Label}' is listed twice");
                    }
                    answers.Add(new Answer(answer.Label.Trim(), answer.Score ?? 0));
                }
                if (answers.Count < 2)
                {
                    Error($"{field}.answers", "a scale needs at least two answers");
                }
                result.Add(new AnswerScale(scale.Code, Status($"{field}.status", scale.Status, SourceStatus.Confirmed),
                    SourceRef($"{field}.source", scale.Source), scale.Note, answers));
            }
            return result;
        }

        private List<QuestionDefinition> Questions(
            List<InstrumentDefinition> instruments, List<IndicatorDefinition> indicators, List<AnswerScale> scales)
        {
            var result = new List<QuestionDefinition>();
            var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (q, i) in (file.Questions ?? []).Select((s, i) => (s, i)))
            {
                var field = $"questions[{q.Code ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (string.IsNullOrWhiteSpace(q.Code))
                {
                    Error($"{field}.code", "is required");
                    continue;
                }
                if (!codes.Add(q.Code))
                {
                    Error($"{field}.code", "is listed twice");
                }
                if (!InstrumentCodes.TryParse(q.Instrument, out var instrument)
                    || instruments.FirstOrDefault(x => x.Instrument == instrument) is not { Kind: InstrumentKind.Perception })
                {
                    Error($"{field}.instrument", $"'{q.Instrument}' is not a survey instrument of this year");
                }
                if (q.Indicator is { } number)
                {
                    var indicator = indicators.FirstOrDefault(x => x.Number == number);
                    var group = instrument is Instrument.Eit1 or Instrument.Eit2 ? Instrument.Eit : instrument;
                    if (indicator is null)
                    {
                        Error($"{field}.indicator", $"no indicator {number} in this year");
                    }
                    else if (indicator.Instrument != group)
                    {
                        Error($"{field}.indicator", $"indicator {number} belongs to {indicator.Instrument.Code()}, not {instrument.Code()}");
                    }
                }
                Status($"{field}.status", q.Status, SourceStatus.Confirmed);
                var items = new List<ScoredItem>();
                var hasSubItems = q.SubItems is { Count: > 0 };
                if (hasSubItems)
                {
                    if (q.Scale is not null || q.Reverse is not null)
                    {
                        Error(field, "a question with sub-items gives scale and reverse on each sub-item");
                    }
                    foreach (var (sub, j) in q.SubItems!.Select((s, j) => (s, j)))
                    {
                        var subField = $"{field}.subItems[{sub.Code ?? j.ToString(CultureInfo.InvariantCulture)}]";
                        if (string.IsNullOrWhiteSpace(sub.Code))
                        {
                            Error($"{subField}.code", "is required");
                            continue;
                        }
                        if (!codes.Add(sub.Code))
                        {
                            Error($"{subField}.code", "is listed twice");
                        }
                        items.Add(new ScoredItem(sub.Code, sub.TextTh, sub.TextEn,
                            ScaleRef($"{subField}.scale", sub.Scale, scales), sub.Reverse ?? false));
                    }
                }
                else
                {
                    items.Add(new ScoredItem(q.Code, q.TextTh, q.TextEn, ScaleRef($"{field}.scale", q.Scale, scales),
                        q.Reverse ?? false));
                }
                result.Add(new QuestionDefinition(q.Code, instrument, q.Indicator, q.TextTh, q.TextEn,
                    SourceRef($"{field}.source", q.Source), q.Note, hasSubItems, items));
            }
            foreach (var indicator in indicators.Where(x => x.QuestionCount is not null))
            {
                foreach (var instrument in result.Where(q => q.Indicator == indicator.Number).GroupBy(q => q.Instrument))
                {
                    if (instrument.Count() > indicator.QuestionCount)
                    {
                        Error($"indicators[{indicator.Number}].questionCount",
                            $"is {indicator.QuestionCount}, but {instrument.Count()} {instrument.Key.Code()} questions are listed for it");
                    }
                }
            }
            return result;
        }

        private AnswerScale? ScaleRef(string field, string? code, List<AnswerScale> scales)
        {
            if (code is null)
            {
                return null;
            }
            var scale = scales.FirstOrDefault(s => s.Code == code);
            if (scale is null)
            {
                Error(field, $"'{code}' is not in answerScales");
            }
            return scale;
        }

        private List<OitItemDefinition> OitItems(List<IndicatorDefinition> indicators)
        {
            var result = new List<OitItemDefinition>();
            var subIndicators = indicators.SelectMany(i => i.SubIndicators).ToList();
            foreach (var (item, i) in (file.OitItems ?? []).Select((s, i) => (s, i)))
            {
                var field = $"oitItems[{item.Code ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (string.IsNullOrWhiteSpace(item.Code))
                {
                    Error($"{field}.code", "is required");
                    continue;
                }
                if (result.Any(r => string.Equals(r.Code, item.Code, StringComparison.OrdinalIgnoreCase)))
                {
                    Error($"{field}.code", "is listed twice");
                }
                if (item.SubIndicator is not null && subIndicators.All(s => s.Code != item.SubIndicator))
                {
                    Error($"{field}.subIndicator", $"'{item.SubIndicator}' is not a sub-indicator of this year");
                }
                var status = Status($"{field}.status", item.Status, SourceStatus.Confirmed);
                var criteria = item.Criteria ?? [];
                if (criteria.Any(string.IsNullOrWhiteSpace))
                {
                    Error($"{field}.criteria", "a criterion is empty");
                }
                result.Add(new OitItemDefinition(item.Code, item.SubIndicator, item.TextTh, item.TextEn,
                    SourceRef($"{field}.source", item.Source), item.Note)
                {
                    Criteria = criteria.Select(c => c.Trim()).ToList(),
                    Status = status,
                });
            }
            foreach (var sub in subIndicators.Where(s => s.ItemCount is not null))
            {
                var listed = result.Count(r => r.SubIndicator == sub.Code);
                if (listed > sub.ItemCount)
                {
                    Error($"indicators[{sub.Indicator}].subIndicators[{sub.Code}].itemCount",
                        $"is {sub.ItemCount}, but {listed} items are listed for it");
                }
            }
            return result;
        }

        private List<ThemeDefinition> Themes(List<QuestionDefinition> questions, List<OitItemDefinition> oitItems)
        {
            var result = new List<ThemeDefinition>();
            foreach (var (theme, i) in (file.Themes ?? []).Select((t, i) => (t, i)))
            {
                var field = $"themes[{theme.Number?.ToString(CultureInfo.InvariantCulture) ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (theme.Number is not { } number || number is < ThemeDefinition.First or > ThemeDefinition.Last)
                {
                    Error($"{field}.number", $"is required, a theme number from {ThemeDefinition.First} to {ThemeDefinition.Last}");
                    continue;
                }
                if (result.Any(r => r.Number == number))
                {
                    Error($"{field}.number", "is listed twice");
                }
                if (string.IsNullOrWhiteSpace(theme.NameTh) || string.IsNullOrWhiteSpace(theme.NameEn))
                {
                    Error(field, "needs a nameTh and a nameEn");
                }
                var questionCodes = new List<string>();
                foreach (var code in theme.Questions ?? [])
                {
                    var question = questions.FirstOrDefault(q => string.Equals(q.Code, code, StringComparison.OrdinalIgnoreCase));
                    if (question is null)
                    {
                        Error($"{field}.questions", $"'{code}' is not a question of this year");
                    }
                    else if (questionCodes.Contains(question.Code, StringComparer.OrdinalIgnoreCase))
                    {
                        Error($"{field}.questions", $"'{code}' is listed twice");
                    }
                    else
                    {
                        questionCodes.Add(question.Code);
                    }
                }
                var itemCodes = new List<string>();
                foreach (var code in theme.OitItems ?? [])
                {
                    var item = oitItems.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase));
                    if (item is null)
                    {
                        Error($"{field}.oitItems", $"'{code}' is not an OIT item of this year");
                    }
                    else if (itemCodes.Contains(item.Code, StringComparer.OrdinalIgnoreCase))
                    {
                        Error($"{field}.oitItems", $"'{code}' is listed twice");
                    }
                    else
                    {
                        itemCodes.Add(item.Code);
                    }
                }
                var status = Status($"{field}.status", theme.Status, SourceStatus.Confirmed);
                result.Add(new ThemeDefinition(number, theme.NameTh ?? "", theme.NameEn ?? "", questionCodes, itemCodes,
                    status, SourceRef($"{field}.source", theme.Source), theme.Note));
            }
            return result.OrderBy(t => t.Number).ToList();
        }

        private TotalRule TotalRule()
        {
            if (file.Total is not { } total)
            {
                Error("total", "is required: how the total weighs the instruments (instruments: displayed or exact)");
                return new TotalRule(false, SourceStatus.Unknown, null, null);
            }
            var displayed = total.Instruments switch
            {
                "displayed" => true,
                "exact" => false,
                _ => (bool?)null,
            };
            if (displayed is null)
            {
                Error("total.instruments", $"'{total.Instruments}' must be displayed (rounded to 2 decimals before weighing) or exact");
            }
            return new TotalRule(displayed ?? false, Status("total.status", total.Status, SourceStatus.Confirmed),
                SourceRef("total.source", total.Source), total.Note);
        }

        private RatingScale? Rating()
        {
            var rating = file.Rating;
            if (rating is null)
            {
                Error("rating", "is required");
                return null;
            }
            var scheme = rating.Scheme switch
            {
                "grades" => RatingScheme.Grades,
                "levels" => RatingScheme.Levels,
                _ => (RatingScheme?)null,
            };
            if (scheme is null)
            {
                Error("rating.scheme", $"'{rating.Scheme}' must be grades or levels");
                return null;
            }
            if (rating.Basis is not (null or "displayed"))
            {
                Error("rating.basis", $"'{rating.Basis}' is not supported; the only basis is 'displayed'");
            }
            var allowed = scheme == RatingScheme.Grades ? GradeCodes : LevelCodes;
            var levels = new List<RatingLevel>();
            foreach (var (level, i) in (rating.Levels ?? []).Select((l, i) => (l, i)))
            {
                var field = $"rating.levels[{level.Code ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (level.Code is null || !allowed.Contains(level.Code, StringComparer.Ordinal))
                {
                    Error($"{field}.code", $"'{level.Code}' is not one of {string.Join(", ", allowed)}");
                    continue;
                }
                if (level.MinTotal is not (>= 0 and <= 100))
                {
                    Error($"{field}.minTotal", "is required, a score from 0 to 100");
                }
                if (level.EveryInstrumentAtLeast is < 0 or > 100)
                {
                    Error($"{field}.everyInstrumentAtLeast", "must be a score from 0 to 100");
                }
                if (string.IsNullOrWhiteSpace(level.NameTh) || string.IsNullOrWhiteSpace(level.NameEn))
                {
                    Error(field, "needs nameTh and nameEn");
                }
                if (levels.Count > 0 && level.MinTotal > levels[^1].MinTotal)
                {
                    Error($"{field}.minTotal", "levels go from the highest to the lowest");
                }
                levels.Add(new RatingLevel(level.Code, level.NameTh ?? "", level.NameEn ?? "", level.MinTotal ?? 0,
                    level.EveryInstrumentAtLeast));
            }
            if (levels.Count == 0 || levels[^1].MinTotal != 0)
            {
                Error("rating.levels", "the lowest level must start at 0");
            }
            return new RatingScale(scheme.Value, Status("rating.status", rating.Status, SourceStatus.Confirmed),
                SourceRef("rating.source", rating.Source), rating.Note, levels);
        }

        private NationalTarget? Target()
        {
            if (file.NationalTarget is not { } target)
            {
                return null;
            }
            if (target.PassRatePercent is not (> 0 and <= 100))
            {
                Error("nationalTarget.passRatePercent", "is required, a percentage above 0 and at most 100");
            }
            return new NationalTarget(target.PassRatePercent ?? 0,
                Status("nationalTarget.status", target.Status, SourceStatus.Confirmed),
                SourceRef("nationalTarget.source", target.Source));
        }

        private SamplingRules? Sampling(List<InstrumentDefinition> instruments)
        {
            if (file.Sampling is not { } sampling)
            {
                return null;
            }
            var rules = new List<SamplingRule>();
            foreach (var (rule, i) in (sampling.Rules ?? []).Select((r, i) => (r, i)))
            {
                var field = $"sampling.rules[{rule.Instrument ?? i.ToString(CultureInfo.InvariantCulture)}]";
                if (!InstrumentCodes.TryParse(rule.Instrument, out var instrument)
                    || instruments.FirstOrDefault(x => x.Instrument == instrument) is not { Kind: InstrumentKind.Perception })
                {
                    Error($"{field}.instrument", $"'{rule.Instrument}' is not a survey instrument of this year");
                    continue;
                }
                var population = rule.Population switch
                {
                    "internal" => SamplePopulation.Internal,
                    "external" => SamplePopulation.External,
                    "instrument" => SamplePopulation.Instrument,
                    _ => (SamplePopulation?)null,
                };
                if (population is null)
                {
                    Error($"{field}.population", $"'{rule.Population}' must be internal, external or instrument");
                    continue;
                }
                Instrument? of = null;
                if (population == SamplePopulation.Instrument)
                {
                    if (!InstrumentCodes.TryParse(rule.Of, out var ofInstrument) || ofInstrument == instrument)
                    {
                        Error($"{field}.of", "names the instrument whose minimum this rule takes a share of");
                    }
                    of = ofInstrument;
                }
                if (rule.Percent is not (> 0 and <= 100))
                {
                    Error($"{field}.percent", "is required, a percentage above 0 and at most 100");
                }
                if (rule.AtLeast is not (>= 0))
                {
                    Error($"{field}.atLeast", "is required, a number of people");
                }
                if ((rule.Above is null) != (rule.AboveMinimum is null))
                {
                    Error(field, "above and aboveMinimum go together");
                }
                rules.Add(new SamplingRule(instrument, population.Value, of, rule.Percent ?? 0, rule.AtLeast ?? 0,
                    rule.EveryoneBelow, rule.Above, rule.AboveMinimum));
            }
            return new SamplingRules(Status("sampling.status", sampling.Status, SourceStatus.Confirmed),
                SourceRef("sampling.source", sampling.Source), sampling.Note, rules);
        }
    }
}
