using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Users;
using OpenIta.Testing;
using OpenIta.Web.Tests.Dashboards;

namespace OpenIta.Bench.Web;

/// <summary>
/// Issue 8 (<c>--results 1000,8000,80000</c>): does a province's view cost with the province or with the database? One
/// database per size: a nation, a province of 142 agencies and as many other agencies as make the size, every agency
/// with a result in each of FY2563–2568, loaded in raw SQL (<see cref="BulkResults"/>; the views read only the stored
/// hundredths, never the input). Then the province's dashboard and API summary of FY2567, side by side with
/// <c>/health</c>, and the national summary compressed (Brotli) with its size. SQLite is not analysed after loading:
/// keeping its statistics is the application's job (as a database filled by an import or the CLI); PostgreSQL is, as
/// its autovacuum would soon do.
/// </summary>
internal static class ScaleByResults
{
    private const string Nation = "bench-nation";
    private const string Province = "bench-province";
    private const string Rest = "bench-rest";
    private const int ProvinceAgencies = 142;
    private static readonly int[] Years = [2563, 2564, 2565, 2566, 2567, 2568];

    private sealed record Row(DatabaseEngine Engine, int Results, int Agencies, double LoadSeconds, double StartSeconds,
        double Health, double Dashboard, double Summary, double National, int NationalBytes, int NationalCompressedBytes, int SummaryBytes,
        double HealthCpu, double DashboardCpu, double SummaryCpu);

    public static async Task<int> RunAsync(Options options)
    {
        var whole = Stopwatch.StartNew();
        var rows = new List<Row>();
        string? sqliteVersion = null, postgresVersion = null, skipped = null;
        foreach (var engine in options.Engines)
        {
            if (engine == DatabaseEngine.Sqlite)
            {
                sqliteVersion = BenchMain.SqliteVersion();
                var folder = Directory.CreateTempSubdirectory("openita-bench-scale-").FullName;
                try
                {
                    foreach (var size in options.ResultSizes!)
                    {
                        rows.Add(await MeasureAsync(engine, $"Data Source={Path.Combine(folder, $"scale-{size}.db")}", size, options));
                    }
                }
                finally
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(folder, recursive: true);
                }
                continue;
            }
            if (PostgresServer.Unavailable() is { } why)
            {
                skipped = why;
                continue;
            }
            using var server = PostgresServer.Start();
            await using (var connection = new NpgsqlConnection(server.ConnectionString))
            {
                await connection.OpenAsync();
                await using var version = new NpgsqlCommand("SHOW server_version", connection);
                postgresVersion = (string?)await version.ExecuteScalarAsync();
                foreach (var size in options.ResultSizes!)
                {
                    await using var create = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE scale_{size}"), connection);
                    await create.ExecuteNonQueryAsync();
                }
            }
            try
            {
                foreach (var size in options.ResultSizes!)
                {
                    var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(string.Create(CultureInfo.InvariantCulture, $"scale_{size}")))
                    {
                        Pooling = true,
                    }.ConnectionString;
                    rows.Add(await MeasureAsync(engine, connectionString, size, options));
                }
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
            }
        }

        var markdown = Markdown(rows, options, sqliteVersion, postgresVersion, skipped, whole.Elapsed.TotalSeconds);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.Out is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, markdown);
        }
        return 0;
    }

    private static async Task<Row> MeasureAsync(DatabaseEngine engine, string connectionString, int results, Options options)
    {
        var name = Report.EngineName(engine);
        var others = Math.Max(0, (results / Years.Length) - ProvinceAgencies);
        BenchMain.Log($"{name}, {results:N0} results: loading {ProvinceAgencies + others:N0} agencies × {Years.Length} years (not timed) ...");
        var load = Stopwatch.StartNew();
        await using (var db = DatabaseEngines.Create(engine, connectionString))
        {
            await SchemaMigrator.MigrateAsync(db);
            db.Agencies.Add(new Agency { Slug = Nation, NameTh = "ประเทศ (ข้อมูลสังเคราะห์)", Kind = AgencyKind.Other, IsSynthetic = true });
            await AgencyPaths.RebuildAsync(db);
            var nationId = await db.Agencies.Where(a => a.Slug == Nation).Select(a => a.Id).SingleAsync();
            db.Agencies.Add(new Agency { Slug = Province, NameTh = "จังหวัดทดสอบ (ข้อมูลสังเคราะห์)", Kind = AgencyKind.Province, ParentId = nationId, IsSynthetic = true });
            db.Agencies.Add(new Agency { Slug = Rest, NameTh = "หน่วยงานอื่น (ข้อมูลสังเคราะห์)", Kind = AgencyKind.Other, ParentId = nationId, IsSynthetic = true });
            await AgencyPaths.RebuildAsync(db);
            await BulkResults.AddAsync(db, Province, "p", ProvinceAgencies, Years);
            if (others > 0)
            {
                await BulkResults.AddAsync(db, Rest, "r", others, Years);
            }
            if (engine == DatabaseEngine.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE"); // what autovacuum does soon after a load
            }
        }
        var loadSeconds = load.Elapsed.TotalSeconds;

        var meter = new SqlMeter();
        await using var app = new BenchApp(engine, connectionString, meter, caseSensitiveLike: false);
        var start = Stopwatch.StartNew();
        _ = app.Server;
        var startSeconds = start.Elapsed.TotalSeconds;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var created = await users.CreateAsync(new AppUser { UserName = BenchDatabase.AdminUser, DisplayName = "benchmark", IsAdministrator = true }, BenchDatabase.AdminPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        using var browser = await app.SignedInAsync(BenchDatabase.AdminUser, BenchDatabase.AdminPassword);
        using var api = await app.ApiClientAsync(BenchDatabase.AdminUser);
        using var compressed = await app.ApiClientAsync(BenchDatabase.AdminUser);
        compressed.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        var health = new Page(Report.Baseline, "/health", browser);
        var dashboard = new Page("dashboard", $"/groups/{Province}?year=2567", browser);
        var summary = new Page("summary", $"/api/v1/groups/{Province}/summary?year=2567", api);
        var national = new Page("national summary (br)", $"/api/v1/groups/{Nation}/summary?year=2567", compressed);
        Page[] pages = [health, dashboard, summary, national];
        var warmUp = Stopwatch.StartNew();
        for (var round = 0; round < options.WarmUps || (round < 200 && warmUp.Elapsed.TotalSeconds < BenchMain.WarmUpSeconds); round++)
        {
            foreach (var page in pages)
            {
                await BenchMain.TimeAsync(page, meter, gzip: false);
            }
        }
        var samples = pages.ToDictionary(p => p, _ => new List<Sample>());
        // CPU time of this process per request (the application and SQLite run in it; PostgreSQL's server does not): on a
        // shared machine, wall time also counts the other processes' turns, CPU time does not.
        var cpu = pages.ToDictionary(p => p, _ => new List<double>());
        using var self = Process.GetCurrentProcess();
        for (var round = 0; round < options.Runs; round++)
        {
            foreach (var page in pages)
            {
                self.Refresh();
                var before = self.TotalProcessorTime;
                samples[page].Add(await BenchMain.TimeAsync(page, meter, gzip: false));
                self.Refresh();
                cpu[page].Add((self.TotalProcessorTime - before).TotalMilliseconds);
            }
        }
        double Median(Page page) => Report.Median(samples[page].Select(s => s.Milliseconds));
        var plain = await BenchMain.TimeAsync(national with { Client = api }, meter, gzip: false);
        var row = new Row(engine, results, ProvinceAgencies + others + 3, loadSeconds, startSeconds, Median(health), Median(dashboard), Median(summary),
            Median(national), plain.Bytes, samples[national][^1].Bytes, samples[summary][^1].Bytes,
            Report.Median(cpu[health]), Report.Median(cpu[dashboard]), Report.Median(cpu[summary]));
        foreach (var page in new[] { dashboard, summary })
        {
            var last = samples[page][^1];
            BenchMain.Log($"    {page.Path}: {last.Commands.Count} SQL commands, {last.Commands.Sum(c => c.Milliseconds):F1} ms of SQL; the slowest:");
            foreach (var command in last.Commands.OrderByDescending(c => c.Milliseconds).Take(options.Explain ? 3 : 0))
            {
                BenchMain.Log($"      {command.Milliseconds:F1} ms: {command.Sql.ReplaceLineEndings(" ")}");
            }
        }
        BenchMain.Log($"    /health {row.Health:F2} ms, dashboard {row.Dashboard:F1} ms, summary {row.Summary:F1} ms, national {row.National:F1} ms ({row.NationalCompressedBytes:N0} of {row.NationalBytes:N0} bytes)");
        return row;
    }

    private static string Markdown(List<Row> rows, Options options, string? sqliteVersion, string? postgresVersion, string? skipped, double seconds)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"# A province's views as the database grows (SYNTHETIC data, issue 8)");
        Line($"");
        Line($"- Machine: {BenchmarkMachine.Describe()}");
        Line($"- Application measured: src/OpenIta.Web, {BenchmarkMachine.Source()}; in-process, environment Production");
        Line($"- SQLite {sqliteVersion ?? "not run"}; PostgreSQL {postgresVersion ?? (skipped is null ? "not run" : "skipped: " + skipped)}");
        Line($"- Data: a province of {ProvinceAgencies} agencies among the rest of the country, every agency with a result in FY2563–2568; the province's FY2567 views");
        Line($"- Median of {options.Runs} rounds after warm-up (ms; × the /health median of the same database); the whole run took {seconds:F0} s");
        Line($"");
        Line($"- Load average when the run ended: {LoadAverage()} (2 cores shared with other builds and tests)");
        Line($"");
        Line($"| engine | results | agencies | /health | province dashboard | province API summary | CPU ms: /health, dashboard, summary | national API summary, Brotli | national summary size (Brotli) |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Line($"| {Report.EngineName(r.Engine)} | {r.Results:N0} | {r.Agencies:N0} | {r.Health:F2} | {r.Dashboard:F1} ({r.Dashboard / r.Health:F0}×) | {r.Summary:F1} ({r.Summary / r.Health:F0}×) | {r.HealthCpu:F1}, {r.DashboardCpu:F1}, {r.SummaryCpu:F1} | {r.National:F0} | {r.NationalBytes / 1024.0:N0} KB ({r.NationalCompressedBytes / 1024.0:N0} KB) |");
        }
        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
