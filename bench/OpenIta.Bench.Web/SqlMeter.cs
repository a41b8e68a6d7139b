using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenIta.Bench.Web;

/// <summary>
/// Where a request's time goes in the database: an EF Core interceptor added to the application's context that
/// measures every command from execution until its reader is disposed (rows read and materialised included). The
/// benchmark sends one request at a time, so <see cref="Reset"/> before and <see cref="Take"/> after a request give
/// that request's commands.
/// </summary>
internal sealed class SqlMeter : DbCommandInterceptor
{
    /// <summary>One command: its text, its parameters (to EXPLAIN it afterwards) and how long it took.</summary>
    public sealed record Command(string Sql, IReadOnlyList<(string Name, object? Value, System.Data.DbType Type)> Parameters, double Milliseconds);

    private readonly ConcurrentDictionary<Guid, long> _started = new();
    private readonly ConcurrentQueue<Command> _commands = new();

    public void Reset()
    {
        _started.Clear();
        _commands.Clear();
    }

    public IReadOnlyList<Command> Take() => [.. _commands];

    private void Start(CommandEventData data) => _started[data.CommandId] = Stopwatch.GetTimestamp();

    private void Stop(DbCommand command, Guid id)
    {
        if (_started.TryRemove(id, out var started))
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value, p.DbType)).ToList();
            _commands.Enqueue(new Command(command.CommandText, parameters, elapsed));
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Stop(command, eventData.CommandId);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Start(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(eventData);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Stop(command, eventData.CommandId);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Stop(command, eventData.CommandId);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Start(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(eventData);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Stop(command, eventData.CommandId);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Stop(command, eventData.CommandId);
        return ValueTask.FromResult(result);
    }
}
