using OpenIta.Core.Measures;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Demo;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Data.Results;
using OpenIta.Core.Methodology;
using OpenIta.Data.Users;
using OpenIta.Data.Oit;

namespace OpenIta.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The public pages' agency (issue 13): seed 000's FY2565 result, its measures published twice (revision 1 superseded
/// by revision 2) and a draft revision 3 that must stay hidden, a small FY2568 action plan (the plans walk's), published,
/// and its FY2566 OIT with three links, submitted.
/// </summary>
public static class E2ePublicData
{
    public const string Agency = "e2e-public";
    public const string AgencyNameTh = "หน่วยงานทดสอบการเผยแพร่";

    public static async Task PrepareAsync(OpenItaDb db, string seedResultJson)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agency = new Agency
        {
            Slug = Agency, NameTh = AgencyNameTh, NameEn = "Publishing test agency", Abbreviation = "ทผพ.", Kind = AgencyKind.Department,
        };
        db.Agencies.Add(agency);
        await AgencyPaths.RebuildAsync(db);
        await ResultStore.StageAsync(db, agency, seedResultJson, "e2e", TimeProvider.System, FrameworkCatalog.BuiltIn);
        await db.SaveChangesAsync();

        var measures = new MeasurePlanStore(db, TimeProvider.System);
        var actor = new PlanActor(null, "e2e");
        var approval = new Approval("นายทดสอบ ผู้อนุมัติ", "ผู้อำนวยการหน่วยงานทดสอบการเผยแพร่", new DateOnly(2022, 11, 30), "ทผพ. 0706/2565");
        var revision = await measures.StartAsync(agency, MeasurePlanJson.Read(DemoData.SeedPlanJson("spm", 2565)), actor);
        for (var round = 0; round < 2; round++)
        {
            revision = await measures.ApplyAsync(revision.Id, PlanAction.Submit, actor);
            revision = await measures.ApplyAsync(revision.Id, PlanAction.Approve, actor, approval);
            revision = await measures.ApplyAsync(revision.Id, PlanAction.Publish, actor);
            revision = await measures.ApplyAsync(revision.Id, PlanAction.Revise, actor);
        }

        var plans = new PlanStore(db, TimeProvider.System);
        var plan = await plans.ImportJsonAsync(agency, E2eDatabase.PlansJson, actor);
        await plans.PublishPlanAsync(agency, plan.Id, actor, new Permissions("e2e", true, []));

        // Its FY2566 OIT: three items with links, submitted.
        var oit = new OitStore(db, TimeProvider.System, FrameworkCatalog.BuiltIn, new OitWindowDefaults(), new NoOitUrlChecks());
        var administrator = new Permissions("e2e", true, []);
        foreach (var (code, url) in OitLinks)
        {
            await oit.SaveLinksAsync(agency, 2566, code, [new OitLinkInput(url)], null, null, administrator, actor);
        }
        await oit.SubmitAsync(agency, 2566, null, administrator, actor);
    }

    /// <summary>The links of <see cref="Agency"/>'s submitted FY2566 OIT.</summary>
    public static readonly (string Code, string Url)[] OitLinks =
    [
        ("O1", "https://www.e2e-public.go.th/ita/2566/o1-structure"),
        ("O2", "https://www.e2e-public.go.th/ita/2566/o2-executives"),
        ("O10", "https://www.e2e-public.go.th/ita/2566/o10-plan"),
    ];
}
