using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenIta.Data;

/// <summary>Whether a database error is a unique key's refusal (a duplicate), on either engine.</summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>True for PostgreSQL's 23505 and SQLite's primary-key or unique constraint, directly or as the inner
    /// exception of EF Core's <c>DbUpdateException</c>.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when postgres.SqlState == PostgresErrorCodes.UniqueViolation:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteConstraint
                    && sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique:
                    return true;
            }
        }
        return false;
    }
}
