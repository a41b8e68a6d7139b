using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data;

/// <summary>
/// Keeps the query planner's statistics fresh, so that a group's views start from the group's agencies (the Path index)
/// and not from every result of the year. Call it at start-up and after large writes (imports).
/// </summary>
/// <remarks>
/// SQLite gathers no statistics by itself: without <c>sqlite_stat1</c> it guesses that <c>FiscalYear = ?</c> selects ten
/// rows, and a province's dashboard reads the nation's results (29 ms at 8 k results, 1.4 s at 80 k). A full
/// <c>ANALYZE</c> takes about a second at 80 k results and a million score rows; <c>analysis_limit</c> is not used
/// because its sampled estimate of <c>result_scores (Level, Code)</c> sends the indicator averages back to the national
/// index. SQLite reads the statistics when a connection loads the schema, so the other pooled connections, which would
/// keep the old ones, are cleared. PostgreSQL's autovacuum analyses in time, but not right after an import.
/// </remarks>
public static class DatabaseStatistics
{
    public static async Task RefreshAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var engine = DatabaseEngines.Of(db);
        // PostgreSQL: the application's tables only; a bare ANALYZE also reads the system catalogs (a quarter of a second).
        await db.Database.ExecuteSqlRawAsync(engine == DatabaseEngine.Postgres
            ? "DO $$ DECLARE t text; BEGIN FOR t IN SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() LOOP EXECUTE 'ANALYZE ' || t; END LOOP; END $$"
            : "ANALYZE", cancellationToken);
        if (engine == DatabaseEngine.Sqlite && db.Database.GetDbConnection() is SqliteConnection connection)
        {
            SqliteConnection.ClearPool(connection);
        }
    }
}
