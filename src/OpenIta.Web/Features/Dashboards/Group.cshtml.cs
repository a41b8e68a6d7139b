using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Results;
using OpenIta.Web.Infrastructure;

namespace OpenIta.Web.Features.Dashboards;

/// <summary>
/// The dashboard of a group (a ministry, a province) for one fiscal year: how many agencies below it have results,
/// the distribution of their totals, the pass rate against the national target, the ranking, the average per indicator
/// and who is missing. Every figure is SQL over the stored hundredths, on both engines, driven from the group's agencies
/// (the Path range, then each agency's results: <see cref="AgencyPaths.Of"/>): no result's input is loaded, and a
/// province costs what its own agencies have, however many results the rest of the country has.
/// </summary>
public sealed class GroupModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog) : GroupPageModel(lookup)
{
    /// <summary>How many agencies the ranking and the missing list show at most.</summary>
    public const int ListLimit = 1000;

    public sealed record Band(decimal Min, decimal? Below, int Count, IReadOnlyList<RatingLevel> Levels);
    /// <param name="Code">The level; null for a result with no rating: <paramref name="Scored"/> (a total whose rating the
    /// input leaves open) or not (no total).</param>
    public sealed record RatingCount(string? Code, bool Scored, int Count);
    public sealed record Ranked(int Rank, string Slug, string NameTh, string? Abbreviation, bool IsSynthetic, int? TotalHundredths, string? RatingCode, int DiscrepancyCount);
    public sealed record IndicatorAverage(int Number, decimal Average, int Count);
    public sealed record Missing(string Slug, string NameTh, string? Abbreviation, bool IsSynthetic);

    public IReadOnlyList<int> Years { get; private set; } = [];
    public int? Year { get; private set; }
    public Framework? Framework { get; private set; }
    public decimal PassMark => Framework?.PassMark ?? 85m;

    public int AgencyCount { get; private set; }
    public int SyntheticCount { get; private set; }
    public int WithResults { get; private set; }
    public int Scored { get; private set; }
    public int Passing { get; private set; }
    public decimal? AverageTotal { get; private set; }

    /// <summary>Passing agencies as a percentage of those with a total.</summary>
    public decimal? PassRate => Scored == 0 ? null : Passing * 100m / Scored;

    public List<Band> Bands { get; } = [];

    /// <summary>Results with a total whose rating the input leaves open: counted as undecided, in no band.</summary>
    public int Undecided { get; private set; }
    public List<RatingCount> RatingCounts { get; private set; } = [];
    public List<Ranked> Ranking { get; private set; } = [];
    public List<IndicatorAverage> IndicatorAverages { get; private set; } = [];
    public List<Missing> MissingAgencies { get; private set; } = [];
    public int MissingCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? year, CancellationToken cancellationToken)
    {
        if (await OverseeAsync(slug, cancellationToken) is { } refused)
        {
            return refused;
        }
        var prefix = Group.Path;
        var groupId = Group.Id;
        var below = db.Agencies.AsNoTracking().Within(prefix).Where(a => a.Id != groupId);
        var results = db.Results.AsNoTracking().Of(below);

        var agencies = await below.GroupBy(a => 1)
            .Select(g => new { Count = g.Count(), Synthetic = g.Count(a => a.IsSynthetic) })
            .SingleOrDefaultAsync(cancellationToken);
        AgencyCount = agencies?.Count ?? 0;
        SyntheticCount = agencies?.Synthetic ?? 0;
        Years = await results.Select(r => r.FiscalYear).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
        Year = year is { } asked && (Years.Contains(asked) || catalog.All.Any(f => f.Year.BuddhistEra == asked))
            ? asked
            : Years.Count > 0 ? Years[0] : null;
        if (Year is not { } selected)
        {
            return Page();
        }
        Framework = selected is >= FiscalYear.MinimumBe and <= FiscalYear.MaximumBe ? catalog.Find(new FiscalYear(selected)) : null;
        var inYear = results.Where(r => r.FiscalYear == selected);
        var withTotal = inYear.Where(r => r.TotalHundredths != null);
        var passHundredths = (int)(PassMark * 100m);

        var totals = await inYear.GroupBy(r => 1).Select(g => new
        {
            WithResults = g.Count(),
            Scored = g.Count(r => r.TotalHundredths != null),
            Passing = g.Count(r => r.TotalHundredths >= passHundredths),
            Average = g.Average(r => (double?)r.TotalHundredths),
        }).SingleOrDefaultAsync(cancellationToken);
        WithResults = totals?.WithResults ?? 0;
        Scored = totals?.Scored ?? 0;
        Passing = totals?.Passing ?? 0;
        AverageTotal = totals?.Average is { } a ? (decimal)a / 100m : null;

        // Bands by the year's rating boundaries (AA 95 / A 85 / B 75 …, or 95 / 85 / 70 from FY2567), counted from one query
        // of how many results have each total (at most the group's results). A range count per band would let SQLite
        // answer it from the national index (FiscalYear, TotalHundredths): a band holds half the country.
        if (Framework is not null)
        {
            var byTotal = await withTotal.Where(r => r.RatingCode != null).GroupBy(r => r.TotalHundredths!.Value)
                .Select(g => new { Total = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var mins = Framework.Rating.Levels.Select(l => l.MinTotal).Distinct().OrderBy(m => m).ToList();
            for (var i = 0; i < mins.Count; i++)
            {
                var low = (int)(mins[i] * 100m);
                int? high = i + 1 < mins.Count ? (int)(mins[i + 1] * 100m) : null;
                var count = byTotal.Where(t => t.Total >= low && (high == null || t.Total < high)).Sum(t => t.Count);
                Bands.Add(new Band(mins[i], i + 1 < mins.Count ? mins[i + 1] : null, count,
                    Framework.Rating.Levels.Where(l => l.MinTotal == mins[i]).ToList()));
            }
        }
        var ratingCounts = await inYear.GroupBy(r => new { r.RatingCode, Scored = r.TotalHundredths != null })
            .Select(g => new { Code = g.Key.RatingCode, g.Key.Scored, Count = g.Count() }).ToListAsync(cancellationToken);
        var levelOrder = Framework?.Rating.Levels.Select(l => l.Code).ToList() ?? [];
        RatingCounts = ratingCounts
            .OrderBy(r => r.Code is null ? (r.Scored ? int.MaxValue - 1 : int.MaxValue) : levelOrder.IndexOf(r.Code) is var i and >= 0 ? i : int.MaxValue - 2)
            .GroupBy(r => (r.Code, Scored: r.Code is not null || r.Scored)) // a level is a level with or without a total
            .Select(g => new RatingCount(g.Key.Code, g.Key.Scored, g.Sum(r => r.Count))).ToList();
        Undecided = RatingCounts.Where(r => r.Code is null && r.Scored).Sum(r => r.Count);

        var ranked = await inYear
            .OrderBy(r => r.TotalHundredths == null).ThenByDescending(r => r.TotalHundredths).ThenBy(r => r.Agency!.NameTh)
            .Take(ListLimit)
            .Select(r => new { r.Agency!.Slug, r.Agency.NameTh, r.Agency.Abbreviation, r.Agency.IsSynthetic, r.TotalHundredths, r.RatingCode, r.DiscrepancyCount })
            .ToListAsync(cancellationToken);
        // Competition ranking: equal totals (as shown) share a rank.
        Ranking = ranked.Select((r, index) => new Ranked(
            r.TotalHundredths is { } t ? 1 + ranked.Take(index).Count(o => o.TotalHundredths > t) : 0,
            r.Slug, r.NameTh, r.Abbreviation, r.IsSynthetic, r.TotalHundredths, r.RatingCode, r.DiscrepancyCount)).ToList();

        var resultIds = inYear.Select(r => r.Id);
        var averages = await db.ResultScores.AsNoTracking()
            .Where(s => s.Level == ScoreLevel.Indicator && resultIds.Contains(s.ResultId))
            .GroupBy(s => s.Code)
            .Select(g => new { Code = g.Key, Average = g.Average(s => (double)s.Hundredths), Count = g.Count() })
            .ToListAsync(cancellationToken);
        IndicatorAverages = averages
            .Select(a => new IndicatorAverage(int.Parse(a.Code, CultureInfo.InvariantCulture), (decimal)a.Average / 100m, a.Count))
            .OrderBy(a => a.Number).ToList();

        var missing = below.Where(a => !db.Results.Any(r => r.AgencyId == a.Id && r.FiscalYear == selected));
        MissingCount = await missing.CountAsync(cancellationToken);
        MissingAgencies = await missing.OrderBy(a => a.NameTh).Take(ListLimit)
            .Select(a => new Missing(a.Slug, a.NameTh, a.Abbreviation, a.IsSynthetic)).ToListAsync(cancellationToken);
        return Page();
    }
}
