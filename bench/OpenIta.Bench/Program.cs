using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using OpenIta.Bench;
using OpenIta.Core.Methodology;

var whole = Stopwatch.StartNew();
var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

const string frameworkFile = "synthetic-fy2567.yaml";
var frameworkPath = Path.Combine(AppContext.BaseDirectory, frameworkFile);
var framework = FrameworkParser.Parse(File.ReadAllText(frameworkPath), frameworkFile);
Log($"framework: {frameworkFile} (SYNTHETIC, FY{framework.Year}): {framework.Questions.Count} questions, {framework.OitItems.Count} OIT items");

var watch = Stopwatch.StartNew();
var data = SyntheticData.Generate(framework, options.Scale, options.Seed);
var generateSeconds = watch.Elapsed.TotalSeconds;
Log($"generated {data.Agencies.Length:N0} agencies, {data.AnswerCells:N0} answer cells in {generateSeconds:F1} s");

var report = new Report(options, data) { GenerateSeconds = generateSeconds };

// (a) the engine
Log($"(a) engine, single-threaded ...");
var (engineTotals, engineSingle) = Measure(options.Runs, () => Methods.ScoreAllWithEngine(framework, data.Agencies, parallel: false));
report.Add("(a) engine: ScoringEngine.Score per agency", "1", engineSingle);
Log($"(a) engine, Parallel.For ...");
var (engineParallelTotals, engineParallel) = Measure(options.Runs, () => Methods.ScoreAllWithEngine(framework, data.Agencies, parallel: true));
report.Add("(a) engine, Parallel.For over agencies", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), engineParallel);
report.EngineParallelSame = engineTotals.SequenceEqual(engineParallelTotals);
report.EngineMissing = engineTotals.Count(t => t is null);

// (c) the plain read
Log($"(c) plain read ...");
var (readSums, readSingle) = Measure(options.Runs, () => Methods.ReadAllCells(data.Agencies, parallel: false));
report.Add("(c) plain loop reading every answer byte", "1", readSingle);
var (readParallelSums, readParallel) = Measure(options.Runs, () => Methods.ReadAllCells(data.Agencies, parallel: true));
report.Add("(c) plain loop, Parallel.For over agencies", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), readParallel);
if (!readSums.SequenceEqual(readParallelSums))
{
    throw new InvalidOperationException("(c) single-threaded and parallel sums differ");
}

Log($"engine breakdown ...");
report.Breakdown = Methods.Breakdown(framework, data.Agencies);

// (b) PostgreSQL
var exitCode = 0;
if (options.SkipPostgres)
{
    report.PostgresSkipped = "skipped (--skip-pg)";
}
else if (PostgresServer.Unavailable() is { } why)
{
    report.PostgresSkipped = $"skipped: {why}";
    Console.Error.WriteLine($"(b) PostgreSQL {report.PostgresSkipped}");
}
else
{
    Log($"(b) starting a throwaway PostgreSQL 15 ...");
    PostgresServer? server = null;
    ConsoleCancelEventHandler onCancel = (_, _) => server?.Dispose();
    Console.CancelKeyPress += onCancel;
    try
    {
        server = PostgresServer.Start();
        Log($"    listening on 127.0.0.1:{server.Port}");
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        report.PostgresVersion = PostgresMethod.Scalar(connection, "SHOW server_version");
        report.PostgresJit = PostgresMethod.Scalar(connection, "SHOW jit");
        Log($"    loading {data.AnswerCells:N0} answer rows with binary COPY ...");
        report.Load = PostgresMethod.Load(connection, data);
        Log($"    loaded in {report.Load.TotalSeconds:F1} s ({report.Load.AnswersBytes / 1048576.0:F0} MiB)");

        Log($"    warm-up query ...");
        var (pgTotals, warmSeconds) = PostgresMethod.Query(connection, parallelWorkers: 2);
        report.PostgresWarmUpSeconds = warmSeconds;
        foreach (var (label, workers) in new[] { ("1", 0), ("1 + 2 workers", 2) })
        {
            var times = new List<double>();
            for (var run = 0; run < options.PostgresRuns; run++)
            {
                Log($"    query, max_parallel_workers_per_gather = {workers}, run {run + 1} of {options.PostgresRuns} ...");
                var (totals, seconds) = PostgresMethod.Query(connection, workers);
                times.Add(seconds);
                report.CompareWithEngine(engineTotals, totals, label);
            }
            report.Add(workers == 0
                    ? "(b) PostgreSQL: one SQL query (max_parallel_workers_per_gather = 0)"
                    : "(b) PostgreSQL: one SQL query (max_parallel_workers_per_gather = 2)",
                label, times);
        }
        report.CompareWithEngine(engineTotals, pgTotals, "warm-up");
        if (options.Explain)
        {
            PostgresMethod.Query(connection, 2);
            report.Plan = PostgresMethod.Explain(connection);
        }
    }
    catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
    {
        Console.Error.WriteLine($"(b) PostgreSQL failed: {e.Message}");
        if (server is not null)
        {
            Console.Error.WriteLine(server.ServerLog());
        }
        report.PostgresSkipped = $"FAILED: {e.Message}";
        exitCode = 1;
    }
    finally
    {
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
    File.WriteAllText(outFile, markdown);
    Log($"wrote {outFile}");
}
if (report.Mismatches.Count > 0)
{
    Console.Error.WriteLine($"FAILED: (a) and (b) disagree for {report.Mismatches.Count} agencies (more than 1e-9); first: {string.Join("; ", report.Mismatches.Take(5))}");
    return 1;
}
if (!report.EngineParallelSame)
{
    Console.Error.WriteLine("FAILED: (a) single-threaded and parallel totals differ");
    return 1;
}
return exitCode;

static (T Result, List<double> Seconds) Measure<T>(int runs, Func<T> run)
{
    var result = run(); // warm-up (JIT, caches)
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        result = run();
        times.Add(watch.Elapsed.TotalSeconds);
    }
    return (result, times);
}

static void Log(FormattableString message) =>
    Console.Error.WriteLine(message.ToString(CultureInfo.InvariantCulture));

namespace OpenIta.Bench
{
    internal sealed record Options(double Scale, int Seed, int Runs, int PostgresRuns, string? Out, bool SkipPostgres, bool Explain)
    {
        public const string Usage = """
            usage: openita-bench [--scale S] [--seed N] [--runs N] [--pg-runs N] [--out FILE] [--skip-pg] [--explain]
              --scale S     multiplies agencies and respondents (default 1.0: 8,325 agencies, 461,440 IIT and 907,795 EIT respondents)
              --seed N      seed of the generator (default 2567)
              --runs N      timed runs of (a) and (c), after one warm-up (default 5)
              --pg-runs N   timed runs of the SQL query per parallelism setting, after one warm-up (default 2)
              --out FILE    also write the markdown report to FILE
              --skip-pg     do not run (b)
              --explain     add PostgreSQL's EXPLAIN ANALYZE of the query to the report
            """;

        public static Options? Parse(string[] args)
        {
            var options = new Options(1.0, 2567, 5, 2, null, false, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                try
                {
                    options = args[i] switch
                    {
                        "--scale" => options with { Scale = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture) },
                        "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                        "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                        "--pg-runs" => options with { PostgresRuns = int.Parse(Next(), CultureInfo.InvariantCulture) },
                        "--out" => options with { Out = Next() },
                        "--skip-pg" => options with { SkipPostgres = true },
                        "--explain" => options with { Explain = true },
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
            if (options.Scale is <= 0 or > 10 || options.Runs < 1 || options.PostgresRuns < 1)
            {
                Console.Error.WriteLine("--scale must be above 0 (at most 10), --runs and --pg-runs at least 1");
                Console.Error.WriteLine(Usage);
                return null;
            }
            return options;
        }
    }

    internal static class MachineInfo
    {
        public static string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} logical processors, {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), {RuntimeInformation.OSDescription}, {CpuModel()}, GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

        private static string CpuModel()
        {
            try
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                return line is null ? "CPU model unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
            catch (IOException)
            {
                return "CPU model unknown";
            }
        }
    }
}
