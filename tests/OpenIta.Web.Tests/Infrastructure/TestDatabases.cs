using System.Globalization;
using Npgsql;
using OpenIta.Data;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Web.Tests.Infrastructure;

/// <summary>
/// One isolated database per test, on either engine: a SQLite file in a temporary folder, or a fresh database on one
/// throwaway PostgreSQL 15 server shared by the whole test run (started on first use, stopped when the process ends).
/// </summary>
public static class TestDatabases
{
    private static readonly Lazy<PostgresServer> Server = new(() =>
    {
        if (PostgresServer.Unavailable() is { } why)
        {
            throw new InvalidOperationException($"PostgreSQL tests need the server: {why} (./test.sh installs it).");
        }
        var server = PostgresServer.Start([("max_connections", "300")]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    });

    private static int _counter;

    public static TheoryData<DatabaseEngine> Both => new() { DatabaseEngine.Sqlite, DatabaseEngine.Postgres };

    /// <summary>Both engines, and PostgreSQL once more on a database created with <see cref="ThaiCollation"/>.</summary>
    public static TheoryData<DatabaseEngine, bool> BothAndThai => new()
    {
        { DatabaseEngine.Sqlite, false }, { DatabaseEngine.Postgres, false }, { DatabaseEngine.Postgres, true },
    };

    /// <summary>
    /// The collation a Thai user's PostgreSQL database is created with (ICU th-TH): it orders "/" and digits as a
    /// Thai reader would, not byte by byte, which is what broke group ranges once.
    /// </summary>
    public const string ThaiCollation = "LOCALE_PROVIDER icu ICU_LOCALE 'th-TH' TEMPLATE template0";

    /// <summary>A connection string to a new, empty database (on PostgreSQL, created with <see cref="ThaiCollation"/> when asked).</summary>
    public static async Task<string> CreateAsync(DatabaseEngine engine, bool thaiCollation = false)
    {
        if (engine == DatabaseEngine.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("openita-test-");
            return $"Data Source={Path.Combine(folder.FullName, "openita.db")};Pooling=False";
        }
        var server = Server.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"t{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}");
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = thaiCollation ? $"CREATE DATABASE {name} {ThaiCollation}" : $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return server.ConnectionStringFor(name);
    }
}
