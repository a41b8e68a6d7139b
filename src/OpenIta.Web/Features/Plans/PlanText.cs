using System.Globalization;
using OpenIta.Core.Plans;
using OpenIta.Data.Plans;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Plans;

/// <summary>The words the plan pages show for the plans' statuses, periods and amounts, Thai first.</summary>
public static class PlanText
{
    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>An amount of baht as the pages show it: 27,325 or 2,670.50.</summary>
    public static string Baht(decimal amount) =>
        amount == decimal.Truncate(amount) ? amount.ToString("#,0", CultureInfo.InvariantCulture) : amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A number as typed back into a form: invariant, no grouping.</summary>
    public static string Plain(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Period(string period, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return period switch
        {
            "6" => lang.T("รอบ 6 เดือน", "6-month round"),
            "12" => lang.T("รอบ 12 เดือน", "12-month round"),
            ['q', .. var q] => lang.T("ไตรมาสที่ " + q, "Quarter " + q),
            ['m', .. var m] => lang.T("เดือนที่ " + m + " ของปีงบประมาณ", "Fiscal month " + m),
            _ => period,
        };
    }

    /// <summary>A round's name with its year: รอบ 12 เดือน ปีงบประมาณ พ.ศ. 2568.</summary>
    public static string Round(ProgressRoundRow round, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(lang);
        return Period(round.Period, lang) + " " + lang.FiscalYear(round.FiscalYear);
    }

    public static string Status(EntryStatus? status, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return status switch
        {
            EntryStatus.NotStarted => lang.T("ยังไม่เริ่ม", "Not started"),
            EntryStatus.OnTrack => lang.T("ดำเนินการตามแผน", "On track"),
            EntryStatus.AtRisk => lang.T("มีความเสี่ยง", "At risk"),
            EntryStatus.Done => lang.T("ดำเนินการแล้วเสร็จ", "Done"),
            EntryStatus.NotDone => lang.T("ไม่ได้ดำเนินการ", "Not done"),
            _ => lang.T("ไม่ระบุ", "Not stated"),
        };
    }

    public static string Review(ReviewStatus? review, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return review switch
        {
            ReviewStatus.Draft => lang.T("ร่าง ยังไม่ส่ง", "Draft, not sent"),
            ReviewStatus.Submitted => lang.T("ส่งแล้ว รอตรวจ", "Sent, awaiting review"),
            ReviewStatus.Returned => lang.T("ส่งคืนให้แก้ไข", "Returned for changes"),
            ReviewStatus.Accepted => lang.T("ตรวจรับแล้ว", "Accepted"),
            _ => lang.T("ยังไม่รายงาน", "Not reported"),
        };
    }

    public static string ReviewCss(ReviewStatus? review) => review switch
    {
        ReviewStatus.Accepted => "pass",
        ReviewStatus.Submitted => "ok",
        ReviewStatus.Returned => "fail",
        _ => "muted",
    };

    public static string RoundStatus(Data.Plans.RoundStatus status, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return status == Data.Plans.RoundStatus.Closed ? lang.T("ปิดรอบแล้ว", "Closed") : lang.T("เปิดรับรายงาน", "Open");
    }

    public static string Achievement(AchievementStatus status, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return status switch
        {
            AchievementStatus.Achieved => lang.T("บรรลุ", "Achieved"),
            AchievementStatus.NotAchieved => lang.T("ไม่บรรลุ", "Not achieved"),
            _ => lang.T("ยังไม่ทราบ", "Unknown"),
        };
    }

    public static string AchievementCss(AchievementStatus status) => status switch
    {
        AchievementStatus.Achieved => "pass",
        AchievementStatus.NotAchieved => "fail",
        _ => "muted",
    };

    /// <summary>A KPI's target in words: อย่างน้อย 80 (ร้อยละ) …; the agency's own wording when it gave one.</summary>
    public static string Target(Kpi kpi, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(lang);
        if (!lang.IsEnglish && kpi.TargetText is { } text)
        {
            return text;
        }
        var value = kpi.Target.Value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";
        var unit = kpi.Kind switch
        {
            KpiKind.Percent => lang.T("ร้อยละ", "%"),
            KpiKind.Baht => lang.T("บาท", "baht"),
            _ => kpi.Unit ?? "",
        };
        var shown = kpi.Kind == KpiKind.Percent && !lang.IsEnglish ? $"{unit} {value}" : $"{value} {unit}".Trim();
        return kpi.Target.Kind switch
        {
            TargetKind.AtLeast => lang.T("ไม่น้อยกว่า ", "at least ") + shown,
            TargetKind.AtMost => lang.T("ไม่เกิน ", "at most ") + shown,
            TargetKind.EqualTo => lang.T("เท่ากับ ", "exactly ") + shown,
            _ => lang.T("ดำเนินการแล้วเสร็จ", "done"),
        };
    }

    /// <summary>An actual as reported: 654/662 (98.79), 88.6, done.</summary>
    public static string Actual(KpiAchievement result, Actual? actual, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(lang);
        if (result.Kpi.Kind == KpiKind.YesNo)
        {
            return result.Done switch
            {
                true => lang.T("ดำเนินการแล้ว", "done"),
                false => lang.T("ยังไม่ดำเนินการ", "not done"),
                _ => "–",
            };
        }
        if (actual is { IsFraction: true })
        {
            return $"{Plain(actual.Count)}/{Plain(actual.Of)} ({result.Shown})";
        }
        return result.Shown ?? "–";
    }

    public static string Budget(Budget? budget, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        if (budget is null)
        {
            return "–";
        }
        var amount = budget.Planned is { } p ? Baht(p) : "";
        return budget.Source switch
        {
            BudgetSource.Own => amount,
            BudgetSource.OtherUnit => (amount + " " + lang.T("(งบ " + (budget.Unit ?? "หน่วยงานอื่น") + ")", "(budget of " + (budget.Unit ?? "another unit") + ")")).Trim(),
            BudgetSource.None => lang.T("ไม่ใช้งบประมาณ", "no budget"),
            _ => lang.T("ไม่ได้รับการจัดสรรงบประมาณ", "not allocated"),
        };
    }

    /// <summary>A moment stored as Unix milliseconds, in Thailand's time.</summary>
    public static string When(long unixMs, Lang lang) =>
        Measures.MeasureText.DateTime(unixMs, lang);

    /// <summary>A due date (a calendar day): 31 มี.ค. 2568.</summary>
    public static string Day(DateOnly day, Lang lang) => Measures.MeasureText.Date(day, lang);

    /// <summary>What the 409 of a stale write says: who changed it, when; what the user typed is kept.</summary>
    public static string Conflict(ProgressConflictException conflict, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        ArgumentNullException.ThrowIfNull(lang);
        var who = conflict.ChangedBy ?? "?";
        var when = When(conflict.ChangedAtUnixMs, lang);
        return lang.T(
            $"รายการนี้ถูกแก้ไขโดย {who} เมื่อ {when} หลังจากที่คุณเปิดหน้านี้ ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม กรุณาตรวจสอบแล้วบันทึกอีกครั้ง",
            $"This was changed by {who} on {when} after you opened this page. What you typed is still in the form; check it and save again.");
    }
}
