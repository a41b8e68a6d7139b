using System.Globalization;
using OpenIta.Core.Text;

namespace OpenIta.Core.Methodology;

/// <summary>
/// How sure a rule of the year's methodology is, told to a coordinator (<see cref="MessageKind.Provenance"/>): what the
/// rule is, whether NACC's own document for the year states it, and what to check it against. It names NACC's
/// documents, never our files or notes: the sources and reasoning for developers stay in <c>frameworks/</c>.
/// </summary>
public static class Provenance
{
    public static Message RatingScale(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return Of("rating", framework.Rating.Status, framework.Year.BuddhistEra,
            "เกณฑ์ระดับผลการประเมินของปีงบประมาณ พ.ศ. {year}", "The FY{year} rating scale");
    }

    public static Message TotalRule(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return Of("total", framework.TotalRule.Status, framework.Year.BuddhistEra,
            "วิธีนำคะแนนแต่ละเครื่องมือมาถ่วงน้ำหนักเป็นคะแนนรวมของปีงบประมาณ พ.ศ. {year}", "How the FY{year} total weighs the instruments");
    }

    public static Message Weights(Framework framework, IReadOnlyList<InstrumentDefinition> weights)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(weights);
        var list = string.Join(", ", weights.Select(w => $"{w.Code} {(w.Weight * 100).ToString("0.##", CultureInfo.InvariantCulture)}%"));
        return Of("weights", weights[0].WeightStatus, framework.Year.BuddhistEra,
            "น้ำหนักของเครื่องมือในปีงบประมาณ พ.ศ. {year} (" + list + ")", "The weighting of the FY{year} instruments (" + list + ")");
    }

    public static Message AnswerScale(Framework framework, AnswerScale scale)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(scale);
        var answers = string.Join(" / ", scale.Answers.Select(a => $"{a.Label} {a.Score.ToString("0.##", CultureInfo.InvariantCulture)}"));
        return Of("answer-scale", scale.Status, framework.Year.BuddhistEra,
            "คะแนนของคำตอบแต่ละตัวเลือก (" + answers + ") ของปีงบประมาณ พ.ศ. {year}", "The scale of answer scores (" + answers + ") of FY{year}");
    }

    /// <summary>How sure an OIT item's code, title and grouping are; null when a source confirms them.</summary>
    public static Message? OitItem(Framework framework, OitItemDefinition item)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(item);
        return item.Status is SourceStatus.Confirmed or SourceStatus.VerifiedByData
            ? null
            : Of("oit-item", item.Status, framework.Year.BuddhistEra,
                "รหัส ชื่อ และตัวชี้วัดย่อยของข้อ " + item.Code + " ปีงบประมาณ พ.ศ. {year}", "The code, title and sub-indicator of " + item.Code + " in FY{year}");
    }

    private static Message Of(string fact, SourceStatus status, int year, string subjectTh, string subjectEn)
    {
        var (statusTh, statusEn) = status switch
        {
            SourceStatus.Inferred => (
                "อนุมานจากผลการประเมินที่ สำนักงาน ป.ป.ช. ประกาศแล้ว เพราะไม่พบข้อความนี้ในคู่มือการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year} ของ สำนักงาน ป.ป.ช.",
                "is inferred from results NACC published: NACC's FY{year} ITA assessment manual was not found to state it"),
            SourceStatus.ThirdParty => (
                "มาจากเอกสารที่หน่วยงานอื่นเผยแพร่ ไม่ใช่จากคู่มือการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year} ของ สำนักงาน ป.ป.ช. โดยตรง",
                "comes from another body's publication, not from NACC's FY{year} ITA assessment manual itself"),
            _ => (
                "ไม่พบในคู่มือการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year} ของ สำนักงาน ป.ป.ช.",
                "was not found in NACC's FY{year} ITA assessment manual"),
        };
        return Message.Of($"provenance.{fact}.{status.Name()}",
            subjectTh + " " + statusTh + " โปรดตรวจทานผลกับประกาศผลการประเมินของ สำนักงาน ป.ป.ช. ปีนั้น",
            subjectEn + " " + statusEn + "; check the result against NACC's announcement of the year's results.",
            ("year", year)) with { Kind = MessageKind.Provenance };
    }
}
