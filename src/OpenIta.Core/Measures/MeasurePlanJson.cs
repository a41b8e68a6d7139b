using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Measures;

/// <summary>
/// The JSON form of a <see cref="MeasurePlan"/>: how a revision is stored, how the demo's seed plans are written and
/// what the API returns. camelCase names, enums as camelCase strings, dates as yyyy-MM-dd, Thai kept readable. Every
/// field is required (lists may be empty, texts may be null where the record allows); an error names the field.
/// </summary>
public static class MeasurePlanJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false), new FiscalYearConverter(), new PrintableConverter(),
        },
    };

    public static string Write(MeasurePlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>
    /// A short hash of a measure's content, its number left out: an editor sends back the fingerprint of the measure it
    /// showed, and the edit lands only while the measure is still as shown, wherever it has moved in the list.
    /// </summary>
    public static string Fingerprint(Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(measure with { Number = 0 }, Options);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
    }

    /// <summary>
    /// Reads a plan; throws <see cref="MeasurePlanException"/> naming the field on any error. A measure stored without an
    /// id (a plan written before ids) gets <c>m</c> and its number: every reader of the same text agrees on it.
    /// </summary>
    public static MeasurePlan Read(string json)
    {
        try
        {
            var plan = JsonSerializer.Deserialize<MeasurePlan>(json, Options)
                ?? throw new MeasurePlanException("plan", "is null");
            return plan.WithIds(m => "m" + m.Number.ToString(CultureInfo.InvariantCulture));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "plan" : e.Path.TrimStart('$', '.');
            var line = e.LineNumber is { } l ? string.Create(CultureInfo.InvariantCulture, $" (line {l + 1})") : "";
            throw new MeasurePlanException(field, FirstSentence(e.Message) + line);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    /// <summary>
    /// Every text as read passes <see cref="Text.UserText.Printable"/>: a plan stored before the text rule (a control
    /// character, a direction override in a title) reads, shows and prints without it. Written as given.
    /// </summary>
    private sealed class PrintableConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text ? Text.UserText.Printable(text) : null;

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class FiscalYearConverter : JsonConverter<FiscalYear>
    {
        public override FiscalYear Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var be)
                || be is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
            {
                throw new JsonException("is not a Buddhist Era fiscal year such as 2567");
            }
            return new FiscalYear(be);
        }

        public override void Write(Utf8JsonWriter writer, FiscalYear value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.BuddhistEra);
    }
}

/// <summary>A measures plan that cannot be read or is not valid; <see cref="Field"/> names where (the JSON path), and
/// <see cref="Exception.Message"/> says what, in English, for logs.</summary>
public sealed class MeasurePlanException(string field, string message) : Exception($"{field}: {message}")
{
    public string Field { get; } = field;

    /// <summary>What a user reads: in Thai, that the stored measures cannot be read and whom to ask (no JSON path on a
    /// Thai page); in English, the path and the reason.</summary>
    public Text.Message Describe() => Text.Message.Of("plan.unreadable",
        "ข้อมูลมาตรการที่บันทึกไว้ไม่อยู่ในรูปแบบที่ระบบอ่านได้ กรุณาแจ้งผู้ดูแลระบบ",
        "The stored measures cannot be read ({detail}); tell the administrator.", ("detail", Message));
}
