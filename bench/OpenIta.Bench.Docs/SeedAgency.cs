using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Data.Demo;
using OpenIta.Reports.Documents;

namespace OpenIta.Bench.Docs;

/// <summary>Seed 000's agency (สำนักเลขาธิการนายกรัฐมนตรี): its FY2565 result and its published measures, as the demo holds them.</summary>
internal static class SeedAgency
{
    public const string NameTh = "สำนักเลขาธิการนายกรัฐมนตรี";

    public static IReadOnlyList<ReportDocument> Documents(FrameworkCatalog catalog)
    {
        var (_, year, approval) = DemoData.SeedPlans.Single(p => p.Slug == DemoData.SpmSlug);
        return AgencyDocuments.Build(catalog, NameTh, DemoData.SeedJson(DemoData.SpmSlug, year),
            MeasurePlanJson.Read(DemoData.SeedPlanJson(DemoData.SpmSlug, year)), approval);
    }
}
