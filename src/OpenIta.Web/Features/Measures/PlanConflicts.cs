using OpenIta.Data.Measures;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Measures;

/// <summary>What the 409 of a stale write says (issue 8): who changed the plan last, when, and where it stands now.</summary>
public static class PlanConflicts
{
    public static string Message(PlanConflictException conflict, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        ArgumentNullException.ThrowIfNull(lang);
        var now = conflict.Current;
        var who = now.UpdatedBy ?? "?";
        var when = MeasureText.DateTime(now.UpdatedAtUnixMs, lang);
        var status = MeasureText.Status(now.Status, lang);
        return lang.T(
            $"แผนนี้ถูกแก้ไขโดย {who} เมื่อ {when} หลังจากที่คุณเปิดหน้านี้ สถานะตอนนี้: {status} (ฉบับที่ {now.Revision}) "
            + "ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม กรุณาตรวจสอบแล้วบันทึกอีกครั้ง",
            $"This plan was changed by {who} on {when} after you opened this page. It is now: {status} (revision {now.Revision}). "
            + "What you typed is still in the form; check it and save again.");
    }

    /// <summary>A measure being edited was deleted meanwhile.</summary>
    public static string Deleted(MeasurePlanRevision now, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(lang);
        var who = now.UpdatedBy ?? "?";
        var when = MeasureText.DateTime(now.UpdatedAtUnixMs, lang);
        return lang.T(
            $"มาตรการนี้ถูกลบโดย {who} เมื่อ {when} ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม กดบันทึกเพื่อเพิ่มเป็นมาตรการใหม่",
            $"This measure was deleted by {who} on {when}. What you typed is still in the form; save to add it as a new measure.");
    }

    /// <summary>A measure being edited was changed meanwhile by someone else.</summary>
    public static string Changed(MeasurePlanRevision now, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(lang);
        var who = now.UpdatedBy ?? "?";
        var when = MeasureText.DateTime(now.UpdatedAtUnixMs, lang);
        return lang.T(
            $"มาตรการนี้ถูกแก้ไขโดย {who} เมื่อ {when} หลังจากที่คุณเปิดแบบฟอร์ม ข้อมูลที่คุณกรอกยังอยู่ในแบบฟอร์ม "
            + "กรุณาตรวจสอบมาตรการฉบับล่าสุด แล้วกดบันทึกอีกครั้งหากต้องการแทนที่",
            $"This measure was changed by {who} on {when} after you opened the form. What you typed is still in the form; "
            + "check the latest version and save again to replace it.");
    }
}
