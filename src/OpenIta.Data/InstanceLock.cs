using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OpenIta.Data;

/// <summary>
/// A lock held by one instance of the application at a time, for work that must not run twice at once when several
/// instances start together on one database (the schema, the demo data, the first administrator). PostgreSQL: a
/// session advisory lock on a connection of its own (released by the server if the process dies). SQLite (instances
/// share the file, so they share the machine): an exclusive lock on a file next to the database (released by the
/// operating system if the process dies).
/// </summary>
public static class InstanceLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until this instance holds the lock <paramref name="name"/>; dispose the result to release it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(OpenItaDb db, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database context has no connection string to take a lock with.");
        return DatabaseEngines.Of(db) == DatabaseEngine.Postgres
            ? await AdvisoryLock.AcquireAsync(connectionString, Key(name), cancellationToken)
            : await FileLock.AcquireAsync(connectionString, name, cancellationToken);
    }

    /// <summary>A stable 64-bit advisory-lock key for a name (the first 8 bytes of its SHA-256).</summary>
    internal static long Key(string name) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("openita:" + name)), 0);

    private sealed class AdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public static async Task<AdvisoryLock> AcquireAsync(string connectionString, long key, CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                command.CommandTimeout = 0; // wait as long as the other instance works
                await command.ExecuteNonQueryAsync(cancellationToken);
                return new AdvisoryLock(connection, key);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync(); // closing the session releases the lock in any case
            }
        }
    }

    private sealed class FileLock(FileStream? file) : IAsyncDisposable
    {
        public static async Task<FileLock> AcquireAsync(string connectionString, string name, CancellationToken cancellationToken)
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ||
                connectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase))
            {
                return new FileLock(null); // an in-memory database belongs to one process
            }
            var path = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFullPath(dataSource)}.{name}.lock");
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
                }
                catch (IOException)
                {
                    await Task.Delay(Poll, cancellationToken); // another instance holds it
                }
            }
        }

        public ValueTask DisposeAsync() => file?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
