using System.Globalization;
using OpenIta.Core.Methodology;

namespace OpenIta.Web.Features.Import;

public enum ResultColumnKind
{
    /// <summary>The agency's slug.</summary>
    Agency,

    /// <summary>The agency's name, for the person filling the sheet; not read.</summary>
    AgencyName,

    FiscalYear,

    /// <summary>A score: an indicator, instrument, total, question, OIT item or sub-indicator, given or published.</summary>
    Score,

    /// <summary>The rating as printed (A, ผ่านดี).</summary>
    PublishedRating,
}

/// <summary>
/// A column of the results template and where its value goes in the JSON contract of a result
/// (<c>indicator_3</c> → <c>indicators.3</c>, <c>published_IIT</c> → <c>published.instruments.IIT</c>).
/// </summary>
/// <param name="Section">The JSON object the value goes in (indicators, published.instruments …), or the field itself (total).</param>
/// <param name="Key">The key within <paramref name="Section"/>, or null when the section is the field.</param>
public sealed record ResultColumn(ResultColumnKind Kind, string Section, string? Key)
{
    /// <summary>The field a <see cref="Core.Scoring.ScoreInputException"/> names for this column (indicators.3).</summary>
    public string Field => Key is null ? Section : $"{Section}.{Key}";
}

/// <summary>The columns of the results template: their names, their meaning and which of them a year has.</summary>
public static class ResultColumns
{
    public const string Agency = "agency";
    public const string AgencyName = "agency_name";
    public const string FiscalYear = "fiscal_year";

    /// <summary>What a column name means, or null when it is not a column of the template.</summary>
    public static ResultColumn? Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var name = header.Trim();
        var lower = name.ToLowerInvariant();
        switch (lower)
        {
            case Agency:
                return new ResultColumn(ResultColumnKind.Agency, "agency", null);
            case AgencyName:
                return new ResultColumn(ResultColumnKind.AgencyName, "agencyName", null);
            case FiscalYear:
                return new ResultColumn(ResultColumnKind.FiscalYear, "fiscalYear", null);
            case "total":
                return new ResultColumn(ResultColumnKind.Score, "total", null);
            case "published_total":
                return new ResultColumn(ResultColumnKind.Score, "published.total", null);
            case "published_rating":
                return new ResultColumn(ResultColumnKind.PublishedRating, "published.rating", null);
        }
        if (Indicator(lower, "indicator_") is { } indicator)
        {
            return new ResultColumn(ResultColumnKind.Score, "indicators", indicator);
        }
        if (Indicator(lower, "published_indicator_") is { } published)
        {
            return new ResultColumn(ResultColumnKind.Score, "published.indicators", published);
        }
        if (InstrumentCodes.TryParse(name, out var instrument))
        {
            return new ResultColumn(ResultColumnKind.Score, "instruments", instrument.Code());
        }
        if (lower.StartsWith("published_", StringComparison.Ordinal) && InstrumentCodes.TryParse(name["published_".Length..], out var publishedInstrument))
        {
            return new ResultColumn(ResultColumnKind.Score, "published.instruments", publishedInstrument.Code());
        }
        foreach (var (prefix, section) in Prefixes)
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length..].Trim() is { Length: > 0 } code)
            {
                return new ResultColumn(ResultColumnKind.Score, section, code);
            }
        }
        return null;
    }

    private static readonly (string Prefix, string Section)[] Prefixes =
        [("q:", "questions"), ("oit:", "oitItems"), ("sub:", "subIndicators")];

    private static string? Indicator(string lower, string prefix) =>
        lower.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(lower[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number is >= 1 and <= 10
            ? number.ToString(CultureInfo.InvariantCulture)
            : null;

    /// <summary>The instrument columns of a year: IIT, EIT, OIT; from FY2566 IIT, EIT1, EIT2, EIT (their mean), OIT.</summary>
    public static IReadOnlyList<string> Instruments(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var codes = new List<string>();
        foreach (var instrument in framework.Instruments)
        {
            codes.Add(instrument.Code);
            if (instrument.Instrument == Instrument.Eit2)
            {
                codes.Add(Instrument.Eit.Code());
            }
        }
        return codes;
    }

    /// <summary>
    /// The columns of the template of a year, in order. <paramref name="detail"/> adds a column for every OIT
    /// sub-indicator, question, sub-item and OIT item the year's framework knows.
    /// </summary>
    public static IReadOnlyList<string> Template(Framework framework, bool detail)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var instruments = Instruments(framework);
        var columns = new List<string> { Agency, AgencyName, FiscalYear };
        columns.AddRange(framework.Indicators.Select(i => string.Create(CultureInfo.InvariantCulture, $"indicator_{i.Number}")));
        columns.AddRange(instruments);
        columns.Add("total");
        columns.Add("published_total");
        columns.AddRange(instruments.Select(i => $"published_{i}"));
        columns.Add("published_rating");
        if (detail)
        {
            columns.AddRange(framework.Indicators.SelectMany(i => i.SubIndicators).Select(s => $"sub:{s.Code}"));
            foreach (var question in framework.Questions)
            {
                columns.Add($"q:{question.Code}");
                if (question.HasSubItems)
                {
                    columns.AddRange(question.Items.Select(i => $"q:{i.Code}"));
                }
            }
            columns.AddRange(framework.OitItems.Select(o => $"oit:{o.Code}"));
        }
        return columns;
    }

    /// <summary>What a column holds, in Thai and English, for the explanation sheet and the page's help.</summary>
    public static (string Thai, string English) Describe(string column, Framework? framework = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        var parsed = Parse(column);
        switch (parsed?.Kind)
        {
            case ResultColumnKind.Agency:
                return ("รหัสหน่วยงาน (slug) ตามที่ระบบกำหนด ห้ามแก้ไข", "The agency's code (slug) in OpenITA; do not change it.");
            case ResultColumnKind.AgencyName:
                return ("ชื่อหน่วยงาน เพื่อช่วยอ่าน ระบบไม่นำเข้าคอลัมน์นี้", "The agency's name, to help you read; not imported.");
            case ResultColumnKind.FiscalYear:
                return ("ปีงบประมาณ พ.ศ. เช่น 2567", "The fiscal year in the Buddhist Era, such as 2567.");
            case ResultColumnKind.PublishedRating:
                return ("ระดับผลการประเมินตามที่ประกาศ เช่น A หรือ ผ่านดี (ใช้ตรวจสอบเท่านั้น)", "The rating as published, such as A or ผ่านดี (only checked, never used to score).");
        }
        if (parsed is null)
        {
            return ("", "");
        }
        var published = parsed.Section.StartsWith("published.", StringComparison.Ordinal);
        var (thai, english) = parsed.Section switch
        {
            "total" or "published.total" => ("คะแนนรวม", "Total score"),
            "indicators" or "published.indicators" => IndicatorName(parsed.Key!, framework),
            "instruments" or "published.instruments" => InstrumentName(parsed.Key!, framework),
            "subIndicators" => ($"คะแนนตัวชี้วัดย่อย {parsed.Key}", $"Score of OIT sub-indicator {parsed.Key}"),
            "questions" => ($"คะแนนข้อคำถาม {parsed.Key}", $"Score of question {parsed.Key}"),
            "oitItems" => ($"คะแนนข้อ OIT {parsed.Key} (0 หรือ 100)", $"Score of OIT item {parsed.Key} (0 or 100)"),
            _ => ("", ""),
        };
        return published
            ? ($"{thai} ตามที่ประกาศ (ใช้ตรวจสอบกับค่าที่คำนวณ ไม่ใช้คำนวณ)", $"{english} as published (checked against the computed one, never used to score)")
            : (thai, english);
    }

    private static (string, string) IndicatorName(string key, Framework? framework)
    {
        var number = int.Parse(key, CultureInfo.InvariantCulture);
        var indicator = framework?.FindIndicator(number);
        return indicator is null
            ? ($"คะแนนตัวชี้วัดที่ {key}", $"Score of indicator {key}")
            : ($"คะแนนตัวชี้วัดที่ {key} {indicator.NameTh}", $"Score of indicator {key}: {indicator.NameEn}");
    }

    private static (string, string) InstrumentName(string code, Framework? framework)
    {
        if (InstrumentCodes.TryParse(code, out var instrument) && framework?.FindInstrument(instrument) is { } definition)
        {
            return ($"คะแนน {code} {definition.NameTh}", $"{code} score: {definition.NameEn}");
        }
        return instrument == Instrument.Eit && framework?.HasEitParts == true
            ? ("คะแนน EIT รวม (ค่าเฉลี่ยของ EIT1 และ EIT2)", "Combined EIT score (the mean of EIT1 and EIT2)")
            : ($"คะแนน {code}", $"{code} score");
    }
}
