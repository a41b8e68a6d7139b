using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenIta.Data.Security;

/// <summary>The state of a counter after a hit or a read.</summary>
public sealed record CounterState(int Count, DateTimeOffset WindowStart, DateTimeOffset? BlockedUntil)
{
    public static CounterState None(DateTimeOffset now) => new(0, now, null);

    /// <summary>True while a back-off set by <see cref="SecurityCounters.BlockAsync"/> lasts.</summary>
    public bool IsBlockedAt(DateTimeOffset now) => BlockedUntil > now;
}

/// <summary>A limit counted by <see cref="SecurityCounters"/>: the counter's key, its window, the hits a window allows.</summary>
public sealed record CounterLimit(string Key, TimeSpan Window, int PerWindow)
{
    /// <summary>Null while <paramref name="state"/> (after a hit) is within the limit; else how long until its window ends.</summary>
    public TimeSpan? RetryAfter(CounterState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Count > PerWindow ? state.WindowStart + Window - now : null;
    }
}

/// <summary>
/// Fixed-window counters in <c>security_counters</c>, counted with one atomic statement
/// (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, the same text on SQLite and PostgreSQL), so that every instance
/// of the application counts into the same row and two hits at once never both read the old count.
/// </summary>
public static class SecurityCounters
{
    /// <summary>The hit's statement (parameters <c>@key</c>, <c>@now</c>, <c>@windowBegins</c>: <see cref="AddHitParameters"/>),
    /// also sent in the survey response's one batch (<see cref="Surveys.SurveyResponses.SubmitAsync"/>).</summary>
    internal const string HitSql = """
        INSERT INTO security_counters ("Key", "WindowStartUnixMs", "Count", "BlockedUntilUnixMs")
        VALUES (@key, @now, 1, NULL)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN security_counters."WindowStartUnixMs" <= @windowBegins THEN 1 ELSE security_counters."Count" + 1 END,
            "WindowStartUnixMs" = CASE WHEN security_counters."WindowStartUnixMs" <= @windowBegins THEN @now ELSE security_counters."WindowStartUnixMs" END
        RETURNING "Count", "WindowStartUnixMs", "BlockedUntilUnixMs"
        """;

    /// <summary>Counts one hit on <paramref name="key"/> in a window of <paramref name="window"/>; returns the state after it.</summary>
    public static async Task<CounterState> HitAsync(OpenItaDb db, string key, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return await WithConnectionAsync(db, async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = HitSql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            AddHitParameters(command, key, window, now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The security counter upsert returned no row.");
            }
            return State(reader);
        }, cancellationToken);
    }

    /// <summary>The counter as it stands (a window that has passed counts 0; a back-off is kept until it ends).</summary>
    public static async Task<CounterState> ReadAsync(OpenItaDb db, string key, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.SecurityCounters.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, cancellationToken);
        if (row is null)
        {
            return CounterState.None(now);
        }
        var windowStart = DateTimeOffset.FromUnixTimeMilliseconds(row.WindowStartUnixMs);
        var blockedUntil = row.BlockedUntilUnixMs is { } b ? DateTimeOffset.FromUnixTimeMilliseconds(b) : (DateTimeOffset?)null;
        return windowStart + window <= now
            ? new CounterState(0, now, blockedUntil)
            : new CounterState(row.Count, windowStart, blockedUntil);
    }

    /// <summary>Refuses <paramref name="key"/> until <paramref name="until"/> (never shortens a longer back-off).</summary>
    public static async Task BlockAsync(OpenItaDb db, string key, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var untilMs = until.ToUnixTimeMilliseconds();
        await db.SecurityCounters
            .Where(c => c.Key == key && (c.BlockedUntilUnixMs == null || c.BlockedUntilUnixMs < untilMs))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.BlockedUntilUnixMs, untilMs), cancellationToken);
    }

    /// <summary>Forgets a counter (a successful sign-in clears its user name's failures).</summary>
    public static async Task ResetAsync(OpenItaDb db, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.SecurityCounters.Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes counters whose window began before <paramref name="before"/> and whose back-off has ended.</summary>
    public static async Task<int> PurgeAsync(OpenItaDb db, DateTimeOffset before, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var beforeMs = before.ToUnixTimeMilliseconds();
        var nowMs = now.ToUnixTimeMilliseconds();
        return await db.SecurityCounters
            .Where(c => c.WindowStartUnixMs < beforeMs && (c.BlockedUntilUnixMs == null || c.BlockedUntilUnixMs < nowMs))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// A condition for a statement sent after <see cref="HitSql"/> in the same transaction: the counter (as the hit left it)
    /// is within <see cref="CounterLimit.PerWindow"/> (parameters of <see cref="AddHitParameters"/>).
    /// </summary>
    internal const string WithinLimitSql = "(SELECT \"Count\" FROM security_counters WHERE \"Key\" = @key) <= @perWindow";

    /// <summary>The parameters of <see cref="HitSql"/> and <see cref="WithinLimitSql"/>.</summary>
    internal static void AddHitParameters(DbCommand command, CounterLimit limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limit);
        AddHitParameters(command, limit.Key, limit.Window, now);
        Add(command, "perWindow", limit.PerWindow);
    }

    /// <summary>The parameters of <see cref="HitSql"/>.</summary>
    internal static void AddHitParameters(DbCommand command, string key, TimeSpan window, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        Add(command, "key", key);
        Add(command, "now", nowMs);
        Add(command, "windowBegins", nowMs - (long)window.TotalMilliseconds);
    }

    /// <summary>The state <see cref="HitSql"/> returned (the reader on its row).</summary>
    internal static CounterState State(DbDataReader reader)
    {
        var count = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
        var windowStart = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        DateTimeOffset? blockedUntil = reader.IsDBNull(2)
            ? null
            : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        return new CounterState(count, windowStart, blockedUntil);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<T> WithConnectionAsync<T>(OpenItaDb db, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        try
        {
            return await work(connection);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
