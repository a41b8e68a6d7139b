using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data;

/// <summary>
/// Keeps the query planner's statistics fresh after a bulk change (an import of thousands of results), so that the
/// dashboards' queries keep choosing their indexes: <c>ANALYZE</c> of the tables on PostgreSQL; on SQLite a bounded
/// <c>ANALYZE</c> (<c>analysis_limit</c> samples each index rather than reading it whole).
/// </summary>
public static class DatabaseStatistics
{
    /// <summary>Refreshes the statistics of the tables of <paramref name="entities"/> (entity types of the model).</summary>
    public static async Task RefreshAsync(OpenItaDb db, IEnumerable<Type> entities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entities);
        // Table names come from the model, never from a request.
        var tables = entities.Select(t => db.Model.FindEntityType(t)?.GetTableName()
                ?? throw new ArgumentException($"{t.Name} is not an entity of the model.", nameof(entities)))
            .Distinct(StringComparer.Ordinal)
            .Select(name => "\"" + name + "\"")
            .ToList();
        if (tables.Count == 0)
        {
            return;
        }
        var sql = DatabaseEngines.Of(db) == DatabaseEngine.Postgres
            ? "ANALYZE " + string.Join(", ", tables)
            : "PRAGMA analysis_limit = 1000; " + string.Concat(tables.Select(t => "ANALYZE " + t + "; "));
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
