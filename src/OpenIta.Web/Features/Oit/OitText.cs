using OpenIta.Data.Oit;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Oit;

/// <summary>The OIT words a reader reads: states, actions of the audit trail.</summary>
public static class OitText
{
    public static string State(OitScoreState state, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return state switch
        {
            OitScoreState.NotScored => lang.T("ยังไม่ได้ตรวจ", "not scored"),
            OitScoreState.Scored => lang.T("ตรวจแล้ว", "scored"),
            OitScoreState.Clarified => lang.T("หน่วยงานชี้แจงแล้ว รอผู้ประเมินยืนยัน", "clarified, awaiting the assessor"),
            OitScoreState.Confirmed => lang.T("ยืนยันคะแนนแล้ว", "confirmed"),
            _ => state.ToString(),
        };
    }

    public static string Set(OitSetStatus status, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return status == OitSetStatus.Submitted ? lang.T("ส่งแล้ว", "submitted") : lang.T("ร่าง (กำลังรวบรวมลิงก์)", "draft (links being entered)");
    }

    public static string Action(string action, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return action switch
        {
            "assigned" => lang.T("กำหนดผู้รับผิดชอบ", "assigned"),
            "links" => lang.T("บันทึกลิงก์", "links saved"),
            "submitted" => lang.T("ส่งชุดข้อมูล OIT", "submitted"),
            "scored" => lang.T("ให้คะแนน", "scored"),
            "clarified" => lang.T("ชี้แจงเพิ่มเติม", "clarified"),
            "confirmed" => lang.T("ยืนยันคะแนนหลังชี้แจง", "confirmed after the clarification"),
            "changed" => lang.T("เปลี่ยนคะแนนหลังชี้แจง", "changed after the clarification"),
            "window" => lang.T("กำหนดช่วงชี้แจง", "window set"),
            _ => action,
        };
    }

    /// <summary>An OIT refusal's status code for a page.</summary>
    public static int Status(OitException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (int)e.Refusal;
    }
}
