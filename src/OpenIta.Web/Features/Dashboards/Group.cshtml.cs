using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
/// and who is missing. Every figure is one SQL query over the stored hundredths (Path LIKE 'group%'), on both engines:
/// no result's input is loaded, so a group of 8,000 agencies costs what a group of 142 does.
/// </summary>
public sealed class GroupModel(OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog) : PageModel
{
    /// <summary>How many agencies the ranking and the missing list show at most.</summary>
    public const int ListLimit = 1000;

    public sealed record Band(decimal Min, decimal? Below, int Count, IReadOnlyList<RatingLevel> Levels);
    public sealed record RatingCount(string? Code, int Count);
    public sealed record Ranked(int Rank, string Slug, string NameTh, string? Abbreviation, bool IsSynthetic, int? TotalHundredths, string? RatingCode, int DiscrepancyCount);
    public sealed record IndicatorAverage(int Number, decimal Average, int Count);
    public sealed record Missing(string Slug, string NameTh, string? Abbreviation, bool IsSynthetic);

    public Agency Group { get; private set; } = null!;
    public bool Denied { get; private set; }
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
    public List<RatingCount> RatingCounts { get; private set; } = [];
    public List<Ranked> Ranking { get; private set; } = [];
    public List<IndicatorAverage> IndicatorAverages { get; private set; } = [];
    public List<Missing> MissingAgencies { get; private set; } = [];
    public int MissingCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, int? year, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Group = found.Agency;
        if (!found.Permissions.CanOversee(Group))
        {
            Denied = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        var prefix = Group.Path;
        var groupId = Group.Id;
        var below = db.Agencies.AsNoTracking().Within(prefix).Where(a => a.Id != groupId);
        var results = db.Results.AsNoTracking().Within(prefix).Where(r => r.AgencyId != groupId);

        AgencyCount = await below.CountAsync(cancellationToken);
        SyntheticCount = await below.CountAsync(a => a.IsSynthetic, cancellationToken);
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

        WithResults = await inYear.CountAsync(cancellationToken);
        Scored = await withTotal.CountAsync(cancellationToken);
        Passing = await withTotal.CountAsync(r => r.TotalHundredths >= passHundredths, cancellationToken);
        var average = await withTotal.AverageAsync(r => (double?)r.TotalHundredths, cancellationToken);
        AverageTotal = average is { } a ? (decimal)a / 100m : null;

        // Bands by the year's rating boundaries (AA 95 / A 85 / B 75 …, or 95 / 85 / 70 from FY2567), one range count each.
        if (Framework is not null)
        {
            var mins = Framework.Rating.Levels.Select(l => l.MinTotal).Distinct().OrderBy(m => m).ToList();
            for (var i = 0; i < mins.Count; i++)
            {
                var low = (int)(mins[i] * 100m);
                int? high = i + 1 < mins.Count ? (int)(mins[i + 1] * 100m) : null;
                var count = await withTotal.CountAsync(r => r.TotalHundredths >= low && (high == null || r.TotalHundredths < high), cancellationToken);
                Bands.Add(new Band(mins[i], i + 1 < mins.Count ? mins[i + 1] : null, count,
                    Framework.Rating.Levels.Where(l => l.MinTotal == mins[i]).ToList()));
            }
        }
        var ratingCounts = await inYear.GroupBy(r => r.RatingCode)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var levelOrder = Framework?.Rating.Levels.Select(l => l.Code).ToList() ?? [];
        RatingCounts = ratingCounts
            .OrderBy(r => r.Code is null ? int.MaxValue : levelOrder.IndexOf(r.Code) is var i and >= 0 ? i : int.MaxValue - 1)
            .Select(r => new RatingCount(r.Code, r.Count)).ToList();

        var ranked = await inYear
            .OrderBy(r => r.TotalHundredths == null).ThenByDescending(r => r.TotalHundredths).ThenBy(r => r.Agency!.NameTh)
            .Take(ListLimit)
            .Select(r => new { r.Agency!.Slug, r.Agency.NameTh, r.Agency.Abbreviation, r.Agency.IsSynthetic, r.TotalHundredths, r.RatingCode, r.DiscrepancyCount })
            .ToListAsync(cancellationToken);
        // Competition ranking: equal totals (as shown) share a rank.
        Ranking = ranked.Select((r, index) => new Ranked(
            r.TotalHundredths is { } t ? 1 + ranked.Take(index).Count(o => o.TotalHundredths > t) : 0,
            r.Slug, r.NameTh, r.Abbreviation, r.IsSynthetic, r.TotalHundredths, r.RatingCode, r.DiscrepancyCount)).ToList();

        var averages = await (
                from score in db.ResultScores
                join result in inYear on score.ResultId equals result.Id
                where score.Level == ScoreLevel.Indicator
                group score by score.Code into g
                select new { Code = g.Key, Average = g.Average(s => (double)s.Hundredths), Count = g.Count() })
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
