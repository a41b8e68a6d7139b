using OpenIta.Data.Users;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Admin;

/// <summary>The roles as Thai readers name them, and what each may do (shown where roles are given).</summary>
public static class RoleNames
{
    public static string Name(Role role, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return role switch
        {
            Role.Coordinator => lang.T("ผู้ประสานงาน (ศปท.)", "Coordinator"),
            Role.UnitOwner => lang.T("เจ้าของหน่วยงานย่อย", "Unit owner"),
            Role.Executive => lang.T("ผู้บริหาร", "Executive"),
            Role.Viewer => lang.T("ผู้อ่านผลการประเมิน", "Viewer"),
            Role.Oversight => lang.T("ผู้กำกับดูแลกลุ่มหน่วยงาน", "Oversight of a group"),
            Role.Assessor => lang.T("ผู้ประเมิน", "Assessor"),
            _ => role.ToString(),
        };
    }

    public static string Meaning(Role role, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return role switch
        {
            Role.Coordinator => lang.T("กรอกและนำเข้าผลคะแนน จัดทำการวิเคราะห์และมาตรการ", "enters and imports results, writes the analysis and measures"),
            Role.UnitOwner => lang.T("รับผิดชอบมาตรการของหน่วยงานย่อยที่ดูแล", "owns the measures of their units"),
            Role.Executive => lang.T("อนุมัติมาตรการของหน่วยงาน", "approves the agency's measures"),
            Role.Viewer => lang.T("อ่านผลการประเมินของหน่วยงาน", "reads the agency's results"),
            Role.Oversight => lang.T("อ่านผลของกลุ่มและทุกหน่วยงานในกลุ่ม (กระทรวง จังหวัด)", "reads the group and every agency in it (a ministry, a province)"),
            Role.Assessor => lang.T("ตรวจให้คะแนนแบบวัด OIT ของทุกหน่วยงานในกลุ่ม ในปีงบประมาณที่กำหนด", "scores the OIT of every agency in the group, in the given fiscal year"),
            _ => "",
        };
    }
}
