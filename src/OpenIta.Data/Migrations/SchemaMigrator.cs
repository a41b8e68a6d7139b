using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Migrations;

/// <summary>
/// Brings a database to the current schema at start-up with the EF Core migrations of its engine (Migrations/Sqlite,
/// Migrations/Postgres), so that instances starting together on one database migrate it once: on SQLite under EF
/// Core's own migration lock; on PostgreSQL under the <see cref="InstanceLock"/> "schema", held for the whole run (EF
/// Core's lock there is taken per migration, and a second instance that started at the same moment re-applied the last
/// migration in a test), released by the server if the process dies. A database made by the numbered SQL scripts of earlier
/// releases is first carried over (<see cref="LegacySchema"/>).
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Carries a scripted database over, then applies what it lacks. Returns the migrations that were pending.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using (DatabaseEngines.Of(db) == DatabaseEngine.Postgres ? await InstanceLock.AcquireAsync(db, "schema", cancellationToken) : null)
        {
            await LegacySchema.CarryOverAsync(db, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            return pending;
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
