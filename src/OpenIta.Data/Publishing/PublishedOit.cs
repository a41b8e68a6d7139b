using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data.Oit;

namespace OpenIta.Data.Publishing;

/// <summary>A link of a published OIT item; <paramref name="FromClarification"/> when the agency added it in the clarification round.</summary>
public sealed record PublishedOitLink(string Url, bool FromClarification);

/// <summary>
/// A published OIT item: the framework's code, sub-indicator and title (as the year's framework words them; null where no
/// source gives them) and the agency's current links. Nothing else: not the owner's note, the owner, the links' checks or
/// the scores (the assessment is published by its assessors, not by the agency).
/// </summary>
public sealed record PublishedOitItem(string Code, string? SubIndicator, string? SubIndicatorTh, string? SubIndicatorEn, string? TitleTh,
    string? TitleEn, IReadOnlyList<PublishedOitLink> Urls);

/// <summary>An agency's OIT of a year as the coordinator submitted it (its set's status is submitted).</summary>
public sealed record PublishedOit(int FiscalYear, long SubmittedAtUnixMs, IReadOnlyList<PublishedOitItem> Items)
{
    public int WithLinks => Items.Count(i => i.Urls.Count > 0);
}

/// <summary>The OIT side of <see cref="Publications"/>: an agency's OIT is public once its coordinator submitted the year's set.</summary>
public static class PublishedOitQueries
{
    /// <summary>The submitted OIT of the year, in the framework's order; null when the set is not submitted or the year has no items.</summary>
    public static async Task<PublishedOit?> ReadAsync(OpenItaDb db, FrameworkCatalog catalog, int agencyId, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var framework = year is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe ? catalog.Find(new FiscalYear(year)) : null;
        if (framework is not { OitItems.Count: > 0 })
        {
            return null;
        }
        var set = await db.OitSets.AsNoTracking().Include(s => s.Items).ThenInclude(i => i.Urls)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.AgencyId == agencyId && s.FiscalYear == year && s.Status == OitSetStatus.Submitted, cancellationToken);
        if (set is null)
        {
            return null;
        }
        var byCode = set.Items.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var items = framework.OitItems.Select(d =>
        {
            var sub = d.SubIndicator is { } code ? framework.FindSubIndicator(code) : null;
            var links = byCode.TryGetValue(d.Code, out var row)
                ? OitStore.Current(row).Select(u => new PublishedOitLink(u.Url, u.FromClarification)).ToList()
                : [];
            return new PublishedOitItem(d.Code, d.SubIndicator, sub?.NameTh, sub?.NameEn, d.TextTh, d.TextEn, links);
        }).ToList();
        return new PublishedOit(year, set.SubmittedAtUnixMs ?? set.UpdatedAtUnixMs, items);
    }

    /// <summary>The years of the agency's submitted OIT.</summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(OpenItaDb db, int agencyId, CancellationToken cancellationToken) =>
        await db.OitSets.AsNoTracking().Where(s => s.AgencyId == agencyId && s.Status == OitSetStatus.Submitted)
            .Select(s => s.FiscalYear).ToListAsync(cancellationToken);
}
