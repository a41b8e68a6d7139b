using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenIta.Data;
using OpenIta.Testing;

namespace OpenIta.Bench.Web;

internal static class BenchMain
{
    public const double WarmUpSeconds = 2;

    public static async Task<int> Main(string[] args)
    {
        var whole = Stopwatch.StartNew();
        if (Options.Parse(args) is not { } options)
        {
            return 2;
        }
        if (options.ResultSizes is { Count: > 0 })
        {
            return await ScaleByResults.RunAsync(options);
        }
        var report = new Report(options);
        var exitCode = 0;
        foreach (var engine in options.Engines)
        {
            if (engine == DatabaseEngine.Sqlite)
            {
                var folder = Directory.CreateTempSubdirectory("openita-bench-web-").FullName;
                try
                {
                    report.SqliteVersion = SqliteVersion();
                    foreach (var size in options.Sizes)
                    {
                        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"pages-{size}.db"));
                        await MeasureAsync(report, options, engine, $"Data Source={file}", size);
                    }
                }
                finally
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    if (options.Keep)
                    {
                        Log($"kept the SQLite databases in {folder}");
                    }
                    else
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
                continue;
            }

            if (PostgresServer.Unavailable() is { } why)
            {
                report.PostgresSkipped = $"skipped: {why}";
                Console.Error.WriteLine($"PostgreSQL {report.PostgresSkipped}");
                continue;
            }
            Log($"starting a throwaway PostgreSQL 15 ...");
            PostgresServer? server = null;
            ConsoleCancelEventHandler onCancel = (_, _) => server?.Dispose();
            Console.CancelKeyPress += onCancel;
            try
            {
                server = PostgresServer.Start();
                report.PostgresSettings = server.Settings;
                await using (var connection = new NpgsqlConnection(server.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var version = new NpgsqlCommand("SHOW server_version", connection);
                    report.PostgresVersion = (string?)await version.ExecuteScalarAsync();
                    foreach (var size in options.Sizes)
                    {
                        // The server is initialised with --locale=C; --pg-icu makes the databases collate like a national locale.
                        var locale = options.PostgresIcuLocale is { } icu ? $" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icu.Replace("'", "", StringComparison.Ordinal)}'" : "";
                        await using var create = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE pages_{size}{locale}"), connection);
                        await create.ExecuteNonQueryAsync();
                    }
                }
                foreach (var size in options.Sizes)
                {
                    // The application as deployed: a connection pool (the throwaway server's string turns pooling off).
                    var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(string.Create(CultureInfo.InvariantCulture, $"pages_{size}")))
                    {
                        Pooling = true,
                    }.ConnectionString;
                    await MeasureAsync(report, options, engine, connectionString, size);
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                Console.Error.WriteLine($"PostgreSQL failed: {e.Message}");
                if (server is not null)
                {
                    Console.Error.WriteLine(server.ServerLog());
                }
                report.PostgresSkipped = $"FAILED: {e.Message}";
                exitCode = 1;
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                server?.Dispose();
                Console.CancelKeyPress -= onCancel;
            }
        }

        report.WholeSeconds = whole.Elapsed.TotalSeconds;
        var markdown = report.Markdown();
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.Out is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, markdown);
            Log($"wrote {outFile}");
        }
        return exitCode;
    }

    private static async Task MeasureAsync(Report report, Options options, DatabaseEngine engine, string connectionString, int size)
    {
        var name = Report.EngineName(engine);
        Log($"{name}, N = {size:N0}: building the database (not timed) ...");
        var second = options.SecondGroup > 0 && size > options.SecondGroup ? options.SecondGroup : 0;
        var built = await BenchDatabase.BuildAsync(engine, connectionString, size, second, options.Seed, options.Year);
        Log($"    {built.Agencies:N0} + {built.SecondGroupAgencies:N0} agencies, {built.Results:N0} results, {built.ScoreRows:N0} score rows in {built.LoadSeconds:F1} s");
        report.Databases.Add((engine, size, built));

        var meter = new SqlMeter();
        await using var app = new BenchApp(engine, connectionString, meter, options.SqliteCaseSensitiveLike);
        var watch = Stopwatch.StartNew();
        _ = app.Server; // start now: the schema check and start-up are not part of any request
        Log($"    application started in {watch.Elapsed.TotalSeconds:F1} s");
        using var browser = await app.SignedInAsync(built.AdminUser, built.AdminPassword);
        using var api = await app.ApiClientAsync(built.AdminUser);

        var year = options.Year.ToString(CultureInfo.InvariantCulture);
        var pages = new List<Page>
        {
            new(Report.Baseline, "/health", browser),
            new("/groups/{group}?year=Y (dashboard)", $"/groups/{built.GroupSlug}?year={year}", browser),
            new("/ (start page)", "/", browser),
            new("/agencies/{one}/results/Y (one result)", $"/agencies/{built.OneSlug}/results/{year}", browser),
            new("/agencies/{one} (overview)", $"/agencies/{built.OneSlug}", browser),
            new("/api/v1/groups/{group}/summary?year=Y", $"/api/v1/groups/{built.GroupSlug}/summary?year={year}", api),
            new("/api/v1/agencies", "/api/v1/agencies", api),
        };
        if (built.SecondGroupSlug is { } b)
        {
            var small = built.SecondGroupAgencies.ToString("N0", CultureInfo.InvariantCulture);
            pages.Add(new($"/groups/{{b}}?year=Y (dashboard of the second group: {small} agencies)", $"/groups/{b}?year={year}", browser));
            pages.Add(new($"/api/v1/groups/{{b}}/summary?year=Y (second group: {small})", $"/api/v1/groups/{b}/summary?year={year}", api));
        }

        // Rounds: every page once per round, in the same order, so that drift over time touches all pages alike.
        // Warm-up: at least --warmups rounds and 2 s, so that tiered JIT has settled (the first database would pay for it otherwise).
        var warmUp = Stopwatch.StartNew();
        for (var round = 0; round < options.WarmUps || (round < 200 && warmUp.Elapsed.TotalSeconds < WarmUpSeconds); round++)
        {
            foreach (var page in pages)
            {
                await TimeAsync(page, meter, gzip: false);
            }
        }
        var timings = pages.ToDictionary(p => p, _ => new List<Sample>());
        for (var round = 0; round < options.Runs; round++)
        {
            foreach (var page in pages)
            {
                timings[page].Add(await TimeAsync(page, meter, gzip: round == options.Runs - 1));
            }
        }
        foreach (var page in pages)
        {
            var samples = timings[page];
            var measurement = new Measurement(engine, size, page.Label, page.Path, samples);
            report.Add(measurement);
            var median = Report.Median(samples.Select(s => s.Milliseconds));
            Log($"    {page.Path}: median {median:F2} ms, {samples[^1].Bytes:N0} bytes, {samples[^1].Commands.Count} SQL commands");
            if (options.Explain && page.Label != Report.Baseline && median >= options.DetailMs)
            {
                foreach (var (index, _) in Report.Slowest(measurement))
                {
                    // Only queries: EXPLAIN ANALYZE would run an UPDATE (the API token's last use) once more.
                    var command = samples[^1].Commands[index];
                    if (command.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                    {
                        measurement.Plans[index] = await ExplainAsync(app, engine, command);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The plan of one command the page sent, with the parameters it sent: PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) (it
    /// runs the query once more), SQLite's EXPLAIN QUERY PLAN.
    /// </summary>
    private static async Task<string> ExplainAsync(BenchApp app, DatabaseEngine engine, SqlMeter.Command command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenItaDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = (engine == DatabaseEngine.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.Sql;
            foreach (var (name, value, type) in command.Parameters)
            {
                var parameter = explain.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                parameter.DbType = type;
                explain.Parameters.Add(parameter);
            }
            await using var reader = await explain.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                // SQLite: id, parent, notused, detail; PostgreSQL: one text column per line.
                lines.Add(engine == DatabaseEngine.Postgres
                    ? reader.GetString(0)
                    : string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt32(0)} {reader.GetInt32(1)} {reader.GetString(3)}"));
            }
            return string.Join('\n', lines);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <param name="gzip">Also compress the body (after the timing) to report what it would weigh gzipped.</param>
    internal static async Task<Sample> TimeAsync(Page page, SqlMeter meter, bool gzip)
    {
        meter.Reset();
        var watch = Stopwatch.StartNew();
        using var response = await page.Client.GetAsync(page.Path, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        var milliseconds = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"GET {page.Path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 400)))}"));
        }
        return new Sample(milliseconds, body.Length, gzip ? GzipLength(body) : null, meter.Take());
    }

    /// <summary>The body's length gzipped (the application sends it uncompressed; a reverse proxy may compress it).</summary>
    private static int GzipLength(byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }
        return (int)compressed.Length;
    }

    internal static string SqliteVersion()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }

    internal static void Log(FormattableString message) => Console.Error.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}

internal sealed record Page(string Label, string Path, HttpClient Client);

internal sealed record Sample(double Milliseconds, int Bytes, int? GzipBytes, IReadOnlyList<SqlMeter.Command> Commands);

internal sealed record Measurement(DatabaseEngine Engine, int Size, string Label, string Path, IReadOnlyList<Sample> Samples)
{
    /// <summary>With --explain: the plans of the slowest commands, by their index in the request.</summary>
    public Dictionary<int, string> Plans { get; } = [];
}

internal sealed record Options(
    IReadOnlyList<DatabaseEngine> Engines, IReadOnlyList<int> Sizes, int SecondGroup, int Runs, int WarmUps, int Seed, int Year, double DetailMs, bool Explain, bool Keep, string? PostgresIcuLocale, bool SqliteCaseSensitiveLike, string? Out,
    IReadOnlyList<int>? ResultSizes = null)
{
    public const string Usage = """
        usage: openita-bench-web [--results 1000,8000,80000 | --sizes 142,8000] [--second 142] [--engines sqlite,postgres] [--runs N] [--warmups N] [--seed N] [--year Y] [--detail-ms MS] [--explain] [--keep] [--pg-icu LOCALE] [--sqlite-case-sensitive-like] [--out FILE]
          --results     instead of --sizes: a province of 142 agencies in national databases of these many results over
                        FY2563-2568 (raw SQL, seconds), its dashboard and API summary against /health (issue 8)
          --sizes       agencies below the group, one database per size (default 142,8000)
          --second N    in every database of more than N agencies, a second group of N agencies beside the first
                        (a province in a national database); its dashboard and summary are timed too (default 142; 0: none)
          --engines     sqlite, postgres or both (default both; PostgreSQL is skipped with a message when not installed)
          --runs N      timed requests per page (default 15)
          --warmups N   untimed rounds first, and at least 2 s of them (default 3)
          --seed N      seed of the data generator (default 2567)
          --year Y      the fiscal year (Buddhist Era) of the results (default 2567)
          --detail-ms   list the slowest SQL commands of every page whose median is at least this (default 50)
          --explain     add the plans of those commands (PostgreSQL: EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN)
          --keep        keep the SQLite files (the folder is printed) to look into them afterwards
          --pg-icu L    create the PostgreSQL databases with the ICU collation L (th-TH, en-US) instead of the server's C
          --sqlite-case-sensitive-like
                        experiment: PRAGMA case_sensitive_like = ON on the application's SQLite connections
                        (lets "Path" LIKE 'prefix%' use the Path index); not the application as shipped
          --out FILE    also write the markdown report to FILE
        """;

    public static Options? Parse(string[] args)
    {
        var options = new Options([DatabaseEngine.Sqlite, DatabaseEngine.Postgres], [142, 8000], 142, 15, 3, 2567, 2567, 50, false, false, null, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--results" => options with { ResultSizes = [.. Next().Split(',').Select(s => int.Parse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture)).Distinct()] },
                    "--sizes" => options with { Sizes = [.. Next().Split(',').Select(s => int.Parse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture)).Distinct()] },
                    "--second" => options with { SecondGroup = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture) },
                    "--engines" => options with { Engines = [.. Next().Split(',').Select(DatabaseEngines.Parse).Distinct()] },
                    "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--warmups" => options with { WarmUps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--year" => options with { Year = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--detail-ms" => options with { DetailMs = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture) },
                    "--explain" => options with { Explain = true },
                    "--keep" => options with { Keep = true },
                    "--sqlite-case-sensitive-like" => options with { SqliteCaseSensitiveLike = true },
                    "--pg-icu" => options with { PostgresIcuLocale = Next() },
                    "--out" => options with { Out = Next() },
                    "-h" or "--help" => throw new ArgumentException(""),
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                if (e.Message.Length > 0)
                {
                    Console.Error.WriteLine(e.Message);
                }
                Console.Error.WriteLine(Usage);
                return null;
            }
        }
        if (options.Sizes.Count == 0 || options.Sizes.Any(s => s is < 1 or > 100_000) || options.Runs < 1 || options.WarmUps < 0)
        {
            Console.Error.WriteLine("--sizes must be 1 to 100,000 each, --runs at least 1, --warmups at least 0");
            Console.Error.WriteLine(Usage);
            return null;
        }
        if (OpenIta.Core.Methodology.FrameworkCatalog.BuiltIn.All.All(f => f.Year.BuddhistEra != options.Year))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--year {options.Year}: no framework for that fiscal year"));
            return null;
        }
        return options;
    }
}
