using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;

namespace OpenIta.Core.Scoring.Json;

/// <summary>Writes a <see cref="ScoreCard"/> as the JSON of <c>openita score --format json</c> and of the API.</summary>
public static class ScoreCardWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Thai stays readable; output is never embedded in HTML
    };

    public static string Write(ScoreCard card, IReadOnlyList<string>? ignoredFields = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            Write(json, card, ignoredFields ?? []);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter json, ScoreCard card, IReadOnlyList<string> ignoredFields)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(card);
        json.WriteStartObject();
        json.WriteNumber("fiscalYear", card.Year.BuddhistEra);
        Number(json, "total", card.Total);
        json.WriteString("totalDisplay", Score.Display(card.Total));
        json.WriteString("totalOrigin", Origin(card.TotalOrigin));
        json.WriteString("totalReason", card.TotalReason?.English);
        json.WriteString("totalReasonTh", card.TotalReason?.Thai);
        if (card.Passed is { } passed)
        {
            json.WriteBoolean("passed", passed);
        }
        else
        {
            json.WriteNull("passed");
        }
        json.WritePropertyName("rating");
        Rating(json, card.Rating);
        json.WriteStartArray("ratingCandidates");
        foreach (var level in card.RatingCandidates)
        {
            Rating(json, level);
        }
        json.WriteEndArray();
        // An open rating: the possible levels (lowest first) and what would decide them; [] and null when decided.
        json.WriteStartArray("possibleRatings");
        foreach (var level in RatingWording.Possible(card))
        {
            Rating(json, level);
        }
        json.WriteEndArray();
        if (card.RatingUndecided)
        {
            var decidedBy = RatingWording.DecidedBy(card);
            json.WriteStartObject("ratingDecidedBy");
            json.WriteStartArray("instruments");
            foreach (var instrument in card.RatingNeeds)
            {
                json.WriteStringValue(instrument.Code());
            }
            json.WriteEndArray();
            json.WriteString("th", decidedBy.Th);
            json.WriteString("en", decidedBy.En);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("ratingDecidedBy");
        }

        json.WriteStartObject("instruments");
        foreach (var instrument in card.Instruments)
        {
            json.WriteStartObject(instrument.Instrument.Code());
            Number(json, "score", instrument.Score);
            json.WriteString("display", Score.Display(instrument.Score));
            json.WriteBoolean("scored", instrument.Scored);
            json.WriteString("reason", instrument.Reason?.English);
            json.WriteString("reasonTh", instrument.Reason?.Thai);
            json.WriteString("origin", Origin(instrument.Origin));
            Number(json, "weight", instrument.Weight);
            if (instrument.Respondents is { } respondents)
            {
                json.WriteNumber("respondents", respondents);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartObject("indicators");
        foreach (var indicator in card.Indicators.Where(i => i.Score is not null))
        {
            json.WriteStartObject(indicator.Number.ToString(CultureInfo.InvariantCulture));
            json.WriteString("instrument", indicator.Instrument.Code());
            Number(json, "score", indicator.Score);
            json.WriteString("display", Score.Display(indicator.Score));
            json.WriteString("origin", Origin(indicator.Origin));
            if (indicator.Parts.Count > 0)
            {
                json.WriteStartObject("parts");
                foreach (var (part, score) in indicator.Parts)
                {
                    json.WriteNumber(part.Code(), score);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartObject("subIndicators");
        foreach (var sub in card.SubIndicators)
        {
            json.WriteStartObject(sub.Code);
            Number(json, "score", sub.Score);
            json.WriteString("display", Score.Display(sub.Score));
            json.WriteString("origin", Origin(sub.Origin));
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartObject("questions");
        foreach (var question in card.Questions)
        {
            json.WriteStartObject(question.Code);
            json.WriteString("instrument", question.Instrument.Code());
            if (question.Indicator is { } indicator)
            {
                json.WriteNumber("indicator", indicator);
            }
            json.WriteNumber("score", question.Score);
            json.WriteString("display", Score.Display(question.Score));
            json.WriteString("origin", Origin(question.Origin));
            if (question.SubItems.Count > 0)
            {
                json.WriteStartObject("subItems");
                foreach (var (code, score) in question.SubItems)
                {
                    json.WriteStartObject(code);
                    json.WriteNumber("score", score);
                    json.WriteString("display", Score.Display(score));
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartObject("minimumSamples");
        foreach (var minimum in card.MinimumSamples)
        {
            json.WriteStartObject(minimum.Instrument.Code());
            if (minimum.Minimum is { } n)
            {
                json.WriteNumber("minimum", n);
            }
            else
            {
                json.WriteNull("minimum");
            }
            json.WriteString("unknown", minimum.Unknown);
            json.WriteEndObject();
        }
        json.WriteEndObject();

        json.WriteStartArray("discrepancies");
        foreach (var discrepancy in card.Discrepancies)
        {
            json.WriteStartObject();
            json.WriteString("field", discrepancy.Field);
            var label = FieldLabels.Of(discrepancy.Field);
            json.WriteString("label", label.Thai);
            json.WriteString("labelEn", label.English);
            if (discrepancy.Published is { } published && discrepancy.Computed is { } computed)
            {
                json.WriteNumber("published", published);
                json.WriteNumber("computed", computed);
                json.WriteString("computedDisplay", discrepancy.ComputedText);
            }
            else
            {
                json.WriteString("published", discrepancy.PublishedText);
                json.WriteString("computed", discrepancy.ComputedText);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();

        var messages = card.Warnings.ToList();
        if (ignoredFields.Count > 0)
        {
            messages.Add(IgnoredFields(ignoredFields));
        }
        // warnings: the English texts, as before; messages: each with its stable code and both languages.
        json.WriteStartArray("warnings");
        foreach (var message in messages)
        {
            json.WriteStringValue(message.English);
        }
        json.WriteEndArray();
        json.WriteStartArray("messages");
        foreach (var message in messages)
        {
            json.WriteStartObject();
            json.WriteString("code", message.Code);
            json.WriteString("th", message.Thai);
            json.WriteString("en", message.English);
            if (message.Kind == MessageKind.Provenance)
            {
                json.WriteString("kind", "provenance");
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string? Origin(ValueOrigin? origin) => origin switch
    {
        ValueOrigin.Given => "given",
        ValueOrigin.Computed => "computed",
        _ => null,
    };

    private static void Rating(Utf8JsonWriter json, RatingLevel? level)
    {
        if (level is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("code", level.Code);
        json.WriteString("th", level.NameTh);
        json.WriteString("en", level.NameEn);
        json.WriteEndObject();
    }

    /// <summary>The fields of an input that the engine does not read (unknown top-level keys), as one message.</summary>
    public static Message IgnoredFields(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Message.Of("warning.ignored-fields", "ข้อมูลที่ไม่ได้ใช้ในการคำนวณ: {fields}", "Fields not used for scoring: {fields}.",
            ("fields", string.Join(", ", fields)));
    }
}
