using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data.Demo;
using OpenIta.Reports.Documents;

namespace OpenIta.Bench.Docs;

/// <summary>Seed 000's agency (สำนักเลขาธิการนายกรัฐมนตรี): its FY2565 result and its published measures, as the demo holds them.</summary>
internal static class SeedAgency
{
    public const string NameTh = "สำนักเลขาธิการนายกรัฐมนตรี";

    /// <summary>Seed 000's published measures plan (FY2565) and its approval.</summary>
    public static (MeasurePlan Plan, Approval? Approval) Plan()
    {
        var (_, year, approval) = DemoData.SeedPlans.Single(p => p.Slug == DemoData.SpmSlug && p.FiscalYear == 2565);
        return (MeasurePlanJson.Read(DemoData.SeedPlanJson(DemoData.SpmSlug, year)), approval);
    }

    public static IReadOnlyList<ReportDocument> Documents(FrameworkCatalog catalog)
    {
        var (plan, approval) = Plan();
        return AgencyDocuments.Build(catalog, NameTh, DemoData.SeedJson(DemoData.SpmSlug, 2565), plan, approval);
    }
}
