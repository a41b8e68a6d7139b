using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Agencies;

/// <summary>Keeps <see cref="Agency.Path"/> right when agencies are added or moved, and finds a group's agencies.</summary>
public static class AgencyPaths
{
    /// <summary>
    /// The paths of a group and everything below it, as a range: [path, path with its last "/" raised to "0").
    /// A range uses the index on Path on both engines, where LIKE 'path%' does not on SQLite (its LIKE ignores case).
    /// Paths hold only digits and "/", which sorts just below "0" in every collation.
    /// </summary>
    public static (string From, string To) Range(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return (path, path[..^1] + "0");
    }

    /// <summary>The agencies of the group at <paramref name="path"/> and below it (the group itself included).</summary>
    public static IQueryable<Agency> Within(this IQueryable<Agency> agencies, string path)
    {
        var (from, to) = Range(path);
        return agencies.Where(a => a.Path.CompareTo(from) >= 0 && a.Path.CompareTo(to) < 0);
    }

    /// <summary>The results of the agencies at and below the group at <paramref name="path"/>.</summary>
    public static IQueryable<Results.AgencyResult> ResultsWithin(this OpenItaDb db, string path)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Results.Of(db.Agencies.Within(path));
    }

    /// <summary>
    /// The results of <paramref name="agencies"/>, driven from them: <c>AgencyId IN (SELECT Id FROM agencies WHERE …)</c>.
    /// Both engines then read the group's agencies from the Path index and each one's results from (AgencyId,
    /// FiscalYear), so a group's results cost what the group has, not what the database has. A join or a correlated
    /// <c>EXISTS</c> lets SQLite start from every result of the year instead (always with EXISTS, without statistics
    /// with a join): tests/OpenIta.Web.Tests/Dashboards/GroupQueryPlanTests.cs holds the plans.
    /// </summary>
    public static IQueryable<Results.AgencyResult> Of(this IQueryable<Results.AgencyResult> results, IQueryable<Agency> agencies)
    {
        var ids = agencies.Select(a => a.Id);
        return results.Where(r => ids.Contains(r.AgencyId));
    }

    /// <summary>Saves new agencies first (they need ids), then sets every path from the parents. Call after adding or re-parenting.</summary>
    public static async Task RebuildAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.SaveChangesAsync(cancellationToken);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var agency in agencies.Values)
        {
            agency.Path = PathOf(agency, agencies);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string PathOf(Agency agency, Dictionary<int, Agency> all)
    {
        var ids = new List<int>();
        for (Agency? current = agency; current is not null; current = current.ParentId is { } p ? all.GetValueOrDefault(p) : null)
        {
            if (ids.Contains(current.Id))
            {
                throw new InvalidOperationException($"Agency {agency.Slug} is its own ancestor.");
            }
            ids.Add(current.Id);
        }
        ids.Reverse();
        return "/" + string.Join("/", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "/";
    }
}
