using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenIta.Web.Tests.Dashboards;

/// <summary>
/// The SQL commands EF Core runs on one database (told apart by its data source, as tests run side by side), with their
/// parameters, from EF Core's diagnostic events: the application is not changed to be watched.
/// </summary>
internal sealed class SqlRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public sealed record Command(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    private readonly string _dataSource;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentQueue<Command> _commands = new();

    public SqlRecorder(string dataSource)
    {
        _dataSource = dataSource;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>The commands run since the last call.</summary>
    public IReadOnlyList<Command> Take()
    {
        var taken = new List<Command>();
        while (_commands.TryDequeue(out var command))
        {
            taken.Add(command);
        }
        return taken;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection?.DataSource == _dataSource)
        {
            _commands.Enqueue(new Command(data.Command.CommandText,
                data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
