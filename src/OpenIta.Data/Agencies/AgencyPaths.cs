using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Agencies;

/// <summary>Keeps <see cref="Agency.Path"/> right when agencies are added or moved, and finds a group's agencies.</summary>
public static class AgencyPaths
{
    /// <summary>The ids of a path from the root down ("/1/5/23/" → 1, 5, 23): the agency and every group above it.</summary>
    public static List<int> Ids(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

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

    /// <summary>
    /// Adds agencies and sets their paths, in one transaction (the caller's, or one of its own): they are saved first
    /// for their ids, then each path is its parent's path and its id, parents first (a parent may be among the new ones).
    /// Only the new agencies' paths are written: adding one agency to 27,000 reads one parent, not the whole table (L12).
    /// </summary>
    public static async Task AddAsync(OpenItaDb db, IReadOnlyCollection<Agency> added, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(added);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var agency in added.Where(a => db.Entry(a).State == EntityState.Detached))
        {
            db.Agencies.Add(agency);
        }
        await db.SaveChangesAsync(cancellationToken);
        var byId = added.ToDictionary(a => a.Id);
        var parentIds = added.Where(a => a.ParentId is { } p && !byId.ContainsKey(p)).Select(a => a.ParentId!.Value).Distinct().ToList();
        var known = await db.Agencies.AsNoTracking().Where(a => parentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Path, cancellationToken);
        string Place(Agency agency, int depth)
        {
            if (depth > byId.Count)
            {
                throw new InvalidOperationException($"Agency {agency.Slug} is its own ancestor.");
            }
            var parentPath = agency.ParentId switch
            {
                null => "/",
                { } p when byId.TryGetValue(p, out var parent) => Place(parent, depth + 1),
                { } p => known[p],
            };
            return agency.Path = parentPath + agency.Id.ToString(CultureInfo.InvariantCulture) + "/";
        }
        foreach (var agency in added)
        {
            Place(agency, 0);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// After an agency's parent changed (and was checked not to be below it): its path and every path below it move
    /// together, in one transaction; nothing else is read or written.
    /// </summary>
    public static async Task MoveAsync(OpenItaDb db, Agency agency, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agency);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var oldPath = agency.Path;
        var parentPath = agency.ParentId is { } p
            ? await db.Agencies.AsNoTracking().Where(a => a.Id == p).Select(a => a.Path).SingleAsync(cancellationToken)
            : "/";
        if (parentPath.StartsWith(oldPath, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Agency {agency.Slug} would be its own ancestor.");
        }
        var newPath = parentPath + agency.Id.ToString(CultureInfo.InvariantCulture) + "/";
        if (newPath != oldPath)
        {
            foreach (var below in await db.Agencies.Within(oldPath).ToListAsync(cancellationToken))
            {
                below.Path = newPath + below.Path[oldPath.Length..];
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Saves new agencies first (they need ids), then sets every path from the parents. For bulk re-parenting (an import that moves agencies); <see cref="AddAsync"/> and <see cref="MoveAsync"/> touch only what changed.</summary>
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
