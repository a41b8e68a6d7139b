using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Results;

/// <summary>The field of the JSON contract (indicators.6, instruments.EIT, published.total) as a reader names it.</summary>
public static class FieldNames
{
    public static string Label(string field, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(lang);
        var published = field.StartsWith("published.", StringComparison.Ordinal);
        var name = published ? field["published.".Length..] : field;
        var label = name switch
        {
            "total" => lang.T("คะแนนรวม", "Total"),
            "rating" => lang.T("ระดับผลการประเมิน", "Rating"),
            "fiscalYear" => lang.T("ปีงบประมาณ", "Fiscal year"),
            "input" => lang.T("ข้อมูลนำเข้า", "Input"),
            "instruments.EIT (from indicators 6–8)" => lang.T("EIT (คำนวณจากตัวชี้วัดที่ 6–8)", "EIT (from indicators 6–8)"),
            _ when name.StartsWith("instruments.", StringComparison.Ordinal) => lang.T("เครื่องมือ ", "Instrument ") + name["instruments.".Length..],
            _ when name.StartsWith("indicators.", StringComparison.Ordinal) => lang.T("ตัวชี้วัดที่ ", "Indicator ") + name["indicators.".Length..],
            _ when name.StartsWith("subIndicators.", StringComparison.Ordinal) => lang.T("ตัวชี้วัดย่อย ", "Sub-indicator ") + name["subIndicators.".Length..],
            _ when name.StartsWith("questions.", StringComparison.Ordinal) => lang.T("ข้อคำถาม ", "Question ") + name["questions.".Length..],
            _ when name.StartsWith("oitItems.", StringComparison.Ordinal) => lang.T("ข้อ OIT ", "OIT item ") + name["oitItems.".Length..],
            _ => name,
        };
        return published ? lang.T("ที่เผยแพร่: ", "published: ") + label : label;
    }
}
