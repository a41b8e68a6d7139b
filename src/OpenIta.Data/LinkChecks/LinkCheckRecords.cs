using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;

namespace OpenIta.Data.LinkChecks;

/// <summary>What a URL is checked for (<see cref="LinkTargets"/>): its row, its address, and when its set was submitted.</summary>
public sealed record LinkTarget(long UrlId, string Url, long? SubmittedAtUnixMs);

/// <summary>
/// Writes one check and its flags: broken (the outcome), changed since submission (the hash differs from the first
/// check made after the set was submitted: that first check is the baseline) and a document date outside the fiscal
/// year (dates were read and none falls in the year; a document with no readable date is not flagged).
/// </summary>
public static class LinkCheckRecords
{
    /// <summary>Whether the dates read are all outside <paramref name="fiscalYear"/>; null when there are none.</summary>
    public static bool? OutsideYear(IReadOnlyList<DateOnly> dates, int fiscalYear)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count == 0)
        {
            return null;
        }
        var year = new FiscalYear(fiscalYear);
        return !dates.Any(d => d >= year.FirstDay && d <= year.LastDay);
    }

    public static async Task<LinkCheck> AddAsync(OpenItaDb db, LinkCheckJob job, LinkTarget target, FetchResult result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(result);
        var checkedAt = result.FetchedAt.ToUnixTimeMilliseconds();
        bool? changed = null;
        if (target.SubmittedAtUnixMs is { } submitted && result.Sha256 is not null && checkedAt >= submitted)
        {
            var baseline = await db.LinkChecks.AsNoTracking()
                .Where(c => c.UrlId == target.UrlId && c.CheckedAtUnixMs >= submitted && c.Sha256 != null)
                .OrderBy(c => c.CheckedAtUnixMs).ThenBy(c => c.Id)
                .Select(c => c.Sha256).FirstOrDefaultAsync(cancellationToken);
            changed = baseline is not null && !string.Equals(baseline, result.Sha256, StringComparison.Ordinal);
        }
        var check = new LinkCheck
        {
            UrlId = target.UrlId,
            JobId = job.Id,
            AgencyId = job.AgencyId,
            FiscalYear = job.FiscalYear,
            Url = Shorten(result.Url, 2000)!,
            Outcome = result.Outcome,
            StatusCode = result.StatusCode,
            ContentType = Shorten(result.ContentType, 200),
            Size = result.Size,
            Sha256 = result.Sha256,
            FinalUrl = Shorten(result.FinalUrl, 2000),
            CheckedAtUnixMs = checkedAt,
            DurationMs = result.DurationMs,
            Redirects = result.Redirects,
            Detail = Shorten(result.Detail, 400),
            EarliestDate = result.DocumentDates.Count > 0 ? result.DocumentDates[0] : null,
            LatestDate = result.DocumentDates.Count > 0 ? result.DocumentDates[^1] : null,
            OutsideYear = OutsideYear(result.DocumentDates, job.FiscalYear),
            Changed = changed,
        };
        db.LinkChecks.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        return check;
    }

    private static string? Shorten(string? text, int max) => text is { Length: var n } && n > max ? text[..max] : text;
}
