using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace OpenIta.Data.Migrations;

/// <summary>
/// The numbered SQL scripts that made the schema before EF Core migrations (versions 1–4, recorded in
/// <c>schema_versions</c>), kept frozen in Migrations/Legacy only to carry such a database over: the scripts it lacks
/// up to version 4 are run, the first EF Core migration (whose schema is version 4's) is recorded as applied, and
/// <c>schema_versions</c> is dropped, all in one transaction, under <see cref="SchemaMigrator"/>'s lock on PostgreSQL
/// and SQLite's one write lock, so that two instances starting together on such a database carry it over once. New schema changes are EF Core migrations, never scripts here.
/// </summary>
public static class LegacySchema
{
    /// <summary>The last scripted version; the first EF Core migration of each engine creates exactly its schema.</summary>
    public const int LastVersion = 4;

    private const string VersionsTable = "schema_versions";

    public sealed record Script(int Version, string Name, string Sql);

    /// <summary>The frozen scripts of an engine, in order.</summary>
    public static IReadOnlyList<Script> Scripts(DatabaseEngine engine)
    {
        var prefix = $"OpenIta.Data.Migrations.Legacy.{(engine == DatabaseEngine.Postgres ? "postgres" : "sqlite")}.";
        var assembly = typeof(LegacySchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Script(int.Parse(name[..3], CultureInfo.InvariantCulture), name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    /// <summary>
    /// Makes a database as a release before EF Core migrations did, up to <paramref name="version"/>: for tests of the
    /// carry-over and for tools that must refuse an old database.
    /// </summary>
    public static async Task BuildAsync(OpenItaDb db, int version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await InTransactionAsync(db, async (connection, transaction) =>
        {
            await RunScriptsAsync(db, connection, transaction, version, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Carries a scripted database over to EF Core migrations; does nothing to any other database. Called by <see cref="SchemaMigrator"/> under its lock.</summary>
    internal static async Task CarryOverAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return; // a SQLite file that does not exist yet, or a server EF Core will report on
        }
        var connection = db.Database.GetDbConnection();
        if (!await TableExistsAsync(connection, null, DatabaseEngines.Of(db), cancellationToken))
        {
            return;
        }
        await InTransactionAsync(db, async (connection, transaction) =>
        {
            // Checked again under the lock: another instance may have carried it over meanwhile.
            if (!await TableExistsAsync(connection, transaction, DatabaseEngines.Of(db), cancellationToken))
            {
                return false;
            }
            await RunScriptsAsync(db, connection, transaction, LastVersion, cancellationToken);
            var history = db.GetService<IHistoryRepository>();
            var baseline = db.Database.GetMigrations().First();
            await ExecuteAsync(connection, transaction, history.GetCreateIfNotExistsScript(), cancellationToken);
            await ExecuteAsync(connection, transaction, history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
            await ExecuteAsync(connection, transaction, $"DROP TABLE {VersionsTable}", cancellationToken);
            return true;
        }, cancellationToken);
    }

    private static async Task RunScriptsAsync(OpenItaDb db, DbConnection connection, DbTransaction transaction, int upTo, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {VersionsTable} (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at_unix_ms BIGINT NOT NULL)",
            cancellationToken);
        var applied = new HashSet<int>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT version FROM {VersionsTable}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }
        foreach (var script in Scripts(DatabaseEngines.Of(db)).Where(s => !applied.Contains(s.Version) && s.Version <= upTo))
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO {VersionsTable} (version, name, applied_at_unix_ms) VALUES ({script.Version}, '{script.Name}', {TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()})"),
                cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction; on SQLite it is begun IMMEDIATE, which takes the one write lock at
    /// once (on PostgreSQL the caller holds the schema lock).
    /// </summary>
    private static async Task InTransactionAsync(OpenItaDb db, Func<DbConnection, DbTransaction, Task<bool>> work, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await work(connection, transaction))
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction? transaction, DatabaseEngine engine, CancellationToken cancellationToken)
    {
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = engine == DatabaseEngine.Postgres
                ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{VersionsTable}'"
                : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{VersionsTable}'";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
