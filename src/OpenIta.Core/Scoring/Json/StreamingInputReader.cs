using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Scoring.Json;

/// <summary>
/// The fast path of <see cref="ScoreInputReader.Read"/> for inputs that hold raw answers (a stored result is mostly its
/// respondents' answer labels): one <see cref="Utf8JsonReader"/> pass writes each answer straight into a byte matrix
/// laid out in the compiled plan's column order, matching its label on UTF-8 bytes against the scale's labels encoded
/// once per framework; no document, no string or dictionary per answer. The other top-level fields (a few hundred
/// bytes) are copied into a small object and read by the document reader, so they mean exactly what they meant.
/// <para>
/// It gives up (returns null) on anything but a well-formed input that the document reader accepts (invalid JSON, a
/// label or item it does not know, a field given twice...): the caller then reads the input with the document reader,
/// which is the reference and the only place where error messages are made. So every error message is the one it was.
/// </para>
/// </summary>
internal static class StreamingInputReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip };

    private static readonly ConditionalWeakTable<Framework, AnswerColumns> Columns = [];

    /// <summary>The input as <see cref="ScoreInputReader.ReadDocument"/> reads it, or null when it must read it itself.</summary>
    public static ScoreInputReader.Result? TryRead(string json, Func<FiscalYear, Framework?> frameworks)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(json.Length));
        try
        {
            var length = Utf8.GetBytes(json, bytes);
            return TryRead(bytes.AsSpan(0, length), frameworks);
        }
        catch (Exception e) when (e is JsonException or ScoreInputException or EncoderFallbackException or InvalidOperationException or OverflowException)
        {
            return null; // the document reader names what is wrong
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static ScoreInputReader.Result? TryRead(ReadOnlySpan<byte> json, Func<FiscalYear, Framework?> frameworks)
    {
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        var names = new List<string>();
        var rest = new ArrayBufferWriter<byte>(1024);
        rest.Write("{"u8);
        Framework? framework = null;   // the year's, once a valid fiscalYear has been read
        Dictionary<Instrument, ResponseMatrix>? responses = null;
        int responsesStart = -1, responsesEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (names.Contains(name, StringComparer.Ordinal))
            {
                return null; // which of the two counts is the document reader's business
            }
            names.Add(name);
            var nameStart = (int)reader.TokenStartIndex;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            if (name == "responses")
            {
                if (framework is not null)
                {
                    // The year came first (as it does in what the application stores): one pass, straight into matrices.
                    responses = Responses(ref reader, framework);
                    if (responses is null)
                    {
                        return null;
                    }
                }
                else
                {
                    reader.Skip();
                    (responsesStart, responsesEnd) = (valueStart, (int)reader.BytesConsumed);
                }
                continue;
            }
            if (name == "fiscalYear" && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var be)
                && be is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe)
            {
                framework = frameworks(new FiscalYear(be));
            }
            reader.Skip();
            if (rest.WrittenCount > 1)
            {
                rest.Write(","u8);
            }
            rest.Write(json[nameStart..(int)reader.BytesConsumed]);
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || (responses is null && responsesStart < 0))
        {
            return null; // not one JSON object, or nothing to gain
        }
        rest.Write("}"u8);
        var others = ScoreInputReader.ReadDocument(Encoding.UTF8.GetString(rest.WrittenSpan), frameworks);
        if (responses is null)
        {
            framework = frameworks(others.Input.Year);
            if (framework is null)
            {
                return null;
            }
            var late = new Utf8JsonReader(json[responsesStart..responsesEnd], Options);
            late.Read();
            responses = Responses(ref late, framework);
        }
        else if (framework!.Year != others.Input.Year)
        {
            return null;
        }
        return responses is null ? null : others with { Input = others.Input with { Responses = responses } };
    }

    /// <summary>The matrices of the <c>responses</c> object the reader stands on; null where the document reader must look.</summary>
    private static Dictionary<Instrument, ResponseMatrix>? Responses(ref Utf8JsonReader reader, Framework framework)
    {
        var result = new Dictionary<Instrument, ResponseMatrix>();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return result;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        var columns = Columns.GetValue(framework, f => new AnswerColumns(f));
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!InstrumentCodes.TryParse(reader.GetString(), out var instrument)
                || framework.FindInstrument(instrument) is not { Kind: InstrumentKind.Perception }
                || result.ContainsKey(instrument)
                || !reader.Read() || reader.TokenType != JsonTokenType.StartArray
                || Matrix(ref reader, framework, columns.Of(instrument)) is not { } matrix)
            {
                return null;
            }
            result[instrument] = matrix;
        }
        return reader.TokenType == JsonTokenType.EndObject ? result : null;
    }

    /// <summary>
    /// One instrument's respondents into a matrix. Cells go to the slot of their item in <see cref="InstrumentColumns"/>
    /// (the plan's columns first), then the matrix takes the columns in the order they first appear, as the document
    /// reader's does: when that is the plan's order (a stored input always has it) the written bytes are the matrix.
    /// </summary>
    private static ResponseMatrix? Matrix(ref Utf8JsonReader reader, Framework framework, InstrumentColumns layout)
    {
        var stride = layout.Items.Length;
        if (stride == 0)
        {
            return null;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(stride * 64);
        try
        {
            var order = new int[stride];        // the slots in the order their items first appear
            var spelled = new byte[stride][];   // per slot: its item code as first written (compared on bytes)
            var discovered = 0;
            var rows = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                if ((rows + 1) * stride > buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, rows * stride).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var row = buffer.AsSpan(rows * stride, stride);
                row.Clear();
                var next = 0; // where in the discovery order the next item probably is (rows repeat one order)
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.ValueSpan;
                    var escapedName = reader.ValueIsEscaped ? reader.GetString() : null;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue; // not answered
                    }
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }
                    int slot;
                    if (escapedName is null && next < discovered && name.SequenceEqual(spelled[order[next]]))
                    {
                        slot = order[next++];
                    }
                    else if (escapedName is null && Spelled(spelled, order, discovered, name) is var at and >= 0)
                    {
                        slot = order[at];
                        next = at + 1;
                    }
                    else
                    {
                        var code = escapedName ?? Encoding.UTF8.GetString(name);
                        if (framework.FindItem(code) is not { } hit || hit.Question.Instrument != layout.Instrument
                            || hit.Item.Scale is null || !layout.Slots.TryGetValue(hit.Item, out slot))
                        {
                            return null;
                        }
                        var known = Array.IndexOf(order, slot, 0, discovered);
                        if (known < 0)
                        {
                            known = discovered++;
                            order[known] = slot;
                            spelled[slot] = escapedName is null ? name.ToArray() : [];
                        }
                        next = known + 1;
                    }
                    var answer = layout.Answer(slot, ref reader);
                    if (answer < 0 || row[slot] != ResponseMatrix.NotAnswered)
                    {
                        return null; // not a label of the scale, or answered twice
                    }
                    row[slot] = (byte)(answer + 1);
                }
                if (reader.TokenType != JsonTokenType.EndObject)
                {
                    return null;
                }
                rows++;
            }
            if (reader.TokenType != JsonTokenType.EndArray || discovered == 0)
            {
                return null;
            }
            return layout.Matrix(buffer.AsSpan(0, rows * stride), rows, order.AsSpan(0, discovered));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Spelled(byte[][] spelled, int[] order, int discovered, ReadOnlySpan<byte> name)
    {
        for (var at = 0; at < discovered; at++)
        {
            if (name.SequenceEqual(spelled[order[at]]))
            {
                return at;
            }
        }
        return -1;
    }

    /// <summary>Per survey instrument of a framework: the items its answers may name, with their labels in UTF-8.</summary>
    private sealed class AnswerColumns(Framework framework)
    {
        private readonly Dictionary<Instrument, InstrumentColumns> _byInstrument = [];

        public InstrumentColumns Of(Instrument instrument)
        {
            lock (_byInstrument)
            {
                if (!_byInstrument.TryGetValue(instrument, out var columns))
                {
                    _byInstrument[instrument] = columns = new InstrumentColumns(framework, instrument);
                }
                return columns;
            }
        }
    }

    /// <summary>
    /// The items of one instrument that an answer may name (those with an answer scale), the plan's columns first and in
    /// its order, with every answer label as UTF-8 and as the JSON writer escapes it by default.
    /// </summary>
    private sealed class InstrumentColumns
    {
        private readonly byte[]?[][] _labels;
        private readonly byte[]?[][] _escaped;
        private readonly IReadOnlyList<ScoredItem> _all;

        public InstrumentColumns(Framework framework, Instrument instrument)
        {
            Instrument = instrument;
            var plan = ScoringPlan.TryFor(framework, out _) is { } compiled && compiled.Surveys.Contains(instrument)
                ? compiled.Columns(instrument)
                : [];
            var others = framework.Questions.Where(q => q.Instrument == instrument).SelectMany(q => q.Items)
                .Where(i => i.Scale is not null && !plan.Any(p => ReferenceEquals(p, i)));
            Items = [.. plan, .. others];
            _all = Items.Length == plan.Count ? plan : Items;
            Slots = new Dictionary<ScoredItem, int>(ReferenceEqualityComparer.Instance);
            for (var s = 0; s < Items.Length; s++)
            {
                Slots.TryAdd(Items[s], s);
            }
            // A label with spaces around it is never given back by the scale's rule (it trims the answer): no bytes match it.
            _labels = Items.Select(i => i.Scale!.Answers.Select(a => a.Label == a.Label.Trim() ? Encoding.UTF8.GetBytes(a.Label) : null).ToArray()).ToArray();
            _escaped = Items.Select(i => i.Scale!.Answers.Select(a => a.Label == a.Label.Trim() ? JsonEncodedText.Encode(a.Label).EncodedUtf8Bytes.ToArray() : null).ToArray()).ToArray();
        }

        public Instrument Instrument { get; }

        public ScoredItem[] Items { get; }

        /// <summary>An item's slot, by identity: the framework's own item objects.</summary>
        public Dictionary<ScoredItem, int> Slots { get; }

        /// <summary>The index of the answer in the slot's scale, or -1. The bytes first, the scale's own rule (trimmed) else.</summary>
        public int Answer(int slot, ref Utf8JsonReader reader)
        {
            var labels = reader.ValueIsEscaped ? _escaped[slot] : _labels[slot];
            var value = reader.ValueSpan;
            for (var a = 0; a < labels.Length; a++)
            {
                if (labels[a] is { } label && value.SequenceEqual(label))
                {
                    return a;
                }
            }
            var answer = Items[slot].Scale!.IndexOf(reader.GetString()!);
            return answer < SurveyAggregator.MaxAnswers ? answer : -1;
        }

        /// <summary>The matrix of <paramref name="rows"/> rows of slots, with the columns in <paramref name="order"/>.</summary>
        public ResponseMatrix Matrix(ReadOnlySpan<byte> slots, int rows, ReadOnlySpan<int> order)
        {
            var stride = Items.Length;
            var inOrder = order.Length == stride;
            for (var c = 0; inOrder && c < order.Length; c++)
            {
                inOrder = order[c] == c;
            }
            if (inOrder)
            {
                return new ResponseMatrix(_all, slots.ToArray(), rows);
            }
            var width = order.Length;
            var cells = new byte[rows * width];
            for (var r = 0; r < rows; r++)
            {
                var from = slots.Slice(r * stride, stride);
                var to = cells.AsSpan(r * width, width);
                for (var c = 0; c < width; c++)
                {
                    to[c] = from[order[c]];
                }
            }
            var columns = new ScoredItem[width];
            for (var c = 0; c < width; c++)
            {
                columns[c] = Items[order[c]];
            }
            return new ResponseMatrix(columns, cells, rows);
        }
    }
}
