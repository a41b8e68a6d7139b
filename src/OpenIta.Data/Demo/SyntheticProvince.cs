using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenIta.Core.Methodology;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Demo;

/// <summary>
/// The synthetic part of the demo: 141 made-up agencies in Sakon Nakhon (with the seed's อบต. the province has the 142
/// agencies seed 002 names), each with generated indicator scores for the fiscal years the framework catalog knows
/// from FY2566 on. Everything here is invented, named as such ("ข้อมูลสังเคราะห์", "synthetic") and marked
/// <see cref="Agency.IsSynthetic"/>; the numbers come from a seeded <see cref="Random"/>, so every demo database is the same.
/// </summary>
public static class SyntheticProvince
{
    public const string ProvinceName = "สกลนคร";
    public const string Label = "ข้อมูลสังเคราะห์";

    public const int SubdistrictCount = 100;
    public const int MunicipalityCount = 28;
    public const int OfficeCount = 13;

    /// <summary>141: with the seed's อบต. the province has 142 agencies.</summary>
    public const int AgencyCount = SubdistrictCount + MunicipalityCount + OfficeCount;

    /// <summary>The years results are generated for, when the catalog has a framework for them.</summary>
    public static IReadOnlyList<int> CandidateYears { get; } = [2566, 2567, 2568];

    private const int AgencySeed = 142;
    private const int ResultSeed = 2567;

    /// <summary>The years results are generated for: those of <see cref="CandidateYears"/> the catalog knows.</summary>
    public static IReadOnlyList<int> Years(FrameworkCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return CandidateYears.Where(y => catalog.Find(new FiscalYear(y)) is not null).ToList();
    }

    /// <summary>The 141 synthetic agencies, without parent (the caller puts them under the province).</summary>
    public static IReadOnlyList<Agency> Agencies()
    {
        var random = new Random(AgencySeed);
        var agencies = new List<Agency>(AgencyCount);
        for (var n = 1; n <= SubdistrictCount; n++)
        {
            var number = N(n, "D3");
            agencies.Add(Synthetic(
                $"syn-sao-{number}", $"อบต.ตัวอย่าง {number} ({Label})", $"Sample subdistrict administration {number} (synthetic)",
                AgencyKind.SubdistrictAdministration, random.NextDouble() < 0.85 ? AgencySize.Small : AgencySize.Medium));
        }
        for (var n = 1; n <= MunicipalityCount; n++)
        {
            var number = N(n, "D2");
            agencies.Add(Synthetic(
                $"syn-mun-{number}", $"เทศบาลตำบลตัวอย่าง {number} ({Label})", $"Sample subdistrict municipality {number} (synthetic)",
                AgencyKind.Municipality, random.NextDouble() < 0.6 ? AgencySize.Small : AgencySize.Medium));
        }
        for (var n = 1; n <= OfficeCount; n++)
        {
            var number = N(n, "D2");
            agencies.Add(Synthetic(
                $"syn-office-{number}", $"สำนักงานจังหวัดตัวอย่าง {number} ({Label})", $"Sample provincial office {number} (synthetic)",
                AgencyKind.ProvincialOffice, random.NextDouble() < 0.7 ? AgencySize.Medium : AgencySize.Large));
        }
        return agencies;
    }

    /// <summary>
    /// Generated results of <paramref name="agencies"/> (in slug order) as score inputs: indicators 1–10, and the two
    /// EIT parts in years that have them. A few agency-years have no result, so dashboards have agencies missing.
    /// </summary>
    public static IEnumerable<(Agency Agency, string InputJson)> Results(IEnumerable<Agency> agencies, FrameworkCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        var years = Years(catalog).Select(y => catalog.Get(new FiscalYear(y))).ToList();
        var random = new Random(ResultSeed);
        foreach (var agency in agencies.OrderBy(a => a.Slug, StringComparer.Ordinal))
        {
            // An agency's standing: most do well, a tail does not (kind shifts it a little).
            var quality = Clamp(Normal(random, 90.8, 4.2) + KindShift(agency.Kind), 66, 99.4);
            for (var k = 0; k < years.Count; k++)
            {
                var framework = years[k];
                var level = quality + (0.7 * k) + Normal(random, 0, 1.6);
                // Missing results: about 4 % of agency-years, more in the latest year.
                var missing = random.NextDouble() < (k == years.Count - 1 ? 0.07 : 0.04);
                var json = Input(framework, level, random);
                if (!missing)
                {
                    yield return (agency, json);
                }
            }
        }
    }

    /// <summary>
    /// A synthetic score input around <paramref name="level"/>: indicators 1–10 (IIT a little below, EIT a little above,
    /// OIT in the steps that counting published items gives), and EIT1/EIT2 that agree with indicators 6–8 when the
    /// year has them. Also used by the web benchmark, so that its data looks like the demo's.
    /// </summary>
    public static string Input(Framework framework, double level, Random random)
    {
        var indicators = new SortedDictionary<int, decimal>();
        foreach (var indicator in framework.Indicators)
        {
            indicators[indicator.Number] = indicator.Instrument switch
            {
                Instrument.Iit => Round(Clamp(level - 1.5 + IitShift(indicator.Number) + Normal(random, 0, 3.0), 40, 100)),
                Instrument.Oit => Oit(level, random),
                _ => Round(Clamp(level + 0.5 + Normal(random, 0, 2.5), 40, 100)),
            };
        }
        decimal? eit1 = null, eit2 = null;
        var eitIndicators = framework.IndicatorsOf(Instrument.Eit).Select(i => indicators[i.Number]).ToList();
        if (framework.HasEitParts && eitIndicators.Count > 0)
        {
            // The two parts average to the mean of indicators 6–8 (within 0.005: the engine requires 0.015);
            // part 1 (service users themselves) usually scores lower than part 2 (key stakeholders), as in seed 003.
            var eit = eitIndicators.Average();
            var gap = (decimal)Math.Min(Math.Abs(Normal(random, 0, 1)) * 2.5, (double)(100m - eit));
            eit1 = Round(eit - gap);
            eit2 = Math.Min(100m, Round((2 * eit) - eit1.Value));
        }

        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("fiscalYear", framework.Year.BuddhistEra);
            json.WriteStartObject("indicators");
            foreach (var (number, score) in indicators)
            {
                json.WriteNumber(number.ToString(CultureInfo.InvariantCulture), score);
            }
            json.WriteEndObject();
            if (eit1 is { } part1 && eit2 is { } part2)
            {
                json.WriteStartObject("instruments");
                json.WriteNumber("EIT1", part1);
                json.WriteNumber("EIT2", part2);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>OIT: published items are counted, so many agencies score 100 and the rest fall in steps.</summary>
    private static decimal Oit(double level, Random random)
    {
        var value = level + 3 + Normal(random, 0, 6);
        return value >= 98 ? 100m : Round(Clamp(Math.Round(value * 4) / 4, 40, 100));
    }

    private static double IitShift(int indicator) => indicator switch
    {
        1 => 1.5,  // performance of duty: usually the best IIT indicator
        4 => -2.5, // use of state property: usually the weakest (seeds 000 and 002)
        _ => 0,
    };

    private static double KindShift(AgencyKind kind) => kind switch
    {
        AgencyKind.ProvincialOffice => 1.0,
        AgencyKind.Municipality => -0.5,
        _ => 0,
    };

    private static Agency Synthetic(string slug, string nameTh, string nameEn, AgencyKind kind, AgencySize size) => new()
    {
        Slug = slug,
        NameTh = nameTh,
        NameEn = nameEn,
        Kind = kind,
        Size = size,
        Province = ProvinceName,
        IsSynthetic = true,
    };

    private static string N(int n, string format) => n.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A normal deviate (Box–Muller) from the seeded generator.</summary>
    private static double Normal(Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private static double Clamp(double value, double min, double max) => Math.Min(max, Math.Max(min, value));

    private static decimal Round(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
