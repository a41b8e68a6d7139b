using System.Globalization;
using System.Text.Json;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Scoring.Json;

/// <summary>
/// Reads the JSON input of <c>openita score</c> and of the scoring API (README.md shows the contract). Every error
/// names the field; fields it does not know are listed in <see cref="Result.Ignored"/>, not silently dropped.
/// </summary>
public static class ScoreInputReader
{
    public sealed record Result(ScoreInput Input, IReadOnlyList<string> Ignored);

    private static readonly string[] TopLevel =
        ["fiscalYear", "indicators", "subIndicators", "instruments", "questions", "oitItems", "responses", "total", "participation", "published"];

    /// <summary>
    /// Reads an input. Raw answers are streamed into their matrices (<see cref="StreamingInputReader"/>); an input that
    /// stream does not take as it is, and every input in error, is read by <see cref="ReadDocument"/>, which names the field.
    /// </summary>
    public static Result Read(string json, Func<FiscalYear, Framework?> frameworks)
    {
        ArgumentNullException.ThrowIfNull(frameworks);
        return StreamingInputReader.TryRead(json, frameworks) ?? ReadDocument(json, frameworks);
    }

    /// <summary>The reference reader: the whole input as one <see cref="JsonDocument"/>, every error message made here.</summary>
    internal static Result ReadDocument(string json, Func<FiscalYear, Framework?> frameworks)
    {
        ArgumentNullException.ThrowIfNull(frameworks);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ScoreInputException("input", Message.Of("input.json", "ไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {line} ไบต์ที่ {byte})", "not valid JSON (line {line}, byte {byte})", ("line", (e.LineNumber ?? 0) + 1), ("byte", (e.BytePositionInLine ?? 0) + 1)));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ScoreInputException("input", ScoreErrors.Shape("object", "ต้องเป็นออบเจกต์ JSON", "must be a JSON object"));
            }
            if (!root.TryGetProperty("fiscalYear", out var yearElement))
            {
                throw new ScoreInputException("fiscalYear", ScoreErrors.Shape("year-required", "ต้องระบุปีงบประมาณ พ.ศ. เช่น 2567", "is required (a Buddhist Era year such as 2567)"));
            }
            if (yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var be)
                || be is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
            {
                throw new ScoreInputException("fiscalYear", Message.Of("input.year", "{raw} ไม่ใช่ปีงบประมาณ พ.ศ. เช่น 2567", "{raw} is not a Buddhist Era fiscal year such as 2567", ("raw", yearElement.GetRawText())));
            }
            var year = new FiscalYear(be);
            var framework = frameworks(year) ?? throw new ScoreInputException("fiscalYear", Message.Of("input.no-framework", "ระบบยังไม่มีเกณฑ์การประเมินของปีงบประมาณ พ.ศ. {year}", "no framework for FY{year}", ("year", be)));
            var ignored = root.EnumerateObject().Select(p => p.Name).Where(n => !TopLevel.Contains(n, StringComparer.Ordinal)).ToList();

            var input = new ScoreInput
            {
                Year = year,
                Indicators = Indicators(root, "indicators"),
                SubIndicators = Scores(root, "subIndicators"),
                Instruments = Instruments(root, "instruments"),
                Questions = Scores(root, "questions"),
                OitItems = Scores(root, "oitItems"),
                Responses = Responses(root, framework),
                Total = OptionalScore(root, "total", "total"),
                Participation = Participation(root),
                Published = Published(root, ignored),
            };
            return new Result(input, ignored);
        }
    }

    private static decimal ScoreValue(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out var value))
        {
            throw new ScoreInputException(field, ScoreErrors.NotANumber(element.GetRawText()));
        }
        if (!Score.IsValid(value))
        {
            throw new ScoreInputException(field, ScoreErrors.Range(value));
        }
        return value;
    }

    private static decimal? OptionalScore(JsonElement parent, string name, string field) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
            ? ScoreValue(element, field)
            : null;

    private static IEnumerable<JsonProperty> Object(JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScoreInputException(field, ScoreErrors.Shape("scores", "ต้องเป็นออบเจกต์ของรหัสและคะแนน", "must be an object of code → score"));
        }
        return element.EnumerateObject();
    }

    private static Dictionary<string, decimal> Scores(JsonElement parent, string name, string? prefix = null)
    {
        var field = prefix is null ? name : $"{prefix}.{name}";
        var result = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in Object(parent, name, field))
        {
            if (!result.TryAdd(property.Name.Trim(), ScoreValue(property.Value, $"{field}.{property.Name}")))
            {
                throw new ScoreInputException($"{field}.{property.Name}", ScoreErrors.GivenTwice());
            }
        }
        return result;
    }

    private static Dictionary<int, decimal> Indicators(JsonElement parent, string name, string? prefix = null)
    {
        var field = prefix is null ? name : $"{prefix}.{name}";
        var result = new Dictionary<int, decimal>();
        foreach (var property in Object(parent, name, field))
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 10)
            {
                throw new ScoreInputException($"{field}.{property.Name}", Message.Of("score.unknown-indicator",
                    "ไม่ใช่ตัวชี้วัด: ตัวชี้วัดมีหมายเลข 1 ถึง 10", "unknown indicator: indicators are numbered 1 to 10"));
            }
            if (!result.TryAdd(number, ScoreValue(property.Value, $"{field}.{property.Name}")))
            {
                throw new ScoreInputException($"{field}.{property.Name}", ScoreErrors.GivenTwice());
            }
        }
        return result;
    }

    private static Dictionary<Instrument, decimal> Instruments(JsonElement parent, string name, string? prefix = null)
    {
        var field = prefix is null ? name : $"{prefix}.{name}";
        var result = new Dictionary<Instrument, decimal>();
        foreach (var property in Object(parent, name, field))
        {
            if (!InstrumentCodes.TryParse(property.Name, out var instrument))
            {
                throw new ScoreInputException($"{field}.{property.Name}", ScoreErrors.UnknownInstrument("IIT, EIT, EIT1, EIT2, OIT"));
            }
            if (!result.TryAdd(instrument, ScoreValue(property.Value, $"{field}.{property.Name}")))
            {
                throw new ScoreInputException($"{field}.{property.Name}", ScoreErrors.GivenTwice());
            }
        }
        return result;
    }

    private static Dictionary<Instrument, ResponseMatrix> Responses(JsonElement root, Framework framework)
    {
        var result = new Dictionary<Instrument, ResponseMatrix>();
        foreach (var property in Object(root, "responses", "responses"))
        {
            var field = $"responses.{property.Name}";
            if (!InstrumentCodes.TryParse(property.Name, out var instrument))
            {
                throw new ScoreInputException(field, ScoreErrors.UnknownInstrument("IIT, EIT, EIT1, EIT2"));
            }
            if (framework.FindInstrument(instrument) is not { Kind: InstrumentKind.Perception })
            {
                throw new ScoreInputException(field, framework.HasEitParts && instrument == Instrument.Eit
                    ? ScoreErrors.EitAnswersInParts()
                    : ScoreErrors.NotASurvey(instrument, framework.Year.BuddhistEra));
            }
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw new ScoreInputException(field, ScoreErrors.Shape("respondents", "ต้องเป็นรายการผู้ตอบ แต่ละรายเป็นออบเจกต์ของรหัสข้อและคำตอบ", "must be an array of respondents, each an object of item code → answer"));
            }
            var rows = new List<IReadOnlyDictionary<string, string>>();
            var r = 0;
            foreach (var respondent in property.Value.EnumerateArray())
            {
                if (respondent.ValueKind != JsonValueKind.Object)
                {
                    throw new ScoreInputException($"{field}[{r}]", ScoreErrors.Shape("respondent", "ต้องเป็นออบเจกต์ของรหัสข้อและคำตอบ", "must be an object of item code → answer"));
                }
                var answers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var answer in respondent.EnumerateObject())
                {
                    if (answer.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue; // not answered
                    }
                    if (answer.Value.ValueKind != JsonValueKind.String)
                    {
                        throw new ScoreInputException($"{field}[{r}].{answer.Name}", ScoreErrors.Shape("answer", "คำตอบคือข้อความของตัวเลือก เช่น \"มาก\"", "an answer is its label, such as \"มาก\""));
                    }
                    if (!answers.TryAdd(answer.Name, answer.Value.GetString()!))
                    {
                        throw new ScoreInputException($"{field}[{r}].{answer.Name}", ScoreErrors.Shape("answered-twice", "ตอบซ้ำสองครั้ง", "is answered twice"));
                    }
                }
                rows.Add(answers);
                r++;
            }
            result[instrument] = ResponseMatrix.FromLabels(framework, instrument, rows, field);
        }
        return result;
    }

    private static Participation? Participation(JsonElement root)
    {
        if (!root.TryGetProperty("participation", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScoreInputException("participation", ScoreErrors.Shape("object", "ต้องเป็นออบเจกต์ JSON", "must be an object"));
        }
        var respondents = new Dictionary<Instrument, int>();
        foreach (var property in Object(element, "respondents", "participation.respondents"))
        {
            var field = $"participation.respondents.{property.Name}";
            if (!InstrumentCodes.TryParse(property.Name, out var instrument))
            {
                throw new ScoreInputException(field, ScoreErrors.UnknownInstrument("IIT, EIT, EIT1, EIT2"));
            }
            respondents[instrument] = People(property.Value, field);
        }
        return new Participation
        {
            Registered = Flag(element, "registered") ?? true,
            InternalStakeholders = element.TryGetProperty("internalStakeholders", out var i) ? People(i, "participation.internalStakeholders") : null,
            ExternalStakeholders = element.TryGetProperty("externalStakeholders", out var x) ? People(x, "participation.externalStakeholders") : null,
            Respondents = respondents,
            OitAnswered = Flag(element, "oitAnswered"),
        };
    }

    private static int People(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n) && n >= 0
            ? n
            : throw new ScoreInputException(field, ScoreErrors.NotACount(element.GetRawText()));

    private static bool? Flag(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ScoreInputException($"participation.{name}", ScoreErrors.Shape("boolean", "ต้องเป็น true หรือ false", "must be true or false")),
        };
    }

    private static PublishedFigures? Published(JsonElement root, List<string> ignored)
    {
        if (!root.TryGetProperty("published", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScoreInputException("published", ScoreErrors.Shape("object", "ต้องเป็นออบเจกต์ JSON", "must be an object"));
        }
        string[] known = ["total", "instruments", "indicators", "subIndicators", "questions", "rating"];
        ignored.AddRange(element.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n, StringComparer.Ordinal)).Select(n => $"published.{n}"));
        string? rating = null;
        if (element.TryGetProperty("rating", out var ratingElement) && ratingElement.ValueKind != JsonValueKind.Null)
        {
            rating = ratingElement.ValueKind == JsonValueKind.String
                ? ratingElement.GetString()
                : throw new ScoreInputException("published.rating", ScoreErrors.Shape("rating", "คือระดับผลการประเมินตามที่เผยแพร่ เช่น \"A\" หรือ \"ผ่านดี\"", "is the rating as printed, a string such as \"A\" or \"ผ่านดี\""));
        }
        return new PublishedFigures
        {
            Total = OptionalScore(element, "total", "published.total"),
            Instruments = Instruments(element, "instruments", "published"),
            Indicators = Indicators(element, "indicators", "published"),
            SubIndicators = Scores(element, "subIndicators", "published"),
            Questions = Scores(element, "questions", "published"),
            Rating = rating,
        };
    }
}
