using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Oit;

namespace OpenIta.Data.LinkChecks;

/// <summary>The OIT URLs a job checks: every current link (not removed) of every item of the agency's OIT of the year,
/// with the time its set was submitted (the baseline of "changed since submission").</summary>
public static class LinkTargets
{
    public static async Task<IReadOnlyList<LinkTarget>> ForAsync(OpenItaDb db, int agencyId, int fiscalYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.OitUrls.AsNoTracking()
            .Where(u => u.RemovedAtUnixMs == null && u.Item!.AgencyId == agencyId && u.Item.FiscalYear == fiscalYear)
            .OrderBy(u => u.Id)
            .Select(u => new LinkTarget(u.Id, u.Url, u.Item!.Set!.Status == OitSetStatus.Submitted ? u.Item.Set.SubmittedAtUnixMs : null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The sets to check before the assessor's review: submitted, with an item the assessor has still to score or answer,
    /// and not checked since <paramref name="since"/> nor since their submission. At most <paramref name="limit"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(int AgencyId, int FiscalYear)>> DueAsync(OpenItaDb db, DateTimeOffset since, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sinceMs = since.ToUnixTimeMilliseconds();
        var due = await db.OitSets.AsNoTracking()
            .Where(s => s.Status == OitSetStatus.Submitted && s.SubmittedAtUnixMs != null
                && s.Items.Any(i => i.ScoreState == OitScoreState.NotScored || i.ScoreState == OitScoreState.Clarified)
                && !db.LinkCheckJobs.Any(j => j.AgencyId == s.AgencyId && j.FiscalYear == s.FiscalYear
                    && j.RequestedAtUnixMs >= s.SubmittedAtUnixMs && j.RequestedAtUnixMs >= sinceMs))
            .OrderBy(s => s.Id).Take(limit)
            .Select(s => new { s.AgencyId, s.FiscalYear })
            .ToListAsync(cancellationToken);
        return due.Select(d => (d.AgencyId, d.FiscalYear)).ToList();
    }
}
