using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Agencies;
using OpenIta.Data.Measures;
using OpenIta.Data.Users;

namespace OpenIta.Data.Plans;

/// <summary>
/// Publishing (issue 13, item 5). Action plans and progress rounds had no published state; the smallest honest rule:
/// the coordinator publishes them. A plan is published as a snapshot of its content at that moment
/// (<see cref="ActionPlanRow.PublishedContentJson"/>): later edits are not public until it is published again. A round
/// can be published only once it is closed (frozen: what it says no longer changes, except by corrections, which the
/// public report prints with their reasons). Both steps are in the plan's audit trail.
/// </summary>
public sealed partial class PlanStore
{
    /// <summary>Publishes the plan as it is now (again, after edits). Only the coordinator (<see cref="Permissions.CanManagePlans"/>).</summary>
    public async Task<ActionPlanRow> PublishPlanAsync(Agency agency, int planId, PlanActor actor, Permissions permissions,
        int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(actor);
        Manager(agency, permissions);
        var row = await db.ActionPlans.SingleOrDefaultAsync(p => p.Id == planId && p.AgencyId == agency.Id, cancellationToken)
            ?? throw new KeyNotFoundException($"No plan {planId}.");
        Fresh(row, expectedVersion, row.UpdatedBy, row.UpdatedAtUnixMs);
        if (string.Equals(row.PublishedContentJson, row.ContentJson, StringComparison.Ordinal))
        {
            throw new PlanWorkflowException("แผนฉบับนี้เผยแพร่แล้ว และยังไม่มีการแก้ไขหลังเผยแพร่", "This plan is already published as it is.");
        }
        var now = Now();
        row.PublishedContentJson = row.ContentJson;
        row.PublishedAtUnixMs = now;
        row.UpdatedAtUnixMs = now;
        row.UpdatedBy = actor.UserName;
        Record(row, null, null, "published", actor, null, now);
        await CommitAsync(row, () => db.ActionPlans.AsNoTracking().SingleAsync(p => p.Id == row.Id, cancellationToken),
            p => (p.UpdatedBy, p.UpdatedAtUnixMs, p.Version), cancellationToken);
        return row;
    }

    /// <summary>Publishes a closed round's reports (progress and measures). Refused while the round is open, and when published already.</summary>
    public async Task<ProgressRoundRow> PublishRoundAsync(Agency agency, int roundId, PlanActor actor, Permissions permissions,
        int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Manager(agency, permissions);
        var round = await LoadRoundAsync(agency, roundId, cancellationToken);
        Fresh(round, expectedVersion, round.UpdatedBy, round.UpdatedAtUnixMs);
        if (round.Status != RoundStatus.Closed)
        {
            throw new PlanWorkflowException("เผยแพร่ได้เฉพาะรอบรายงานที่ปิดแล้ว", "Only a closed round can be published.");
        }
        if (round.PublishedAtUnixMs is not null)
        {
            throw new PlanWorkflowException("รายงานของรอบนี้เผยแพร่แล้ว", "This round's report is already published.");
        }
        var now = Now();
        round.PublishedAtUnixMs = now;
        round.UpdatedAtUnixMs = now;
        round.UpdatedBy = actor.UserName;
        Record(round, null, "round-published", actor, null, now);
        await CommitRoundAsync(round, cancellationToken);
        return round;
    }
}
