using OpenIta.Data.Agencies;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Web.Infrastructure;
using OpenIta.Core.Text;

namespace OpenIta.Web.Features.Api;

/// <summary>
/// <c>/api/v1/groups/{slug}/summary</c>: a group's agencies (a ministry, a province: every agency below it) and their
/// results of one year, for the users who oversee the group and administrators. Counts, sums and the list are SQL,
/// driven from the group's agencies (<see cref="AgencyPaths.Of"/>).
/// </summary>
public static class GroupsApi
{
    /// <param name="Agencies">Agencies below the group.</param>
    /// <param name="WithResults">Of those, how many have a result for the year.</param>
    /// <param name="Passed">Of those, how many pass the pass mark.</param>
    /// <param name="PassRatePercent">Passed ÷ results with a total × 100, two decimals (null without totals).</param>
    /// <param name="AverageTotal">The mean of the totals as shown, two decimals (null without totals).</param>
    /// <param name="NationalTargetPercent">The year's national target: the share of agencies that should pass.</param>
    public sealed record GroupSummary(
        string Group, int FiscalYear, int Agencies, int WithResults, int Passed, decimal? PassRatePercent,
        decimal? AverageTotal, decimal? NationalTargetPercent, IReadOnlyList<GroupAgencyRow> Rows);

    /// <summary>One agency below the group, ranked from the highest total; agencies without a result come last.</summary>
    /// <param name="Rating">The level's code, or null (no result, no total, or the scores leave it open).</param>
    /// <param name="PossibleRatings">Where the scores leave the level open, the levels it may be (codes, lowest first).</param>
    /// <param name="RatingDecidedBy">Where it is open, what would decide it; else null.</param>
    public sealed record GroupAgencyRow(
        string Slug, string NameTh, string? NameEn, bool IsSynthetic, decimal? Total, string? TotalDisplay, string? Rating,
        IReadOnlyList<string> PossibleRatings, ResultsApi.RatingDecidedBy? RatingDecidedBy, bool? Passed);

    internal static void MapGroups(this RouteGroupBuilder api)
    {
        api.MapGroup("/groups").WithTags("Groups")
            .MapGet("/{slug}/summary", SummaryAsync)
            .WithName("GroupSummary")
            .WithSummary("A group's agencies and their results of one year")
            .WithDescription("For the users who oversee the group (a ministry or a province) and administrators: every agency " +
                "below it with its total, rating and pass, ranked; how many have results, how many pass, the pass rate and " +
                "the average total. `year` (Buddhist Era) defaults to the latest year with a result below the group. 403 " +
                "for a user who may read the group but does not oversee it; 404 for one who may not read it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<GroupSummary>, ProblemHttpResult>> SummaryAsync(
        string slug, string? year, OpenItaDb db, AgencyLookup lookup, FrameworkCatalog catalog, CancellationToken cancellationToken)
    {
        if (await lookup.ReadableAsync(slug, cancellationToken) is not { } found)
        {
            return ApiProblems.NoAgency(slug);
        }
        var group = found.Agency;
        if (!found.Permissions.CanOversee(group))
        {
            return ApiProblems.Forbidden(Message.Of("group.forbidden", "เฉพาะผู้กำกับดูแลกลุ่มนี้และผู้ดูแลระบบดูสรุปของกลุ่มได้", "Only the users who oversee the group, and administrators, see its summary."));
        }
        var prefix = group.Path;
        var below = db.Agencies.AsNoTracking().Within(prefix).Where(a => a.Id != group.Id);
        var inGroup = db.Results.AsNoTracking().Of(below); // driven from the group's agencies, not from the year's results
        int fiscalYear;
        if (string.IsNullOrWhiteSpace(year))
        {
            fiscalYear = await inGroup.MaxAsync(r => (int?)r.FiscalYear, cancellationToken) ?? catalog.All.Last().Year.BuddhistEra;
        }
        else if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out fiscalYear)
            || fiscalYear is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
        {
            return ApiProblems.Invalid("year", Message.Of("input.year", "\"{raw}\" ไม่ใช่ปีงบประมาณ พ.ศ. เช่น 2567", "'{raw}' is not a Buddhist Era fiscal year such as 2567", ("raw", year)));
        }

        var results = inGroup.Where(r => r.FiscalYear == fiscalYear);
        var agencies = await below.CountAsync(cancellationToken);
        var totals = await results.GroupBy(r => 1).Select(g => new
        {
            WithResults = g.Count(),
            WithTotal = g.Count(r => r.TotalHundredths != null),
            Passed = g.Count(r => r.Passed == true),
            Sum = g.Sum(r => (long?)r.TotalHundredths),
        }).SingleOrDefaultAsync(cancellationToken);
        var rows = await (
                from a in below
                join r in db.Results.Where(r => r.FiscalYear == fiscalYear) on a.Id equals r.AgencyId into joined
                from r in joined.DefaultIfEmpty()
                orderby r == null ? 1 : 0, r!.TotalHundredths descending, a.Slug
                select new { a.Slug, a.NameTh, a.NameEn, a.IsSynthetic, Id = r == null ? (int?)null : r.Id, Exact = r == null ? null : r.TotalExact, Hundredths = r == null ? null : r.TotalHundredths, Rating = r == null ? null : r.RatingCode, Passed = r == null ? null : r.Passed })
            .ToListAsync(cancellationToken);
        var open = await StoredRatings.OpenAsync(db, results, catalog, cancellationToken);

        var framework = catalog.Find(new FiscalYear(fiscalYear));
        return TypedResults.Ok(new GroupSummary(
            group.Slug, fiscalYear, agencies, totals?.WithResults ?? 0, totals?.Passed ?? 0,
            totals is { WithTotal: > 0 } ? Score.Round(100m * totals.Passed / totals.WithTotal) : null,
            totals is { WithTotal: > 0, Sum: { } sum } ? Score.Round(sum / 100m / totals.WithTotal) : null,
            framework?.NationalTarget?.PassRatePercent,
            rows.Select(r =>
            {
                var (possible, decidedBy) = ResultsApi.RatingDecidedBy.Of(r.Id is { } id ? open.GetValueOrDefault(id) : null);
                return new GroupAgencyRow(
                    r.Slug, r.NameTh, r.NameEn, r.IsSynthetic, ResultsApi.ExactTotal(r.Exact), ResultsApi.Display(r.Hundredths), r.Rating,
                    possible, decidedBy, r.Passed);
            }).ToList()));
    }
}
