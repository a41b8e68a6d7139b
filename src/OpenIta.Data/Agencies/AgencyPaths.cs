using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Agencies;

/// <summary>Keeps <see cref="Agency.Path"/> right when agencies are added or moved.</summary>
public static class AgencyPaths
{
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
