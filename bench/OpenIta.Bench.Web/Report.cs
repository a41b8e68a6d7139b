using System.Diagnostics;
using System.Globalization;
using OpenIta.Testing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using OpenIta.Data;

namespace OpenIta.Bench.Web;

/// <summary>The markdown report: the table of pages side by side with GET /health, and where the slow ones spend their time.</summary>
internal sealed partial class Report(Options options)
{
    public const string Baseline = "/health (baseline)";

    private readonly List<Measurement> _measurements = [];

    public List<(DatabaseEngine Engine, int Size, BuiltDatabase Built)> Databases { get; } = [];
    public string? SqliteVersion { get; set; }
    public string? PostgresVersion { get; set; }
    public IReadOnlyList<(string Name, string Value)>? PostgresSettings { get; set; }
    public string? PostgresSkipped { get; set; }
    public double WholeSeconds { get; set; }

    public void Add(Measurement measurement) => _measurements.Add(measurement);

    public static string EngineName(DatabaseEngine engine) => engine == DatabaseEngine.Postgres ? "PostgreSQL" : "SQLite";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"# OpenITA web pages at {string.Join(" and ", options.Sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} agencies (SYNTHETIC data)");
        Line($"");
        Line($"- Machine: {BenchmarkMachine.Describe()}");
        Line($"- Application measured: src/OpenIta.Web, {BenchmarkMachine.Source()}; in-process (WebApplicationFactory, in-memory test server: the whole ASP.NET Core pipeline, no socket), environment Production, the application's own appsettings.json");
        if (SqliteVersion is not null)
        {
            Line($"- SQLite: {SqliteVersion} (a file in a temporary folder; Microsoft.Data.Sqlite's connection pool){(options.SqliteCaseSensitiveLike ? "; EXPERIMENT: PRAGMA case_sensitive_like = ON on every connection of the application (not as shipped)" : "")}");
        }
        if (PostgresVersion is not null)
        {
            Line($"- PostgreSQL: {PostgresVersion}, throwaway server on 127.0.0.1 ({string.Join(", ", (PostgresSettings ?? []).Select(s => $"{s.Name} = {s.Value}"))}; otherwise defaults; databases collated {(options.PostgresIcuLocale is { } icu ? $"by ICU locale {icu}" : "C, as the server")}); Npgsql connection pool on");
        }
        if (PostgresSkipped is not null)
        {
            Line($"- PostgreSQL: {PostgresSkipped}");
        }
        Line($"- Data (seed {options.Seed}): one group (Kind Province) with N synthetic agencies below it (70 % อบต., 20 % เทศบาล, 10 % provincial offices); results of FY{options.Year} for about 95 % of them, given at indicator level (EIT1/EIT2 too), scored and stored by ResultStore.StageAsync as the import does; one administrator; loading not timed");
        foreach (var (engine, size, built) in Databases)
        {
            var second = built.SecondGroupSlug is null ? "" : $", and a second group of {built.SecondGroupAgencies:N0} agencies beside it";
            Line($"  - {EngineName(engine)}, N = {size:N0}: {built.Agencies:N0} agencies below the group{second}; {built.Results:N0} results, {built.ScoreRows:N0} result_scores rows in all; built in {built.LoadSeconds:F1} s");
        }
        Line($"- Timing: Stopwatch from sending the request until the whole body is read; signed in as the administrator (pages: the sign-in cookie from the login form; API: an API token); untimed rounds first (at least {options.WarmUps} and {BenchMain.WarmUpSeconds:F0} s, for tiered JIT), then {options.Runs} timed rounds, each round every page once in the order below; median and p90 (nearest rank) of the {options.Runs}; ratio = median ÷ median of GET /health in the same database");
        Line($"- bytes: the body as the application sends it (uncompressed: it has no response compression); gzipped: the same body through GZip (optimal), for what a compressing reverse proxy would send");
        Line($"- SQL ms: the median per request of the time its EF Core commands took from execution until their reader was disposed (rows read and materialised), measured by an interceptor added to the application's context; queries: SQL commands per request");
        Line($"- Whole run: {WholeSeconds:F0} s");
        Line($"");
        Line($"| engine | N | page | median ms | p90 ms | ratio to /health | bytes | gzipped | SQL ms | queries |");
        Line($"|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in _measurements.GroupBy(m => (m.Engine, m.Size)))
        {
            var baseline = Median(group.Single(m => m.Label == Baseline).Samples.Select(s => s.Milliseconds));
            foreach (var m in group)
            {
                var median = Median(m.Samples.Select(s => s.Milliseconds));
                var p90 = Percentile(m.Samples.Select(s => s.Milliseconds), 90);
                var sql = Median(m.Samples.Select(s => s.Commands.Sum(c => c.Milliseconds)));
                var ratio = m.Label == Baseline ? "1" : (median / baseline).ToString(median / baseline >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture);
                Line($"| {EngineName(m.Engine)} | {m.Size:N0} | `{m.Label}` | {Ms(median)} | {Ms(p90)} | {ratio}× | {m.Samples[^1].Bytes:N0} | {m.Samples[^1].GzipBytes:N0} | {Ms(sql)} | {m.Samples[^1].Commands.Count} |");
            }
        }
        Line($"");

        var slow = _measurements.Where(m => m.Label != Baseline && Median(m.Samples.Select(s => s.Milliseconds)) >= options.DetailMs).ToList();
        if (slow.Count > 0)
        {
            Line($"## Where the time goes: the slowest SQL commands of the pages with a median of {options.DetailMs:F0} ms or more");
            Line($"");
            Line($"Per page, every command with its median time, then its three slowest in full: the median over the timed requests of each (a page sends the same commands every time, in the same order), measured like the SQL ms column, so rows read and materialised by EF Core are included. PostgreSQL's Execution Time is the server's part alone (EXPLAIN ANALYZE adds its own timing overhead).");
            foreach (var m in slow)
            {
                var median = Median(m.Samples.Select(s => s.Milliseconds));
                var sql = Median(m.Samples.Select(s => s.Commands.Sum(c => c.Milliseconds)));
                Line($"");
                Line($"### {EngineName(m.Engine)}, N = {m.Size:N0}, `{m.Path}`: {Ms(median)} ms, of which SQL {Ms(sql)} ms in {m.Samples[^1].Commands.Count} commands");
                var count = m.Samples[^1].Commands.Count;
                Line($"");
                Line($"| # | median ms | command (shortened) |");
                Line($"|---:|---:|---|");
                foreach (var (index, ms) in Slowest(m, count).OrderBy(c => c.Index))
                {
                    Line($"| {index + 1} | {Ms(ms)} | `{Digest(m.Samples[^1].Commands[index].Sql)}` |");
                }
                Line($"| | {Ms(Median(m.Samples.Select(s => s.Milliseconds - s.Commands.Sum(c => c.Milliseconds))))} | outside SQL: the rest of the request (page model, rendering, pipeline) |");
                foreach (var (index, ms) in Slowest(m))
                {
                    Line($"");
                    Line($"Command {index + 1} of {count}: {Ms(ms)} ms");
                    Line($"");
                    Line($"```sql");
                    text.AppendLine(Shorten(m.Samples[^1].Commands[index].Sql.Trim()));
                    Line($"```");
                    if (m.Plans.TryGetValue(index, out var plan))
                    {
                        Line($"");
                        Line($"{(m.Engine == DatabaseEngine.Postgres ? "EXPLAIN (ANALYZE, BUFFERS), run once more after the timings" : "EXPLAIN QUERY PLAN")}:");
                        Line($"");
                        Line($"```");
                        text.AppendLine(plan.Trim());
                        Line($"```");
                    }
                }
            }
        }
        return text.ToString();
    }

    /// <summary>The slowest commands of a page: index in the request and median time over the timed requests.</summary>
    public static IEnumerable<(int Index, double Milliseconds)> Slowest(Measurement measurement, int take = 3)
    {
        var count = measurement.Samples.Min(s => s.Commands.Count);
        return Enumerable.Range(0, count)
            .Select(i => (Index: i, Milliseconds: Median(measurement.Samples.Select(s => s.Commands[i].Milliseconds))))
            .OrderByDescending(c => c.Milliseconds).Take(take).ToList();
    }

    /// <summary>One line of at most 140 characters.</summary>
    private static string Digest(string sql)
    {
        var line = Whitespace().Replace(Shorten(sql), " ").Trim().Replace('`', '\'');
        return line.Length <= 140 ? line : line[..139] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>A long list of parameters (<c>@ids1, @ids2, … @ids1000</c>) as its first and last.</summary>
    private static string Shorten(string sql) => ParameterList().Replace(sql, m => $"@{m.Groups[1].Value}1, …, @{m.Groups[1].Value}{m.Groups[2].Value}");

    [GeneratedRegex(@"@([A-Za-z_]+)1, (?:@\1\d+, ){2,}@\1(\d+)")]
    private static partial Regex ParameterList();

    private static string Ms(double milliseconds) =>
        milliseconds.ToString(milliseconds >= 100 ? "F0" : milliseconds >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);
}
