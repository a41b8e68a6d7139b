using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data.Agencies;
using OpenIta.Data.Oit;
using OpenIta.Reports.Thai;

namespace OpenIta.Data.Demo;

/// <summary>
/// The demo OIT (issue 13): สำนักงาน ก.พ.ร. (opdc) in FY2566, the year of its seed result (seed 003) and the year whose
/// 43 items are known. Its registered website domain, three units as seed 003 names them, an owner unit and due date for
/// every item, links on the items of sub-indicator 9.1 (example addresses, marked so in their note), the set still a
/// draft; and a clarification window for สำนักนายกรัฐมนตรี's agencies from the day the demo is made, for 60 days, so that
/// the demo assessor (<see cref="DemoUsers"/>) can run the round. Nothing is scored: that is the demo's to do.
/// </summary>
public static class DemoOit
{
    public const int FiscalYear = DemoUsers.DemoAssessorYear;

    public const string WebsiteDomain = "www.opdc.go.th";

    /// <summary>The units of seed 003's measures (their owners column).</summary>
    public static IReadOnlyList<string> Units { get; } =
        ["ศูนย์ปฏิบัติการต่อต้านการทุจริต", "กองนวัตกรรมบริการภาครัฐ", "กองติดตามตรวจสอบ และประเมินผลการพัฒนาระบบราชการ"];

    /// <summary>Which unit owns the items of each sub-indicator (a demo assignment).</summary>
    private static string OwnerOf(string? subIndicator) => subIndicator switch
    {
        "9.1" or "9.2" => Units[1],
        "9.3" or "9.4" => Units[2],
        _ => Units[0],
    };

    internal static async Task AddAsync(OpenItaDb db, TimeProvider clock, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        var framework = catalog.Get(new FiscalYear(FiscalYear));
        var agency = await db.Agencies.SingleAsync(a => a.Slug == DemoData.OpdcSlug, cancellationToken);
        agency.WebsiteDomain = WebsiteDomain;
        var ministry = await db.Agencies.SingleAsync(a => a.Slug == DemoData.MinistrySlug, cancellationToken);
        await new UnitStore(db).AddMissingAsync(agency.Id, Units, cancellationToken);
        var units = await db.AgencyUnits.Where(u => u.AgencyId == agency.Id).ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var today = ThaiTime.Today(clock);
        var set = new OitSetRow { AgencyId = agency.Id, FiscalYear = FiscalYear, CreatedAtUnixMs = now, UpdatedAtUnixMs = now, UpdatedBy = DemoData.SavedBy };
        foreach (var definition in framework.OitItems)
        {
            var item = new OitItemRow
            {
                Code = definition.Code,
                AgencyId = agency.Id,
                FiscalYear = FiscalYear,
                OwnerUnitId = units[OwnerOf(definition.SubIndicator)],
                DueOn = today.AddDays(14),
            };
            if (definition.SubIndicator == "9.1")
            {
                item.Urls.Add(new OitUrlRow
                {
                    Url = $"https://{WebsiteDomain}/ita/2566/{definition.Code.ToLowerInvariant()}",
                    AddedAtUnixMs = now,
                    AddedBy = DemoData.SavedBy,
                });
                item.Note = "ลิงก์ตัวอย่าง (ข้อมูลตัวอย่าง)";
                item.LinksUpdatedAtUnixMs = now;
                item.LinksUpdatedBy = DemoData.SavedBy;
            }
            set.Items.Add(item);
        }
        db.OitSets.Add(set);
        db.OitWindows.Add(new OitWindowRow
        {
            AgencyId = ministry.Id, FiscalYear = FiscalYear, OpensOn = today, ClosesOn = today.AddDays(60), SetBy = DemoData.SavedBy,
        });
        db.OitEvents.Add(new OitEventRow
        {
            AgencyId = agency.Id, FiscalYear = FiscalYear, Action = "assigned", UserName = DemoData.SavedBy, AtUnixMs = now,
            Note = "ผู้รับผิดชอบและลิงก์ตัวอย่าง (ข้อมูลตัวอย่าง)",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
