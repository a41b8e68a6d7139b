using System.Globalization;
using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Reports.Thai;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>How the measures pages write statuses, kinds, cadences, audit actions, dates and timelines (Thai first, Buddhist Era).</summary>
public static class MeasureText
{
    public static string Status(PlanStatus status, Lang lang) => status switch
    {
        PlanStatus.Draft => lang.T("ร่าง", "Draft"),
        PlanStatus.Submitted => lang.T("เสนอแล้ว", "Submitted"),
        PlanStatus.Approved => lang.T("อนุมัติแล้ว", "Approved"),
        _ => lang.T("เผยแพร่แล้ว", "Published"),
    };

    /// <summary>
    /// The published revision that replaced this approved or published one (the first published after it), or null
    /// while it is the one in force: after revision 2 is published, revision 1 is no longer just "published".
    /// </summary>
    public static int? SupersededBy(Data.Measures.MeasurePlanRevision revision, IEnumerable<Data.Measures.MeasurePlanRevision> revisions)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(revisions);
        if (!PlanWorkflow.IsFrozen(revision.Status))
        {
            return null;
        }
        var later = revisions.Where(r => r.Status == PlanStatus.Published && r.Revision > revision.Revision).Select(r => r.Revision).ToList();
        return later.Count == 0 ? null : later.Min();
    }

    /// <summary>The status of a revision among its plan's: "เผยแพร่แล้ว (ถูกแทนที่โดยฉบับที่ 2)" once a later one is published.</summary>
    public static string Status(Data.Measures.MeasurePlanRevision revision, IEnumerable<Data.Measures.MeasurePlanRevision> revisions, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        var status = Status(revision.Status, lang);
        return SupersededBy(revision, revisions) is { } by
            ? status + " " + lang.T(string.Create(CultureInfo.InvariantCulture, $"(ถูกแทนที่โดยฉบับที่ {by})"),
                string.Create(CultureInfo.InvariantCulture, $"(superseded by revision {by})"))
            : status;
    }

    /// <summary>The badge's class of a revision among its plan's (a superseded one is greyed).</summary>
    public static string StatusCss(Data.Measures.MeasurePlanRevision revision, IEnumerable<Data.Measures.MeasurePlanRevision> revisions) =>
        SupersededBy(revision, revisions) is null ? StatusCss(revision.Status) : "status-superseded";

    /// <summary>Whether a route value can be a measure's id (m1, m2 … of older plans; m and 12 hex digits of new ones).</summary>
    public static bool IsMeasureId(string value) =>
        value is { Length: >= 2 and <= 40 } && value[0] == 'm' && value.Skip(1).All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or '-');

    public static string StatusCss(PlanStatus status) => "status-" + status.ToString().ToLowerInvariant();

    public static string Kind(MeasureKind kind, Lang lang) => kind == MeasureKind.KeepStandard
        ? lang.T("รักษามาตรฐาน", "Keep the standard")
        : lang.T("ปรับปรุง/พัฒนา", "Improve");

    public static string Cadence(ReportingCadence cadence, Lang lang) => cadence switch
    {
        ReportingCadence.Monthly => lang.T("รายเดือน", "Monthly"),
        ReportingCadence.Quarterly => lang.T("รายไตรมาส", "Quarterly"),
        ReportingCadence.EverySixMonths => lang.T("ทุก 6 เดือน", "Every six months"),
        _ => lang.T("รายปี", "Yearly"),
    };

    public static string Tier(Tier tier, Lang lang) => tier switch
    {
        Core.Analysis.Tier.Urgent => lang.T("เร่งด่วน", "urgent"),
        Core.Analysis.Tier.ToImprove => lang.T("ควรพัฒนา", "to improve"),
        _ => lang.T("จุดแข็ง", "strength"),
    };

    public static string TierCss(Tier tier) => tier switch
    {
        Core.Analysis.Tier.Urgent => "tier-urgent",
        Core.Analysis.Tier.ToImprove => "tier-improve",
        _ => "tier-strength",
    };

    /// <summary>The audit trail's action names (MeasurePlanStore writes them in English).</summary>
    public static string Action(string action, Lang lang) => action switch
    {
        "created" => lang.T("สร้างมาตรการ", "created"),
        "drafted" => lang.T("ร่างจากคลังมาตรการ", "drafted from the catalogue"),
        "edited" => lang.T("แก้ไข", "edited"),
        "deleted" => lang.T("ลบมาตรการ", "deleted a measure"),
        "redrafted" => lang.T("แทนที่ด้วยร่างจากคลังมาตรการ", "replaced with a draft from the catalogue"),
        "restored" => lang.T("กู้คืนเนื้อหาเดิม", "restored the earlier content"),
        "added" => lang.T("เพิ่มมาตรการจากคลังมาตรการ", "added a measure from the catalogue"),
        "submitted" => lang.T("เสนอผู้บริหาร", "submitted"),
        "returned" => lang.T("ส่งกลับให้แก้ไข", "returned"),
        "approved" => lang.T("อนุมัติ", "approved"),
        "published" => lang.T("เผยแพร่", "published"),
        "revised" => lang.T("สร้างฉบับปรับปรุง", "revised"),
        "imported" => lang.T("นำเข้าจากเอกสารที่หน่วยงานเผยแพร่", "imported from the agency's published document"),
        _ => action,
    };

    /// <summary>
    /// An audit row's note as a reader reads it: the notes the store writes itself ("from revision 1") in the reader's
    /// language, and what a person typed as typed.
    /// </summary>
    public static string Note(string? note, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        if (note is null)
        {
            return "";
        }
        const string from = "from revision ";
        if (note.StartsWith(from, StringComparison.Ordinal) && int.TryParse(note[from.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            return lang.T("ปรับปรุงจากฉบับที่ ", "from revision ") + revision.ToString(CultureInfo.InvariantCulture);
        }
        // The demo data of earlier releases marked its rows so.
        return lang.IsEnglish ? note : note.Replace("(demo seed)", "(ข้อมูลตัวอย่าง)", StringComparison.Ordinal);
    }

    /// <summary>A date the Thai way: 30 พ.ย. 2565 (or 30 Nov 2022 in English).</summary>
    public static string Date(DateOnly date, Lang lang) => lang.IsEnglish
        ? date.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{date.Day} {ThaiDates.ShortMonthName(date.Month)} {ThaiDates.BuddhistYear(date)}");

    /// <summary>A moment in Thailand's time: 30 พ.ย. 2565 14:05 น.</summary>
    public static string DateTime(long unixMs, Lang lang)
    {
        var local = ThaiTime.AtUnixMilliseconds(unixMs);
        var date = Date(DateOnly.FromDateTime(local.DateTime), lang);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return lang.IsEnglish ? $"{date} {time}" : $"{date} {time} น.";
    }

    /// <summary>A date as typed back into a form: d/M/yyyy in the Buddhist Era.</summary>
    public static string DateInput(DateOnly? date) => date is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{d.Day}/{d.Month}/{d.Year + 543}")
        : "";

    /// <summary>
    /// Reads a date typed by a user: d/M/yyyy (also with '-' or '.'), where a year from 2400 is Buddhist Era and a
    /// lower one Common Era, or ISO yyyy-MM-dd (Common Era, what a date picker sends). Null when it is not a date.
    /// </summary>
    public static DateOnly? ParseDate(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso.Year >= 2400 ? ToCommonEra(iso.Day, iso.Month, iso.Year) : iso;
        }
        var parts = value.Split(['/', '-', '.'], StringSplitOptions.TrimEntries);
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        return ToCommonEra(day, month, year);
    }

    private static DateOnly? ToCommonEra(int day, int month, int year)
    {
        if (year >= 2400)
        {
            year -= 543;
        }
        if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month))
        {
            return null;
        }
        return new DateOnly(year, month, day);
    }

    /// <summary>When a measure runs: ไตรมาส 1–4 ของปีงบประมาณ 2566, or a date range, or "not stated".</summary>
    public static string Timeline(Timeline timeline, int planYear, Lang lang)
    {
        var parts = new List<string>();
        if (timeline.ByQuarter)
        {
            var quarters = string.Join(", ", timeline.Quarters.Select(q => "Q" + q.ToString(CultureInfo.InvariantCulture)));
            parts.Add(timeline.Quarters.SequenceEqual([1, 2, 3, 4])
                ? lang.T("ตลอดปีงบประมาณ " + planYear.ToString(CultureInfo.InvariantCulture) + " (Q1–Q4)",
                    "the whole of FY" + planYear.ToString(CultureInfo.InvariantCulture) + " (Q1–Q4)")
                : lang.T("ไตรมาส " + quarters + " ปีงบประมาณ " + planYear.ToString(CultureInfo.InvariantCulture),
                    quarters + " of FY" + planYear.ToString(CultureInfo.InvariantCulture)));
        }
        if (timeline.ByDates)
        {
            var from = timeline.From is { } f ? Date(f, lang) : "…";
            var to = timeline.To is { } t ? Date(t, lang) : "…";
            parts.Add(from + " – " + to);
        }
        return parts.Count == 0 ? lang.T("ไม่ได้ระบุ", "not stated") : string.Join("; ", parts);
    }
}
