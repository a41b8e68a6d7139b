using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Data.Results;

/// <summary>
/// The current rating rule applied to stored results, from their stored total and instrument scores (nothing is
/// rescored; <see cref="RatingRule.RateScores"/> is the engine's own rule for a card): the possible levels a list shows
/// for a result whose rating is open, and the start-up step that takes back a level stored before the rule left it
/// open.
/// </summary>
public static class StoredRatings
{
    /// <summary>The ids of results updated in one statement: a fixed number of SQL parameters per statement.</summary>
    private const int Chunk = 500;

    /// <summary>The outcome of each of <paramref name="results"/> that has a total but no stored level (an open rating,
    /// or a total under every level), by result id.</summary>
    public static Task<Dictionary<int, RatingRule.Outcome>> OpenAsync(
        OpenItaDb db, IQueryable<AgencyResult> results, FrameworkCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        return OutcomesAsync(db, results.Where(r => r.RatingCode == null && r.TotalExact != null), catalog, cancellationToken);
    }

    /// <summary>
    /// Results saved before the honest-ratings rule kept the level the engine then picked (FY2566 entered with a
    /// combined EIT stored "ผ่านดี" where EIT part 1 decides between ผ่าน and ผ่านดี). Takes the level off every stored
    /// result whose stored scores leave it open under the current rule; idempotent (a second run finds none). Returns
    /// how many were changed.
    /// </summary>
    public static async Task<int> ClearUndecidedAsync(OpenItaDb db, FrameworkCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        // Only a year whose levels have a condition on every instrument can leave a level open.
        var years = catalog.All.Where(f => f.Rating.Levels.Any(l => l.EveryInstrumentAtLeast is not null))
            .Select(f => f.Year.BuddhistEra).ToList();
        if (years.Count == 0)
        {
            return 0;
        }
        var rated = db.Results.AsNoTracking().Where(r => r.RatingCode != null && r.TotalExact != null && years.Contains(r.FiscalYear));
        var outcomes = await OutcomesAsync(db, rated, catalog, cancellationToken);
        var open = outcomes.Where(o => o.Value.Level is null && o.Value.Candidates.Count > 1).Select(o => o.Key).Order().ToList();
        if (open.Count == 0)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in open.Chunk(Chunk))
        {
            await db.Results.Where(r => chunk.Contains(r.Id)).ExecuteUpdateAsync(u => u.SetProperty(r => r.RatingCode, (string?)null), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return open.Count;
    }

    private static async Task<Dictionary<int, RatingRule.Outcome>> OutcomesAsync(
        OpenItaDb db, IQueryable<AgencyResult> results, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);
        var rows = await results.Select(r => new { r.Id, r.FiscalYear, r.TotalExact }).ToListAsync(cancellationToken);
        var outcomes = new Dictionary<int, RatingRule.Outcome>();
        if (rows.Count == 0)
        {
            return outcomes;
        }
        // The same results as a subquery, not a list of ids: one parameter whatever their number.
        var ids = results.Select(r => r.Id);
        var scores = (await db.ResultScores.AsNoTracking()
                .Where(s => s.Level == ScoreLevel.Instrument && ids.Contains(s.ResultId))
                .Select(s => new { s.ResultId, s.Code, s.Exact })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.ResultId);
        foreach (var row in rows)
        {
            if (row.TotalExact is not { } total || catalog.Find(new FiscalYear(row.FiscalYear)) is not { } framework)
            {
                continue;
            }
            var instruments = new Dictionary<Instrument, decimal>();
            foreach (var s in scores[row.Id])
            {
                if (InstrumentCodes.TryParse(s.Code, out var instrument))
                {
                    instruments[instrument] = Exact(s.Exact);
                }
            }
            outcomes[row.Id] = RatingRule.RateScores(framework, Exact(total), instruments);
        }
        return outcomes;
    }

    private static decimal Exact(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
