using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using OpenIta.Bench;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Testing;

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

// (a) the engine: its bulk path, ScoringPlan, compiled once from the framework
var plan = ScoringPlan.For(framework);
var inputs = Methods.Inputs(plan, data.Agencies);
if (options.ProfileSeconds > 0)
{
    // Only (a), single-threaded, for a profiler (perf record with DOTNET_PerfMapEnabled=1)
    Log($"(a) engine only, for {options.ProfileSeconds} s (profiling) ...");
    var runs = 0;
    for (var until = Stopwatch.StartNew(); until.Elapsed.TotalSeconds < options.ProfileSeconds; runs++)
    {
        Methods.ScoreAllWithEngine(plan, inputs, parallel: false);
    }
    Log($"    {runs} runs");
    return 0;
}
Log($"(a) engine, single-threaded ...");
var (engineTotals, engineSingle) = Measure(options.Runs, () => Methods.ScoreAllWithEngine(plan, inputs, parallel: false));
report.Add("(a) engine: ScoringPlan.Score per agency", "1", engineSingle);
Log($"(a) engine, Parallel.For ...");
var (engineParallelTotals, engineParallel) = Measure(options.Runs, () => Methods.ScoreAllWithEngine(plan, inputs, parallel: true));
report.Add("(a) engine, Parallel.For over agencies", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), engineParallel);
report.EngineParallelSame = engineTotals.SequenceEqual(engineParallelTotals);
report.EngineMissing = engineTotals.Count(t => t is null);
report.EngineTotals = engineTotals;

// (c) the bound: a vectorised read of the engine's own arrays; beside it the byte-at-a-time loop, one contiguous block
// and main memory
var threads = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
Log($"(c) vectorised read ...");
var (readSums, readSingle) = Measure(options.Runs, () => Methods.ReadAllCellsVectorised(data.Agencies, parallel: false));
report.Add("(c) vectorised read of the engine's own arrays (AVX2 sum of every answer byte)", "1", readSingle);
var (readParallelSums, readParallel) = Measure(options.Runs, () => Methods.ReadAllCellsVectorised(data.Agencies, parallel: true));
report.Add("(c) vectorised read, Parallel.For over agencies", threads, readParallel);
var (byteSums, byteSingle) = Measure(options.Runs, () => Methods.ReadAllCells(data.Agencies, parallel: false));
report.Add("(c0) plain loop adding one byte at a time (the old bound)", "1", byteSingle);
if (!readSums.SequenceEqual(readParallelSums) || !readSums.SequenceEqual(byteSums))
{
    throw new InvalidOperationException("(c) the reads' sums differ");
}
var block = Methods.Contiguous(data.Agencies);
var (blockSum, blockSingle) = Measure(options.Runs, () => Methods.SumVectorised(block));
report.Add(string.Create(CultureInfo.InvariantCulture, $"(c1) vectorised read of the same bytes as one contiguous block ({block.Length / 1048576.0:F0} MiB)"), "1", blockSingle);
if (blockSum != readSums.Sum())
{
    throw new InvalidOperationException("(c1) the block's sum differs");
}
block = null;
var memory = new byte[512 << 20];
Random.Shared.NextBytes(memory);
var (_, memorySingle) = Measure(Math.Max(3, options.Runs / 2), () => Methods.SumVectorised(memory));
report.MainMemoryBytesPerSecond = memory.Length / memorySingle.Order().ElementAt(memorySingle.Count / 2);
memory = null;
GC.Collect();

// (a) and (c) again, interleaved run by run, so that a change of the machine's load hits both: the ratios that count
Log($"(a)/(c) paired, interleaved ...");
for (var run = 0; run < options.Runs * 2; run++)
{
    var engine = Time(() => Methods.ScoreAllWithEngine(plan, inputs, parallel: false));
    var read = Time(() => Methods.ReadAllCellsVectorised(data.Agencies, parallel: false));
    report.PairedShares1.Add(read / engine);
    var engineCpu = ThreadCpu.Time(() => Methods.ScoreAllWithEngine(plan, inputs, parallel: false));
    var readCpu = ThreadCpu.Time(() => Methods.ReadAllCellsVectorised(data.Agencies, parallel: false));
    report.PairedCpuShares1.Add(readCpu / engineCpu);
    report.PairedCpu.Add((engineCpu, readCpu));
    var engineP = Time(() => Methods.ScoreAllWithEngine(plan, inputs, parallel: true));
    var readP = Time(() => Methods.ReadAllCellsVectorised(data.Agencies, parallel: true));
    report.PairedSharesP.Add(readP / engineP);
}

Log($"reference engine (ScoringEngine.Score per agency) ...");
var (referenceTotals, referenceSingle) = Measure(Math.Min(options.Runs, 3), () => Methods.ScoreAllWithReferenceEngine(framework, data.Agencies));
report.Add("(a, reference) ScoringEngine.Score per agency (any mix of levels; not the bulk path)", "1", referenceSingle);
report.ReferenceSame = referenceTotals.SequenceEqual(engineTotals);
report.AllocatedPerAgency = Methods.AllocatedPerAgency(plan, inputs);
var thrown = 0;
EventHandler<System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs> count = (_, _) => Interlocked.Increment(ref thrown);
AppDomain.CurrentDomain.FirstChanceException += count;
Methods.ScoreAllWithEngine(plan, inputs, parallel: false);
AppDomain.CurrentDomain.FirstChanceException -= count;
report.ExceptionsPerRun = thrown;

// (d) the shipped path end to end: openita rescore over the first agencies
if (options.RescoreAgencies > 0)
{
    Log($"(d) openita rescore over {Math.Min(options.RescoreAgencies, data.Agencies.Length)} agencies ...");
    report.Rescore = RescoreMethod.Run(data, Math.Min(options.RescoreAgencies, data.Agencies.Length), File.ReadAllText(frameworkPath), plan);
}

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
        server = PostgresServer.Start(PostgresMethod.Tuning);
        report.PostgresSettings = server.Settings;
        Log($"    listening on 127.0.0.1:{server.Port}");
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        report.PostgresVersion = PostgresMethod.Scalar(connection, "SHOW server_version");
        report.PostgresJit = PostgresMethod.Scalar(connection, "SHOW jit");
        Log($"    loading {data.AnswerCells:N0} answer rows with binary COPY ...");
        report.Load = PostgresMethod.Load(connection, data);
        Log($"    loaded in {report.Load.TotalSeconds:F1} s ({report.Load.AnswersBytes / 1048576.0:F0} MiB)");

        IReadOnlyList<(string Name, string Sql)> queries = options.SqlFile is { } file
            ? [($"--sql {Path.GetFileName(file)}", File.ReadAllText(file))]
            : PostgresMethod.Queries(data);
        foreach (var (name, sql) in queries)
        {
            Log($"    {name}: warm-up query ...");
            var (warmTotals, warmSeconds) = PostgresMethod.Query(connection, sql, parallelWorkers: 2);
            report.PostgresWarmUps.Add((name, warmSeconds));
            report.CompareWithEngine(engineTotals, warmTotals, $"{name}, warm-up");
            foreach (var (label, workers) in new[] { ("1", 0), (Report.PostgresParallel, 2) })
            {
                var times = new List<double>();
                for (var run = 0; run < options.PostgresRuns; run++)
                {
                    Log($"    {name}: max_parallel_workers_per_gather = {workers}, run {run + 1} of {options.PostgresRuns} ...");
                    var cpuBefore = PostgresMethod.BackendCpuSeconds(connection);
                    var (totals, seconds) = PostgresMethod.Query(connection, sql, workers);
                    times.Add(seconds);
                    if (workers == 0 && cpuBefore is { } before && PostgresMethod.BackendCpuSeconds(connection) is { } after)
                    {
                        report.PostgresCpu.Add((name, after - before));
                    }
                    report.CompareWithEngine(engineTotals, totals, $"{name}, {label}");
                }
                report.Add($"(b) PostgreSQL, one query: {name} (max_parallel_workers_per_gather = {workers})", label, times);
            }
            if (options.Explain)
            {
                Log($"    {name}: EXPLAIN ANALYZE ...");
                report.Plans.Add((name, 0, PostgresMethod.Explain(connection, sql, 0)));
                report.Plans.Add((name, 2, PostgresMethod.Explain(connection, sql, 2)));
            }
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
if (!report.ReferenceSame)
{
    Console.Error.WriteLine("FAILED: ScoringPlan and ScoringEngine totals differ");
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
    // Warm-up until tiered JIT has settled: at least 3 runs and 2 s (at most 200 runs).
    var warmUp = Stopwatch.StartNew();
    var result = run();
    for (var i = 1; i < 200 && (i < 3 || warmUp.Elapsed.TotalSeconds < 2); i++)
    {
        result = run();
    }
    var times = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        result = run();
        times.Add(watch.Elapsed.TotalSeconds);
    }
    return (result, times);
}

static double Time<T>(Func<T> run)
{
    var watch = Stopwatch.StartNew();
    GC.KeepAlive(run());
    return watch.Elapsed.TotalSeconds;
}

static void Log(FormattableString message) =>
    Console.Error.WriteLine(message.ToString(CultureInfo.InvariantCulture));

namespace OpenIta.Bench
{
    internal sealed record Options(double Scale, int Seed, int Runs, int PostgresRuns, string? Out, bool SkipPostgres, bool Explain, string? SqlFile, int RescoreAgencies, double ProfileSeconds = 0)
    {
        public const string Usage = """
            usage: openita-bench [--scale S] [--seed N] [--runs N] [--pg-runs N] [--out FILE] [--skip-pg] [--explain] [--sql FILE]
              --scale S     multiplies agencies and respondents (default 1.0: 8,325 agencies, 461,440 IIT and 907,795 EIT respondents)
              --seed N      seed of the generator (default 2567)
              --runs N      timed runs of (a) and (c), after warm-up runs (at least 3 and 2 s) (default 5)
              --pg-runs N   timed runs of the SQL query per parallelism setting, after one warm-up (default 2)
              --out FILE    also write the markdown report to FILE
              --skip-pg     do not run (b)
              --explain     add PostgreSQL's EXPLAIN ANALYZE of the query (both parallelism settings) to the report
              --sql FILE    time this query instead of the built-in one (experiments; same result columns: agency, total)
              --rescore N   also run (d): openita rescore end to end on a SQLite database of the first N agencies' raw answers
              --profile S   run only (a), single-threaded, for S seconds (to profile it: perf record with DOTNET_PerfMapEnabled=1)
            """;

        public static Options? Parse(string[] args)
        {
            var options = new Options(1.0, 2567, 5, 2, null, false, false, null, 0);
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
                        "--sql" => options with { SqlFile = Next() },
                        "--rescore" => options with { RescoreAgencies = int.Parse(Next(), CultureInfo.InvariantCulture) },
                        "--profile" => options with { ProfileSeconds = double.Parse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture) },
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
}
