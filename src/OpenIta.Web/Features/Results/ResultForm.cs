using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenIta.Core.Methodology;

namespace OpenIta.Web.Features.Results;

/// <summary>One input of the result form; <see cref="Path"/> is where its value goes in the JSON contract.</summary>
/// <param name="IsText">The published rating is text as printed; every other field is a score.</param>
public sealed record FormField(string Path, string Group, string LabelTh, string LabelEn, bool IsText = false)
{
    public string[] Segments => Path.Split('.');
}

/// <summary>
/// The entry form of a result: the fields a fiscal year has (EIT, or EIT1 and EIT2 from FY2566), and how their values
/// are written into the JSON contract of <c>openita score</c>. The form edits only its own fields: anything else a
/// stored input holds (questions, OIT items, answers, participation) is kept as it is.
/// </summary>
public static class ResultForm
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Thai (a printed rating) stays readable in the stored input
    };

    public static IReadOnlyList<FormField> Fields(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var fields = new List<FormField>();
        fields.AddRange(framework.Indicators.Select(i => new FormField(
            "indicators." + i.Number.ToString(CultureInfo.InvariantCulture), "indicators",
            $"{i.Number.ToString(CultureInfo.InvariantCulture)}. {i.NameTh} ({i.Instrument.Code()})",
            $"{i.Number.ToString(CultureInfo.InvariantCulture)}. {i.NameEn} ({i.Instrument.Code()})")));
        fields.AddRange(framework.Instruments.Select(i => new FormField(
            "instruments." + i.Code, "instruments", $"{i.Code} {i.NameTh}", $"{i.Code} {i.NameEn}")));
        fields.Add(new FormField("total", "total", "คะแนนรวม", "Total"));
        fields.Add(new FormField("published.total", "published", "คะแนนรวมที่เผยแพร่", "Published total"));
        var published = framework.HasEitParts ? new[] { "IIT", "EIT1", "EIT2", "EIT", "OIT" } : ["IIT", "EIT", "OIT"];
        fields.AddRange(published.Select(code => new FormField(
            "published.instruments." + code, "published", $"{code} ที่เผยแพร่", $"Published {code}")));
        fields.Add(new FormField("published.rating", "published", "ระดับผลการประเมินที่เผยแพร่", "Published rating", IsText: true));
        return fields;
    }

    /// <summary>The value each field has in an input (its JSON text as typed: 85.84), for the form to show.</summary>
    public static Dictionary<string, string> ValuesOf(JsonObject input, IEnumerable<FormField> fields)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            JsonNode? node = input;
            foreach (var segment in field.Segments)
            {
                node = node is JsonObject o ? FindProperty(o, segment) : null;
            }
            if (node is JsonValue value)
            {
                values[field.Path] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }
        }
        return values;
    }

    /// <summary>
    /// Writes the form's values into <paramref name="input"/>: a number where one is typed, the text as typed otherwise
    /// (so that the reader refuses it naming the field), and removes a field sent empty. A field not sent at all
    /// (<paramref name="valueOf"/> answers null) is left as stored: a post that lacks fields wipes nothing.
    /// </summary>
    public static JsonObject Apply(JsonObject input, int fiscalYear, IEnumerable<FormField> fields, Func<string, string?> valueOf)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(valueOf);
        input["fiscalYear"] = fiscalYear;
        foreach (var field in fields)
        {
            if (valueOf(field.Path) is not { } sent)
            {
                continue;
            }
            var text = sent.Trim();
            var segments = field.Segments;
            var parent = input;
            for (var i = 0; i < segments.Length - 1 && parent is not null; i++)
            {
                var child = FindProperty(parent, segments[i]) as JsonObject;
                if (child is null && text.Length > 0)
                {
                    child = [];
                    parent[segments[i]] = child;
                }
                parent = child;
            }
            if (parent is null)
            {
                continue;
            }
            var key = ExistingKey(parent, segments[^1]) ?? segments[^1];
            if (text.Length == 0)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = field.IsText ? JsonValue.Create(text) : Number(text);
            }
        }
        RemoveEmpty(input);
        return input;
    }

    /// <summary>Whether an input holds anything the engine scores (not only published figures).</summary>
    public static bool HasScores(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string[] levels = ["indicators", "subIndicators", "instruments", "questions", "oitItems", "responses", "total"];
        return levels.Any(input.ContainsKey);
    }

    public static string Write(JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.ToJsonString(Indented);
    }

    /// <summary>Parses a stored input; a new result starts from its fiscal year alone.</summary>
    public static JsonObject Parse(string? inputJson, int fiscalYear) =>
        inputJson is not null && JsonNode.Parse(inputJson) is JsonObject stored ? stored : new JsonObject { ["fiscalYear"] = fiscalYear };

    private static JsonNode Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? JsonValue.Create(value)
            : JsonValue.Create(text);

    // Instrument codes are case-insensitive in the contract (eit1 = EIT1): edit the key the input already has.
    private static string? ExistingKey(JsonObject parent, string name) =>
        parent.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    private static JsonNode? FindProperty(JsonObject parent, string name) =>
        ExistingKey(parent, name) is { } key ? parent[key] : null;

    private static void RemoveEmpty(JsonObject node)
    {
        foreach (var (key, child) in node.ToList())
        {
            if (child is JsonObject o)
            {
                RemoveEmpty(o);
                if (o.Count == 0)
                {
                    node.Remove(key);
                }
            }
        }
    }
}
