using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data.Agencies;

namespace OpenIta.Data.Results;

/// <summary>One stored result of an agency of a group, as the group's table shows it (nothing is rescored).</summary>
/// <param name="Total">The exact total, when the result has one.</param>
/// <param name="Rating">The rating's Thai name in its year's scale (or its code when the year does not know it); where the
/// scores leave it open, the possible levels ("ผ่าน หรือ ผ่านดี").</param>
/// <param name="Instruments">The instrument scores stored, exact.</param>
public sealed record StoredResultRow(
    string NameTh, string Slug, int FiscalYear, decimal? Total, string? Rating, IReadOnlyDictionary<Instrument, decimal> Instruments);

/// <summary>
/// The stored results of every agency at or below a group: two queries, each driven from the group's agencies (the Path
/// index), with a fixed number of parameters.
/// </summary>
public static class StoredResults
{
    /// <summary>Every result of the agencies within <paramref name="groupPath"/> up to <paramref name="upToYear"/>, by agency (tree order) then year.</summary>
    public static async Task<IReadOnlyList<StoredResultRow>> WithinAsync(OpenItaDb db, string groupPath, int upToYear, FrameworkCatalog catalog,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var inGroup = db.ResultsWithin(groupPath).AsNoTracking().Where(r => r.FiscalYear <= upToYear);
        var results = await inGroup.Select(r => new { r.Id, r.Agency!.NameTh, r.Agency.Slug, r.Agency.Path, r.FiscalYear, r.TotalExact, r.RatingCode })
            .ToListAsync(cancellationToken);
        // The same results as a subquery, not a list of ids: one parameter whatever the group's size (a list of ids was one
        // SQL parameter per result, and SQLite refuses more than 32,766).
        var ids = inGroup.Select(r => r.Id);
        var instruments = (await db.ResultScores.AsNoTracking()
                .Where(s => s.Level == ScoreLevel.Instrument && ids.Contains(s.ResultId))
                .Select(s => new { s.ResultId, s.Code, s.Exact })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ResultId);
        return results.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.FiscalYear).Select(r =>
        {
            var scores = new Dictionary<Instrument, decimal>();
            foreach (var s in instruments[r.Id])
            {
                if (InstrumentCodes.TryParse(s.Code, out var instrument))
                {
                    scores[instrument] = decimal.Parse(s.Exact, NumberStyles.Float, CultureInfo.InvariantCulture);
                }
            }
            decimal? total = r.TotalExact is { } t ? decimal.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
            var framework = catalog.Find(new FiscalYear(r.FiscalYear));
            var rating = r.RatingCode is { } code
                ? framework?.Rating.Level(code)?.NameTh ?? code
                : total is { } known && framework is not null && RatingRule.RateScores(framework, known, scores) is { Level: null, Candidates.Count: > 1 } open
                    ? RatingWording.Levels(open).Th // an open rating: "ผ่าน หรือ ผ่านดี"
                    : null;
            return new StoredResultRow(r.NameTh, r.Slug, r.FiscalYear, total, rating, scores);
        }).ToList();
    }
}
