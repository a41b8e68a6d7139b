using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Migrations;

/// <summary>
/// Brings a database to the current schema at start-up with the EF Core migrations of its engine (Migrations/Sqlite,
/// Migrations/Postgres), so that instances starting together on one database migrate it once: on SQLite under EF
/// Core's own migration lock; on PostgreSQL under a session advisory lock held for the whole run (EF Core's lock there
/// is taken per migration, and a second instance that started at the same moment re-applied the last migration in a
/// test), released by the server if the process dies. A database made by the numbered SQL scripts of earlier
/// releases is first carried over (<see cref="LegacySchema"/>).
/// </summary>
public static class SchemaMigrator
{
    // Any fixed number: the key of the PostgreSQL advisory lock held while migrating.
    private const long MigrationLockKey = 0x4F70656E495442;

    /// <summary>Carries a scripted database over, then applies what it lacks. Returns the migrations that were pending.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var postgres = DatabaseEngines.Of(db) == DatabaseEngine.Postgres;
        if (postgres)
        {
            // Kept open until the end, so that EF Core runs on this session and the lock is held throughout.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        }
        try
        {
            await LegacySchema.CarryOverAsync(db, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            return pending;
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The migrations recorded in the database, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> AppliedAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
    }

    /// <summary>The migrations this build has for the database's engine, oldest first.</summary>
    public static IReadOnlyList<string> Known(OpenItaDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.GetMigrations().ToList();
    }

    /// <summary>True when every migration of this build is applied (what readiness checks and read-only tools ask).</summary>
    public static async Task<bool> IsCurrentAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
    }
}
