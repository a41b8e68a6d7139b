using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Oit;

namespace OpenIta.Data.LinkChecks;

/// <summary>
/// The OIT's view of the link checker (<see cref="IOitUrlChecks"/>): the newest check of each link, with its flags.
/// The OIT pages and API show it, and a score binds the checks its assessor saw (<see cref="OitUrlRow.ScoredCheckId"/>).
/// </summary>
public sealed class LinkCheckUrlChecks(OpenItaDb db) : IOitUrlChecks
{
    public async Task<IReadOnlyDictionary<long, OitUrlCheck>> LatestAsync(IReadOnlyCollection<long> urlIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urlIds);
        if (urlIds.Count == 0)
        {
            return new Dictionary<long, OitUrlCheck>();
        }
        var ids = urlIds.Distinct().ToList(); // one parameter on both engines (a JSON array), whatever the count
        var rows = await db.LinkChecks.AsNoTracking()
            .Where(c => ids.Contains(c.UrlId) && !db.LinkChecks.Any(n => n.UrlId == c.UrlId &&
                (n.CheckedAtUnixMs > c.CheckedAtUnixMs || (n.CheckedAtUnixMs == c.CheckedAtUnixMs && n.Id > c.Id))))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(c => c.UrlId, Of);
    }

    /// <summary>A check as the OIT shows it.</summary>
    public static OitUrlCheck Of(LinkCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new OitUrlCheck(check.Id, check.StatusCode, check.Sha256, check.ContentType, check.Sha256 is null ? null : check.Size, check.CheckedAtUnixMs)
        {
            Outcome = check.Outcome.ToString(),
            Broken = check.IsBroken,
            Changed = check.Changed,
            OutsideYear = check.OutsideYear,
            DocumentDate = check.LatestDate,
        };
    }
}
