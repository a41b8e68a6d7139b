using Microsoft.EntityFrameworkCore;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Oit;

/// <summary>
/// One agency's OIT readiness in a year (issue 13, item 4): whether its coordinator submitted the set; of the year's
/// items, how many have a current link, are scored, had a clarification, were confirmed after it; its current links,
/// how many the link checker checked and how many of those are broken (no answer, or a status of 400 or more).
/// </summary>
public sealed record OitReadinessLine(string Slug, string NameTh, string? Abbreviation, bool Submitted, int Items, int WithLinks, int Links,
    int Checked, int Broken, int Scored, int Clarified, int Confirmed)
{
    /// <summary>Broken links, or null when no link was checked (the link checker has not seen them: unknown, not zero).</summary>
    public int? BrokenKnown => Checked == 0 ? null : Broken;
}

/// <summary>The OIT readiness of a group's agencies for the oversight page: driven from the group's path range, so it costs what the group has.</summary>
public static class OitReadiness
{
    /// <summary>Whether a check says the link is broken: no answer at all, or an HTTP status of 400 or more.</summary>
    public static bool IsBroken(OitUrlCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Status is null or >= 400;
    }

    /// <summary>
    /// Every agency below <paramref name="group"/> (at most <paramref name="limit"/>, by name) with its readiness in
    /// <paramref name="fiscalYear"/>, whose framework has <paramref name="itemCount"/> items.
    /// </summary>
    public static async Task<IReadOnlyList<OitReadinessLine>> OfGroupAsync(OpenItaDb db, IOitUrlChecks checks, Agency group, int fiscalYear,
        int itemCount, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(group);
        var groupId = group.Id;
        var below = db.Agencies.AsNoTracking().Within(group.Path).Where(a => a.Id != groupId);
        var ids = below.Select(a => a.Id);
        var agencies = await below.OrderBy(a => a.NameTh).Take(limit)
            .Select(a => new { a.Id, a.Slug, a.NameTh, a.Abbreviation }).ToListAsync(cancellationToken);
        var submitted = (await db.OitSets.AsNoTracking()
            .Where(s => ids.Contains(s.AgencyId) && s.FiscalYear == fiscalYear && s.Status == OitSetStatus.Submitted)
            .Select(s => s.AgencyId).ToListAsync(cancellationToken)).ToHashSet();
        var items = (await db.OitItems.AsNoTracking().Where(i => ids.Contains(i.AgencyId) && i.FiscalYear == fiscalYear)
            .Select(i => new { i.AgencyId, Scored = i.Score != null, Clarified = i.ClarifiedAtUnixMs != null, i.ScoreState })
            .ToListAsync(cancellationToken)).ToLookup(i => i.AgencyId);
        var urls = await db.OitUrls.AsNoTracking()
            .Where(u => u.RemovedAtUnixMs == null && ids.Contains(u.Item!.AgencyId) && u.Item.FiscalYear == fiscalYear)
            .Select(u => new { u.Id, u.ItemId, u.Item!.AgencyId }).ToListAsync(cancellationToken);
        var latest = urls.Count == 0
            ? new Dictionary<long, OitUrlCheck>()
            : await checks.LatestAsync([.. urls.Select(u => u.Id)], cancellationToken);
        var byAgency = urls.ToLookup(u => u.AgencyId);
        return [.. agencies.Select(a =>
        {
            var mine = byAgency[a.Id].ToList();
            var seen = mine.Select(u => latest.GetValueOrDefault(u.Id)).Where(c => c is not null).ToList();
            var rows = items[a.Id].ToList();
            return new OitReadinessLine(a.Slug, a.NameTh, a.Abbreviation, submitted.Contains(a.Id), itemCount,
                mine.Select(u => u.ItemId).Distinct().Count(), mine.Count, seen.Count, seen.Count(c => IsBroken(c!)),
                rows.Count(r => r.Scored), rows.Count(r => r.Clarified), rows.Count(r => r.ScoreState == OitScoreState.Confirmed));
        })];
    }
}
