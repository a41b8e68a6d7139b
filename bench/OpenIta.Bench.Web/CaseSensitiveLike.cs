using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenIta.Bench.Web;

/// <summary>
/// An experiment (--sqlite-case-sensitive-like), not the application as shipped: turns on SQLite's
/// <c>PRAGMA case_sensitive_like</c> on every connection the application opens, so that <c>"Path" LIKE '/1/%'</c> may use
/// the index on agencies.Path (SQLite's LIKE is case-insensitive by default and then cannot use a BINARY index).
/// Paths hold only digits and slashes, so the answers are the same.
/// </summary>
internal sealed class CaseSensitiveLike : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA case_sensitive_like = ON";
        command.ExecuteNonQuery();
    }
}
