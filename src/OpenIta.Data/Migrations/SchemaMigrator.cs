using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace OpenIta.Data.Migrations;

/// <summary>
/// Brings a database to the current schema at start-up: the numbered SQL scripts of the engine in use
/// (Migrations/sqlite, Migrations/postgres) that it has not run yet, each in its own transaction, recorded in
/// <c>schema_versions</c>. The EF Core design-time tools are not available, so the scripts are written (or generated
/// once from the model) by hand, and a test holds the scripts to the model on both engines.
/// </summary>
public static class SchemaMigrator
{
    public sealed record Script(int Version, string Name, string Sql);

    /// <summary>The scripts of an engine, in order.</summary>
    public static IReadOnlyList<Script> Scripts(DatabaseEngine engine)
    {
        var prefix = $"OpenIta.Data.Migrations.{Folder(engine)}.";
        var assembly = typeof(SchemaMigrator).Assembly;
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

    /// <summary>Runs every script the database lacks, up to <paramref name="upTo"/> (all by default). Returns the versions run.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(OpenItaDb db, int? upTo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var engine = DatabaseEngines.Of(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at_unix_ms BIGINT NOT NULL)",
                cancellationToken);
            var applied = new HashSet<int>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT version FROM schema_versions";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
                }
            }
            var ran = new List<int>();
            foreach (var script in Scripts(engine).Where(s => !applied.Contains(s.Version) && s.Version <= (upTo ?? int.MaxValue)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO schema_versions (version, name, applied_at_unix_ms) VALUES ({script.Version}, '{script.Name}', {DateTimeOffsetNowMs()})"),
                    cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                ran.Add(script.Version);
            }
            return ran;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>The versions recorded in the database.</summary>
    public static async Task<IReadOnlyList<int>> AppliedAsync(OpenItaDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.SqlQueryRaw<int>("SELECT version AS \"Value\" FROM schema_versions ORDER BY version")
            .ToListAsync(cancellationToken);
    }

    // Recording when a script ran is bookkeeping, not domain time; the clock is read through TimeProvider.System.
    private static long DateTimeOffsetNowMs() => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Folder(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => "sqlite",
        DatabaseEngine.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
