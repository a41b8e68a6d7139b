using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Bench.Docs;

/// <summary>
/// A SYNTHETIC national data set for the documents benchmark: <c>count</c> agencies with FY2565 results given per
/// question (so the analysis has tiers and the measures have weak items) and, at real size, every OIT item's score
/// (0 or 100; else OIT indicators 9–10 only). Seeded, so every run builds the same documents. Inputs are made one at a
/// time as they are asked for: the batch never holds them all.
/// </summary>
internal static class SyntheticNation
{
    public const int AgencyCount = 8_325;

    public static IEnumerable<(string Slug, string NameTh, string InputJson)> Agencies(Framework framework, int count, int seed, bool realSize = true)
    {
        var random = new Random(seed);
        var questions = framework.Questions.Where(q => q.Indicator is not null && q.Instrument != Instrument.Oit).ToList();
        for (var n = 1; n <= count; n++)
        {
            var level = 72 + (random.NextDouble() * 26);
            yield return (
                string.Create(CultureInfo.InvariantCulture, $"synthetic-{n:00000}"),
                string.Create(CultureInfo.InvariantCulture, $"หน่วยงานสังเคราะห์ที่ {n:#,0}"),
                Input(framework, questions, level, random, realSize));
        }
    }

    private static string Input(Framework framework, List<QuestionDefinition> questions, double level, Random random, bool realSize)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("fiscalYear", framework.Year.BuddhistEra);
            if (realSize)
            {
                json.WriteStartObject("oitItems");
                foreach (var item in framework.OitItems)
                {
                    json.WriteNumber(item.Code, random.NextDouble() * 100 < level + 6 ? 100 : 0);
                }
                json.WriteEndObject();
            }
            else
            {
                json.WriteStartObject("indicators");
                foreach (var oit in framework.IndicatorsOf(Instrument.Oit))
                {
                    var value = level + 6 + Normal(random, 0, 6);
                    json.WriteNumber(oit.Number.ToString(CultureInfo.InvariantCulture), value >= 98 ? 100m : Round(Math.Clamp(value, 40, 100)));
                }
                json.WriteEndObject();
            }
            json.WriteStartObject("questions");
            foreach (var question in questions)
            {
                json.WriteNumber(question.Code, Round(Math.Clamp(level + Normal(random, 0, 7), 35, 100)));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double Normal(Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private static decimal Round(double value) => Score.Round((decimal)value);
}
