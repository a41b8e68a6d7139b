using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Users;
using OpenIta.Web.Features.Import;
using OpenIta.Web.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OpenIta.Web.Tests.Import;

/// <summary>
/// An import makes a bounded number of database commands whatever its size (issue 8): the commands of an import of a
/// few rows and of many rows are counted with an EF interceptor on the importer's own context, on both engines.
/// OPENITA_IMPORT_ROWS sets the larger size (default 1,000; the figures of the report used 8,000).
/// </summary>
public sealed class ImportQueryCountTests(ITestOutputHelper output)
{
    public static TheoryData<DatabaseEngine> Engines => TestDatabases.Both;

    private static int LargeSize => int.TryParse(Environment.GetEnvironmentVariable("OPENITA_IMPORT_ROWS"), CultureInfo.InvariantCulture, out var n) ? n : 1_000;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_number_of_queries_of_an_import_does_not_grow_with_its_rows(DatabaseEngine engine)
    {
        var large = LargeSize;
        await using var app = await TestApp.StartAsync(engine);
        await app.WithDbAsync(db =>
        {
            db.Agencies.AddRange(Enumerable.Range(0, large).Select(i => new Agency { Slug = Slug(i), NameTh = "หน่วยงาน " + Slug(i) }));
            return Task.FromResult(0);
        });

        var small = await ImportAsync(app, engine, 10);
        var big = await ImportAsync(app, engine, large);
        var again = await ImportAsync(app, engine, large); // every row replaces a result: the path of an update

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine}: 10 rows {small.Commands} commands {small.Elapsed.TotalMilliseconds:F0} ms; {large} rows {big.Commands} commands {big.Elapsed.TotalMilliseconds:F0} ms; replacing {large} rows {again.Commands} commands {again.Elapsed.TotalMilliseconds:F0} ms"));
        Assert.Equal(small.Commands, big.Commands);
        Assert.Equal(small.Commands, again.Commands);
        Assert.Equal(large, await app.WithDbAsync(db => db.Results.CountAsync()));
    }

    private static string Slug(int i) => string.Create(CultureInfo.InvariantCulture, $"a{i:D5}");

    private static async Task<(int Commands, TimeSpan Elapsed)> ImportAsync(TestApp app, DatabaseEngine engine, int rows)
    {
        var lines = new List<string> { ImportFiles.Header };
        var values = ImportFiles.Spm2565[ImportFiles.Spm2565.IndexOf(',', StringComparison.Ordinal)..];
        lines.AddRange(Enumerable.Range(0, rows).Select(i => Slug(i) + values));
        var sheet = Sheets.ReadCsv(string.Join("\r\n", lines));

        var counter = new CommandCounter();
        await using var db = DatabaseEngines.Create(engine, app.ConnectionString, options => options.AddInterceptors(counter));
        var administrator = new Permissions("admin", IsAdministrator: true, []);
        var clock = Stopwatch.StartNew();
        var report = await ResultImporter.ImportAsync(db, administrator, "admin", TimeProvider.System, FrameworkCatalog.BuiltIn, sheet);
        clock.Stop();
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(rows, report.Imported.Count);
        return (counter.Count, clock.Elapsed);
    }

    /// <summary>Counts every command the context sends.</summary>
    internal sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
