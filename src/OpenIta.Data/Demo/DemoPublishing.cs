using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Data.Users;

namespace OpenIta.Data.Demo;

/// <summary>
/// The demo's publishing (issue 13): spm publishes its FY2568 action plan, as seed 004 is the plan it published, so its
/// public page of 2568 has the plan beside the seed measures. Its 12-month round stays open (the walks report in it).
/// </summary>
internal static class DemoPublishing
{
    public static async Task PublishAsync(OpenItaDb db, Agency spm, TimeProvider clock, string savedBy, CancellationToken cancellationToken)
    {
        var store = new PlanStore(db, clock);
        var administrator = new Permissions("", IsAdministrator: true, []);
        foreach (var id in await db.ActionPlans.Where(p => p.AgencyId == spm.Id).Select(p => p.Id).ToListAsync(cancellationToken))
        {
            await store.PublishPlanAsync(spm, id, new PlanActor(null, savedBy), administrator, cancellationToken: cancellationToken);
        }
    }
}
