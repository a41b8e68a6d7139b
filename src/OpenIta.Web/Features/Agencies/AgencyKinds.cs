using OpenIta.Data.Agencies;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Agencies;

/// <summary>The kinds of agency as Thai readers name them.</summary>
public static class AgencyKinds
{
    public static string Name(AgencyKind kind, Lang lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return kind switch
        {
            AgencyKind.Ministry => lang.T("กระทรวง", "Ministry"),
            AgencyKind.Department => lang.T("ส่วนราชการระดับกรม", "Department"),
            AgencyKind.PublicOrganization => lang.T("องค์การมหาชน", "Public organisation"),
            AgencyKind.StateEnterprise => lang.T("รัฐวิสาหกิจ", "State enterprise"),
            AgencyKind.IndependentOrgan => lang.T("องค์กรอิสระ", "Independent organ"),
            AgencyKind.University => lang.T("สถาบันอุดมศึกษา", "University"),
            AgencyKind.Province => lang.T("จังหวัด", "Province"),
            AgencyKind.ProvincialOffice => lang.T("ส่วนราชการในจังหวัด", "Provincial office"),
            AgencyKind.Municipality => lang.T("เทศบาล", "Municipality"),
            AgencyKind.SubdistrictAdministration => lang.T("องค์การบริหารส่วนตำบล (อบต.)", "Sub-district administration"),
            _ => lang.T("อื่น ๆ", "Other"),
        };
    }
}
