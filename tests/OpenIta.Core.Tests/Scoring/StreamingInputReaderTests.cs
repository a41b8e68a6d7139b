using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>
/// The streaming reader of raw answers (<see cref="StreamingInputReader"/>, behind <see cref="ScoreInputReader.Read"/>)
/// against the document reader it replaces (<see cref="ScoreInputReader.ReadDocument"/>, the reference): the same input
/// and the same card on the seeds and on random inputs, the same error (field, Thai and English message) on malformed
/// ones, and the fast path really taken on well-formed ones.
/// </summary>
public sealed class StreamingInputReaderTests
{
    private static readonly Framework Synthetic = FrameworkParser.Parse(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "bench", "OpenIta.Bench", "synthetic-fy2567.yaml")),
        "synthetic-fy2567.yaml");

    private static readonly Framework Fy2564 = FrameworkCatalog.BuiltIn.Get(new FiscalYear(2564));

    /// <summary>FY2567 is the synthetic year (every survey with scales and a plan); the other years are the built-in ones.</summary>
    private static Framework? Find(FiscalYear year) => year == Synthetic.Year ? Synthetic : FrameworkCatalog.BuiltIn.Find(year);

    public static TheoryData<string> Seeds => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Seeds"), "*.json")
        .Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_reads_the_same_with_and_without_raw_answers_added(string file)
    {
        var seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", file));
        Assert.Equal(Outcome(() => ScoreInputReader.ReadDocument(seed, Find)), Outcome(() => ScoreInputReader.Read(seed, Find)));

        // The seed's own fields beside raw answers of FY2567 (synthetic) and of FY2564's IIT, in any order of fields.
        var random = new Random(file.Length);
        foreach (var framework in new[] { Synthetic, Fy2564 })
        {
            for (var i = 0; i < 20; i++)
            {
                var json = Merge(seed, Input(random, framework, Fault.None), framework.Year.BuddhistEra, random);
                Assert.NotNull(StreamingInputReader.TryRead(json, Find));
                Assert.Equal(Outcome(() => ScoreInputReader.ReadDocument(json, Find)), Outcome(() => ScoreInputReader.Read(json, Find)));
            }
        }
    }

    [Fact]
    public void Random_inputs_read_to_the_same_input_and_card_through_the_stream()
    {
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var framework = random.Next(4) == 0 ? Fy2564 : Synthetic;
            var json = Input(random, framework, Fault.None);
            var streamed = StreamingInputReader.TryRead(json, Find);
            Assert.True(streamed is not null, $"seed {seed}: the stream gave up on a well-formed input\n{json}");
            var expected = Outcome(() => ScoreInputReader.ReadDocument(json, Find));
            Assert.StartsWith("read", expected, StringComparison.Ordinal);
            Assert.Equal(expected, Outcome(() => streamed));
            Assert.Equal(expected, Outcome(() => ScoreInputReader.Read(json, Find)));
        }
    }

    [Fact]
    public void Malformed_inputs_get_the_document_readers_error_field_and_message()
    {
        var faults = Enum.GetValues<Fault>().Where(f => f != Fault.None).ToArray();
        var refused = 0;
        for (var seed = 0; seed < 600; seed++)
        {
            var random = new Random(seed);
            var fault = faults[seed % faults.Length];
            var json = Input(random, random.Next(4) == 0 ? Fy2564 : Synthetic, fault);
            var expected = Outcome(() => ScoreInputReader.ReadDocument(json, Find));
            Assert.Equal(expected, Outcome(() => ScoreInputReader.Read(json, Find)));
            if (expected.StartsWith("refused", StringComparison.Ordinal))
            {
                refused++;
                Assert.True(StreamingInputReader.TryRead(json, Find) is null, $"seed {seed} ({fault}): the stream read an input in error\n{json}");
            }
        }
        // Every fault but a null answer (not answered, not an error) and fields given twice at the top is an error.
        Assert.True(refused > 450, $"only {refused} of 600 malformed inputs were refused");
    }

    [Theory]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{"I2": "มากมาย"}]}}""", "responses.IIT[0].I2")]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{"I2": "มาก"}, {"I2": "มาก", "i2": "น้อย"}]}}""", "responses.IIT[1].i2")]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{"I2": "มาก"}, {"Z9": "มาก"}]}}""", "responses.IIT[1].Z9")]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{"I1": "มาก"}]}}""", "responses.IIT[0].I1")]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{}, {}]}}""", "responses.IIT")]
    [InlineData("""{"fiscalYear": 2564, "indicators": {"11": 1}, "responses": {"IIT": [{"I2": "x"}]}}""", "indicators.11")]
    [InlineData("""{"responses": {"IIT": [{"I2": "x"}]}, "fiscalYear": 2564, "total": 101}""", "responses.IIT[0].I2")]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{"I2": "มาก"}]}, "total": 101}""", "total")]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{"I2": "มาก",}]}}""", "input")]
    public void The_stream_gives_up_and_the_field_named_is_the_document_readers(string json, string field)
    {
        Assert.Null(StreamingInputReader.TryRead(json, Find));
        var error = Assert.Throws<ScoreInputException>(() => ScoreInputReader.Read(json, Find));
        var reference = Assert.Throws<ScoreInputException>(() => ScoreInputReader.ReadDocument(json, Find));
        Assert.Equal(field, error.Field);
        Assert.Equal(Describe(reference), Describe(error));
    }

    [Fact]
    public void A_stored_input_in_the_plans_order_is_read_into_the_plans_own_columns()
    {
        var random = new Random(7);
        var json = Input(random, Synthetic, Fault.None, planOrder: true);
        var read = StreamingInputReader.TryRead(json, Find)!;
        var plan = ScoringPlan.For(Synthetic);
        foreach (var (instrument, matrix) in read.Input.Responses)
        {
            // The same list object: the plan then compares columns by reference, and counts the matrix as it is.
            Assert.Same(plan.Columns(instrument), matrix.Columns);
        }
        Assert.Equal(Outcome(() => ScoreInputReader.ReadDocument(json, Find)), Outcome(() => read));
    }

    public enum Fault
    {
        None,
        UnknownLabel,
        NumberAnswer,
        ObjectAnswer,
        AnsweredTwice,
        UnknownItem,
        OtherInstrumentsItem,
        QuestionWithSubItems,
        RespondentNotObject,
        UnknownInstrument,
        ResponsesArray,
        InstrumentNotArray,
        NoAnswerAtAll,
        Truncated,
        TrailingComma,
        FieldTwice,
        BadIndicatorBeside,
        BadTotalBeside,
        NullAnswer,
    }

    /// <summary>A random input of <paramref name="framework"/>'s year: raw answers (in the plan's order, one shuffled order
    /// or a new order per row; codes in either case; blanks; labels with spaces; Thai escaped or not) and other fields.</summary>
    private static string Input(Random random, Framework framework, Fault fault, bool planOrder = false)
    {
        var escaped = random.Next(2) == 0;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Encoder = escaped ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = random.Next(2) == 0,
            SkipValidation = true,
        }))
        {
            var fields = new List<Action>
            {
                () => json.WriteNumber("fiscalYear", framework.Year.BuddhistEra),
                () => Responses(json, random, framework, fault, planOrder),
            };
            if (random.Next(2) == 0)
            {
                fields.Add(() =>
                {
                    json.WriteStartObject("oitItems");
                    foreach (var item in framework.OitItems.Take(random.Next(framework.OitItems.Count + 1)))
                    {
                        json.WriteNumber(item.Code, random.Next(2) * 100);
                    }
                    json.WriteEndObject();
                });
            }
            if (random.Next(3) == 0)
            {
                fields.Add(() => json.WriteString("agency", "หน่วยงาน \"ทดสอบ\""));
            }
            if (random.Next(3) == 0)
            {
                fields.Add(() =>
                {
                    json.WriteStartObject("published");
                    json.WriteNumber("total", 88.50m);
                    json.WriteString("note", "ตามประกาศ");
                    json.WriteEndObject();
                });
            }
            if (random.Next(3) == 0)
            {
                fields.Add(() =>
                {
                    json.WriteStartObject("participation");
                    json.WriteNumber("internalStakeholders", random.Next(500));
                    json.WriteBoolean("registered", true);
                    json.WriteEndObject();
                });
            }
            if (fault == Fault.BadIndicatorBeside)
            {
                fields.Add(() => { json.WriteStartObject("indicators"); json.WriteNumber("11", 90); json.WriteEndObject(); });
            }
            if (fault == Fault.BadTotalBeside)
            {
                fields.Add(() => json.WriteNumber("total", 120));
            }
            if (fault == Fault.FieldTwice)
            {
                fields.Add(() => json.WriteNumber("fiscalYear", framework.Year.BuddhistEra));
            }
            json.WriteStartObject();
            foreach (var field in fields.OrderBy(_ => random.Next()))
            {
                field();
            }
            json.WriteEndObject();
        }
        var text = Encoding.UTF8.GetString(stream.ToArray());
        return fault switch
        {
            Fault.Truncated => text[..random.Next(1, text.Length - 1)],
            Fault.TrailingComma => text[..text.LastIndexOf('}')] + ",}",
            _ => text,
        };
    }

    private static void Responses(Utf8JsonWriter json, Random random, Framework framework, Fault fault, bool planOrder)
    {
        var surveys = framework.Instruments.Where(i => i.Kind == InstrumentKind.Perception)
            .Select(i => (i.Instrument, Items: framework.Questions.Where(q => q.Instrument == i.Instrument).SelectMany(q => q.Items).Where(x => x.Scale is not null).ToList()))
            .Where(s => s.Items.Count > 0)
            .ToList();
        var chosen = planOrder ? surveys : surveys.Where(_ => random.Next(3) > 0).DefaultIfEmpty(surveys[0]).ToList();
        var faulty = random.Next(chosen.Count);
        json.WritePropertyName("responses");
        if (fault == Fault.ResponsesArray)
        {
            json.WriteStartArray();
            json.WriteEndArray();
            return;
        }
        json.WriteStartObject();
        if (fault == Fault.UnknownInstrument)
        {
            json.WriteStartArray("XIT");
            json.WriteEndArray();
        }
        for (var s = 0; s < chosen.Count; s++)
        {
            var (instrument, items) = chosen[s];
            var here = s == faulty ? fault : Fault.None;
            var code = random.Next(2) == 0 ? instrument.Code() : instrument.Code().ToLowerInvariant();
            if (here == Fault.InstrumentNotArray)
            {
                json.WriteStartObject(code);
                json.WriteEndObject();
                continue;
            }
            json.WriteStartArray(code);
            var mode = planOrder ? 0 : random.Next(3); // 0: the plan's order, 1: one shuffled order, 2: a new order per row
            var order = mode == 0 ? items : items.OrderBy(_ => random.Next()).ToList();
            var rows = random.Next(1, 30);
            var faultRow = random.Next(rows);
            var lower = random.Next(5) == 0;
            for (var r = 0; r < rows; r++)
            {
                if (here == Fault.RespondentNotObject && r == faultRow)
                {
                    json.WriteNumberValue(3);
                    continue;
                }
                json.WriteStartObject();
                var row = mode == 2 ? items.OrderBy(_ => random.Next()).ToList() : order;
                for (var c = 0; c < row.Count; c++)
                {
                    var item = row[c];
                    var name = lower && random.Next(2) == 0 ? item.Code.ToLowerInvariant() : item.Code;
                    if (here == Fault.NoAnswerAtAll || (r > 0 && random.Next(10) == 0))
                    {
                        continue; // left out
                    }
                    if (r > 0 && random.Next(30) == 0)
                    {
                        json.WriteNull(name);
                        continue;
                    }
                    var labels = item.Scale!.Answers;
                    var label = labels[random.Next(labels.Count)].Label;
                    if (random.Next(30) == 0)
                    {
                        label = $" {label}  ";
                    }
                    json.WriteString(name, label);
                    if (here != Fault.None && r == faultRow && c == 0)
                    {
                        WriteFault(json, random, framework, instrument, item, here);
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteFault(Utf8JsonWriter json, Random random, Framework framework, Instrument instrument, ScoredItem item, Fault fault)
    {
        var other = framework.Questions.Where(q => q.Instrument != instrument && q.Instrument != Instrument.Oit).SelectMany(q => q.Items).FirstOrDefault();
        var grouped = framework.Questions.FirstOrDefault(q => q.Instrument == instrument && q.HasSubItems);
        switch (fault)
        {
            case Fault.UnknownLabel:
                json.WriteString("Z" + random.Next(100).ToString(CultureInfo.InvariantCulture), "x");
                json.WriteString(item.Code, "ไม่ใช่คำตอบ"); // also answered twice: whichever the reference names first
                break;
            case Fault.NumberAnswer:
                json.WriteNumber(item.Code + "x", 3);
                break;
            case Fault.ObjectAnswer:
                json.WriteStartObject(item.Code.ToLowerInvariant() + "y");
                json.WriteEndObject();
                break;
            case Fault.AnsweredTwice:
                json.WriteString(item.Code.ToLowerInvariant(), item.Scale!.Answers[0].Label);
                break;
            case Fault.UnknownItem:
                json.WriteString("Q99.9", item.Scale!.Answers[0].Label);
                break;
            case Fault.OtherInstrumentsItem when other is not null:
                json.WriteString(other.Code, other.Scale?.Answers[0].Label ?? "x");
                break;
            case Fault.QuestionWithSubItems when grouped is not null:
                json.WriteString(grouped.Code, item.Scale!.Answers[0].Label);
                break;
            case Fault.NullAnswer:
                json.WriteNull("Q99.9"); // an unknown item left blank is no error for the reference either
                break;
            default:
                json.WriteString(item.Code, "ซ้ำ");
                break;
        }
    }

    /// <summary>The seed's fields, its year replaced, beside the raw answers of <paramref name="answers"/>, shuffled.</summary>
    private static string Merge(string seed, string answers, int year, Random random)
    {
        using var seedDocument = JsonDocument.Parse(seed, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        using var answersDocument = JsonDocument.Parse(answers);
        var fields = seedDocument.RootElement.EnumerateObject().Where(p => p.Name is not ("fiscalYear" or "responses"))
            .Concat(answersDocument.RootElement.EnumerateObject().Where(p => p.Name is "fiscalYear" or "responses"))
            .OrderBy(_ => random.Next())
            .ToList();
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            foreach (var field in fields)
            {
                field.WriteTo(json);
            }
            json.WriteEndObject();
        }
        Assert.Contains(year.ToString(CultureInfo.InvariantCulture), answers, StringComparison.Ordinal);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Everything a read gives, as text: the input's every field and matrix cell, what was ignored, and the card.</summary>
    private static string Outcome(Func<ScoreInputReader.Result?> read)
    {
        ScoreInputReader.Result? result;
        try
        {
            result = read();
        }
        catch (ScoreInputException e)
        {
            return "refused " + Describe(e);
        }
        if (result is null)
        {
            return "null";
        }
        var input = result.Input;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"read FY{input.Year.BuddhistEra}; ignored {string.Join(",", result.Ignored)}\n");
        foreach (var (instrument, matrix) in input.Responses)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{instrument}: {matrix.Rows} × [{string.Join(",", matrix.Columns.Select(c => c.Code))}] {Convert.ToHexString(matrix.Cells)}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"indicators {Pairs(input.Indicators)}; sub {Pairs(input.SubIndicators)}; instruments {Pairs(input.Instruments)}\n");
        text.Append(CultureInfo.InvariantCulture, $"questions {Pairs(input.Questions)}; oit {Pairs(input.OitItems)}; total {input.Total}\n");
        if (input.Participation is { } p)
        {
            text.Append(CultureInfo.InvariantCulture, $"participation {p.Registered} {p.InternalStakeholders} {p.ExternalStakeholders} {p.OitAnswered} {Pairs(p.Respondents)}\n");
        }
        if (input.Published is { } published)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"published {published.Total} {published.Rating} {Pairs(published.Instruments)} {Pairs(published.Indicators)} {Pairs(published.SubIndicators)} {Pairs(published.Questions)}\n");
        }
        var framework = Find(input.Year)!;
        try
        {
            var card = ScoringPlan.Card(framework, input, out var compiled);
            text.Append(CultureInfo.InvariantCulture, $"compiled {compiled}\n").Append(ScoreCardWriter.Write(card, result.Ignored));
        }
        catch (ScoreInputException e)
        {
            text.Append("not scored ").Append(Describe(e));
        }
        return text.ToString();
    }

    private static string Pairs<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> values) =>
        string.Join(",", values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}={v.Value}")));

    private static string Describe(ScoreInputException e) =>
        $"{e.Field} | {e.Reason.Code} | {e.Reason.Thai} | {e.Reason.English} | {Pairs(e.Reason.Arguments)} | {e.Message}";
}
