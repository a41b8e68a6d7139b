using System.Globalization;
using OpenIta.Testing;
using System.Text;

namespace OpenIta.Bench;

/// <summary>Collects the measurements and writes them as markdown.</summary>
internal sealed class Report(Options options, SyntheticData data)
{
    /// <summary>(a) and (b) must agree to this; they are expected to agree exactly.</summary>
    public const decimal FailAbove = 0.000000001m;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly List<Row> _rows = [];
    private readonly HashSet<int> _mismatched = [];
    private decimal _maxDifference;
    private long _compared;

    public double GenerateSeconds { get; init; }
    public double WholeSeconds { get; set; }
    public bool EngineParallelSame { get; set; }
    public int EngineMissing { get; set; }
    public decimal?[] EngineTotals { get; set; } = [];
    public bool ReferenceSame { get; set; }
    public IReadOnlyList<(string Name, string Value)> PostgresSettings { get; set; } = [];
    public double AllocatedPerAgency { get; set; }
    public double MainMemoryBytesPerSecond { get; set; }
    public int ExceptionsPerRun { get; set; }
    public RescoreMethod.Result? Rescore { get; set; }

    /// <summary>CPU seconds of the PostgreSQL server process per single-process query run, by query variant.</summary>
    public List<(string Query, double Seconds)> PostgresCpu { get; } = [];

    /// <summary>(c) time ÷ (a) time of each interleaved pair: the engine's share of the vectorised read.</summary>
    public List<double> PairedShares1 { get; } = [];
    public List<double> PairedSharesP { get; } = [];

    /// <summary>The same single-threaded pairs timed by the thread's CPU time, which the machine's other load does not inflate.</summary>
    public List<double> PairedCpuShares1 { get; } = [];
    public List<(double Engine, double Read)> PairedCpu { get; } = [];
    public string? PostgresSkipped { get; set; }
    public string? PostgresVersion { get; set; }
    public string? PostgresJit { get; set; }
    public LoadReport? Load { get; set; }
    public const string PostgresParallel = "1 + 2 workers";

    public List<(string Query, double Seconds)> PostgresWarmUps { get; } = [];
    public List<(string Query, int Workers, string Plan)> Plans { get; } = [];
    public List<string> Mismatches { get; } = [];

    private sealed record Row(string Method, string Threads, List<double> Seconds)
    {
        public double Median
        {
            get
            {
                var sorted = Seconds.Order().ToList();
                var mid = sorted.Count / 2;
                return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            }
        }
    }

    public void Add(string method, string threads, List<double> seconds) => _rows.Add(new Row(method, threads, seconds));

    public void CompareWithEngine(decimal?[] engine, Dictionary<int, decimal?> postgres, string run)
    {
        for (var a = 0; a < engine.Length; a++)
        {
            var id = data.Agencies[a].Id;
            var found = postgres.TryGetValue(id, out var sql);
            _compared++;
            if (engine[a] is { } x && found && sql is { } y)
            {
                var difference = Math.Abs(x - y);
                _maxDifference = Math.Max(_maxDifference, difference);
                if (difference <= FailAbove)
                {
                    continue;
                }
            }
            else if (engine[a] is null && found && sql is null)
            {
                continue;
            }
            if (_mismatched.Add(id) && Mismatches.Count < 50)
            {
                Mismatches.Add(string.Create(Invariant,
                    $"agency {id} ({run}): engine {engine[a]?.ToString(Invariant) ?? "null"}, SQL {(found ? sql?.ToString(Invariant) ?? "null" : "no row")}"));
            }
        }
        if (postgres.Count != engine.Length)
        {
            Mismatches.Add(string.Create(Invariant, $"({run}) SQL returned {postgres.Count} rows for {engine.Length} agencies"));
        }
    }

    /// <summary>The fastest row of a method at a thread count (for (b): the fastest query variant).</summary>
    private Row? Find(string prefix, string threads) =>
        _rows.Where(r => r.Method.StartsWith(prefix, StringComparison.Ordinal) && r.Threads == threads)
            .OrderBy(r => r.Median).FirstOrDefault();

    public string Markdown()
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.Append(text.ToString(Invariant)).Append('\n');

        Line($"# OpenITA scoring benchmark: engine vs PostgreSQL vs a plain read (SYNTHETIC FY2567-shaped data)");
        Line($"");
        Line($"- Machine: {BenchmarkMachine.Describe()}");
        Line($"- Engine measured: {BenchmarkMachine.Source()}");
        Line($"- PostgreSQL: {PostgresVersion ?? "not run"}{(PostgresJit is null ? "" : $" (jit = {PostgresJit}; {string.Join(", ", PostgresSettings.Where(x => x.Name != "listen_addresses").Select(x => $"{x.Name} = {x.Value.Trim('\'')}"))})")}");
        Line($"- Data (seed {options.Seed}, scale {options.Scale}): {data.Agencies.Length:N0} agencies; respondents IIT {data.Respondents[0]:N0} × {data.Columns[0].Count}, EIT1 {data.Respondents[1]:N0} × {data.Columns[1].Count}, EIT2 {data.Respondents[2]:N0} × {data.Columns[2].Count} (EIT {data.Respondents[1] + data.Respondents[2]:N0}); **{data.AnswerCells:N0} answer cells**; {data.Agencies.Length * data.Framework.OitItems.Count:N0} OIT item scores; ~{SyntheticData.UnansweredShare:P0} of cells unanswered; generated in {GenerateSeconds:F1} s");
        var sizes = data.Agencies.Select(a => a.Iit.Rows).Order().ToArray();
        Line($"- IIT respondents per agency: min {sizes[0]:N0}, median {sizes[sizes.Length / 2]:N0}, p99 {sizes[(int)(sizes.Length * 0.99)]:N0}, max {sizes[^1]:N0}");
        if (options.SqlFile is { } sqlFile)
        {
            Line($"- (b) query: from {sqlFile} (--sql), not the built-in one");
        }
        Line($"- Timing: Stopwatch; (a) and (c) median of {options.Runs} runs after warm-up runs (at least 3 and 2 s, for tiered JIT); (b) median of {options.PostgresRuns} runs per query variant and setting after 1 warm-up run, result rows read included, loading excluded; the parallel setting also sets parallel_setup_cost = 0 and parallel_tuple_cost = 0 (otherwise PostgreSQL does not parallelise the answer aggregation at all)");
        Line($"");
        Line($"| method | threads | median time | answers / s | runs (s) |");
        Line($"|---|---|---:|---:|---|");
        foreach (var row in _rows)
        {
            Line($"| {row.Method} | {row.Threads} | {Seconds(row.Median)} | {Throughput(row.Median)} | {string.Join(", ", row.Seconds.Select(x => x.ToString("F3", Invariant)))} |");
        }
        if (PostgresSkipped is not null)
        {
            Line($"| (b) PostgreSQL | – | {PostgresSkipped} | | |");
        }
        Line($"");

        var a1 = Find("(a) engine", "1");
        var ap = Find("(a) engine", Environment.ProcessorCount.ToString(Invariant));
        var c1 = Find("(c)", "1");
        var cp = Find("(c)", Environment.ProcessorCount.ToString(Invariant));
        var b1 = Find("(b)", "1");
        var bp = Find("(b)", PostgresParallel);
        string Ratio(Row? x, Row? y) => x is null || y is null ? "–" : (x.Median / y.Median).ToString("N1", Invariant) + "×";
        string Share(Row? x, Row? y) => x is null || y is null ? "–" : (x.Median / y.Median).ToString("P1", Invariant);
        string Verdict(Row? x, Row? y, double goal) => x is null || y is null ? "" : x.Median / y.Median >= goal ? " ✅" : " ❌";
        Line($"| ratio | single-threaded | parallel | goal |");
        Line($"|---|---:|---:|---|");
        Line($"| b/a: PostgreSQL time (fastest query variant) ÷ engine time | {Ratio(b1, a1)}{Verdict(b1, a1, 50)} | {Ratio(bp, ap)}{Verdict(bp, ap, 50)} | ≥ 50× |");
        Line($"| a/c: engine throughput ÷ vectorised-read throughput (medians of separate runs) | {Share(c1, a1)}{Verdict(c1, a1, 0.25)} | {Share(cp, ap)}{Verdict(cp, ap, 0.25)} | ≥ 25 % |");
        string Paired(List<double> shares) => shares.Count == 0 ? "–"
            : string.Create(Invariant, $"**{Median(shares):P1}** ({shares.Min():P1}–{shares.Max():P1}){(Median(shares) >= 0.25 ? " ✅" : " ❌")}");
        Line($"| a/c, paired: median of (c) ÷ (a) over {PairedShares1.Count} interleaved pairs (range) | {Paired(PairedShares1)} | {Paired(PairedSharesP)} | ≥ 25 % |");
        if (PairedCpuShares1.Count > 0)
        {
            Line($"| a/c, paired, by the thread's CPU time (the machine's load does not count) | {Paired(PairedCpuShares1)} | – | ≥ 25 % |");
        }
        if (PostgresCpu.Count > 0 && PairedCpu.Count > 0)
        {
            var engineCpu = Median(PairedCpu.Select(p => p.Engine).ToList());
            var best = PostgresCpu.GroupBy(p => p.Query).Select(g => (Query: g.Key, Seconds: Median(g.Select(x => x.Seconds).ToList()))).OrderBy(x => x.Seconds).First();
            Line($"| b/a by CPU time: the server process's CPU time for the fastest variant ({best.Query}, {best.Seconds:F2} s) ÷ the engine thread's ({engineCpu * 1000:F1} ms) | **{best.Seconds / engineCpu:N0}×**{(best.Seconds / engineCpu >= 50 ? " ✅" : " ❌")} | – | ≥ 50× |");
        }
        Line($"");
        if (PairedCpu.Count > 0)
        {
            Line($"- CPU time per pair (engine, read), ms: {string.Join("; ", PairedCpu.Select(p => string.Create(Invariant, $"{p.Engine * 1000:F1}, {p.Read * 1000:F2}")))}");
            Line($"");
        }
        if (MainMemoryBytesPerSecond > 0)
        {
            Line($"- Main memory: the same vectorised read over a 512 MiB block (far beyond the caches) runs at {MainMemoryBytesPerSecond / 1e9:F2} GB/s single-threaded; (c) reads the engine's arrays at {(c1 is null ? 0 : data.AnswerCells / c1.Median / 1e9):F2} GB/s.");
            Line($"");
        }

        if (Rescore is { } r)
        {
            Line($"## (d) The shipped path: `openita rescore`, end to end");
            Line($"");
            Line($"{r.Agencies:N0} agencies ({r.Cells:N0} answer cells; {r.JsonBytes / 1048576.0:N1} MiB of input JSON, the answers as labels) in a SQLite database, saved through ResultBatch as the web application saves them ({r.SeedSeconds:F1} s, not timed below).");
            Line($"");
            Line($"| run | time | per agency | ÷ bare loop |");
            Line($"|---|---:|---:|---:|");
            Line($"| bare loop: ScoringPlan.Score over the same agencies' matrices | {Seconds(r.BareLoopSeconds)} | {r.BareLoopSeconds / r.Agencies * 1e6:F1} µs | 1× |");
            Line($"| reference: ScoringEngine.Score over the same matrices | {Seconds(r.ReferenceSeconds)} | {r.ReferenceSeconds / r.Agencies * 1e6:F1} µs | {r.ReferenceSeconds / r.BareLoopSeconds:N0}× |");
            Line($"| `openita rescore`, same framework (read, parse, score through the plan, compare; nothing written) | {Seconds(r.UnchangedSeconds)} | {r.UnchangedSeconds / r.Agencies * 1e3:F2} ms | {r.UnchangedSeconds / r.BareLoopSeconds:N0}× |");
            Line($"| `openita rescore`, corrected framework (every result changed and saved in one transaction) | {Seconds(r.ChangedSeconds)} | {r.ChangedSeconds / r.Agencies * 1e3:F2} ms | {r.ChangedSeconds / r.BareLoopSeconds:N0}× |");
            Line($"| its steps, warm, apart: the input JSON read (labels matched to the scale, into matrices) | {Seconds(r.ParseSeconds)} | {r.ParseSeconds / r.Agencies * 1e3:F2} ms | {r.ParseSeconds / r.BareLoopSeconds:N0}× |");
            var stream = Median([.. r.StreamCpu]);
            var document = Median([.. r.DocumentCpu]);
            Line($"| its steps, by CPU time, median of {r.StreamCpu.Length} interleaved pairs: the streaming read (ScoreInputReader.Read) | {Seconds(stream)} | {stream / r.Agencies * 1e3:F2} ms | {stream / r.BareLoopSeconds:N0}× |");
            Line($"| the same inputs through the document reader it replaced (ScoreInputReader.ReadDocument, the reference) | {Seconds(document)} | {document / r.Agencies * 1e3:F2} ms | {document / r.BareLoopSeconds:N0}× |");
            Line($"| its steps: the score card through the plan (ScoringPlan.Card: counts, then the engine's levels, warnings, provenance) | {Seconds(r.CardSeconds)} | {r.CardSeconds / r.Agencies * 1e3:F2} ms | {r.CardSeconds / r.BareLoopSeconds:N0}× |");
            Line($"| its steps: the card's score rows (ResultStore.ScoresOf, what is compared and stored) | {Seconds(r.RowsSeconds)} | {r.RowsSeconds / r.Agencies * 1e3:F2} ms | {r.RowsSeconds / r.BareLoopSeconds:N0}× |");
            Line($"");
            Line($"- the document reader ÷ the streaming read, per pair: {string.Join(", ", r.DocumentCpu.Zip(r.StreamCpu, (d, x) => (d / x).ToString("F1", CultureInfo.InvariantCulture) + "×"))}");
            Line($"- same framework: {r.UnchangedSummary.ReplaceLineEndings(" ")}");
            Line($"- corrected: {r.ChangedSummary.ReplaceLineEndings(" ")}");
            Line($"");
        }

        Line($"## Correctness");
        Line($"");
        var totals = EngineTotals.Where(t => t is not null).Select(t => t!.Value).Order().ToArray();
        if (totals.Length > 0)
        {
            Line($"- Engine totals (synthetic, for plausibility): min {totals[0]:F2}, median {totals[totals.Length / 2]:F2}, max {totals[^1]:F2}; passing (≥ {data.Framework.PassMark}): {totals.Count(t => Math.Round(t, 2, MidpointRounding.AwayFromZero) >= data.Framework.PassMark) / (double)totals.Length:P1}");
        }
        Line($"- (a) single-threaded and Parallel.For totals identical: {(EngineParallelSame ? "yes" : "**NO**")}; agencies without an engine total: {EngineMissing}");
        if (Load is not null)
        {
            Line($"- (a) vs (b): {_compared:N0} agency totals compared over all SQL runs; max |engine − SQL| = {_maxDifference.ToString(Invariant)}; agencies differing by more than 1e-9: {_mismatched.Count}{(Mismatches.Count == 0 ? " ✅" : " ❌ FAILED")}");
            foreach (var mismatch in Mismatches.Take(10))
            {
                Line($"  - {mismatch}");
            }
        }
        else
        {
            Line($"- (a) vs (b): not checked, (b) did not run");
        }
        Line($"");

        Line($"- ScoringPlan (a) and the reference ScoringEngine give identical totals for every agency: {(ReferenceSame ? "yes ✅" : "**NO** ❌")}");
        Line($"- Allocated per agency by ScoringPlan.Score: {AllocatedPerAgency / 1024:N1} KiB; exceptions thrown (and caught: a sum that overflowed its integer type) in one run of (a): {ExceptionsPerRun:N0}");
        Line($"");

        if (Load is { } load)
        {
            Line($"## PostgreSQL loading (not part of (b)'s time)");
            Line($"");
            Line($"- {load.Rows:N0} rows into answers(agency int, instrument smallint, respondent int, item smallint, answer smallint) + small tables, binary COPY (Npgsql BeginBinaryImport, FREEZE): {load.CopySeconds:F1} s ({load.Rows / load.CopySeconds:N0} rows/s); with ANALYZE {load.TotalSeconds:F1} s");
            Line($"- answers table: {load.AnswersBytes / 1048576.0:N0} MiB ({(double)load.AnswersBytes / load.Rows:F1} bytes per answer; the engine holds 1 byte per answer); respondent-row tables of variant 3: {load.WideBytes / 1048576.0:N0} MiB ({(double)load.WideBytes / load.Rows:F1} bytes per answer)");
            foreach (var (query, seconds) in PostgresWarmUps)
            {
                Line($"- warm-up run of {query} (not counted; max_parallel_workers_per_gather = 2): {Seconds(seconds)}");
            }
            Line($"");
        }
        if (Plans.Count > 0 && options.SqlFile is null)
        {
            Line($"## The SQL");
            Line($"");
            foreach (var (name, sql) in PostgresMethod.Queries(data))
            {
                Line($"{name}:");
                Line($"");
                Line($"```sql");
                s.Append(sql).Append('\n');
                Line($"```");
                Line($"");
            }
        }
        foreach (var (query, workers, plan) in Plans)
        {
            Line($"## Query plan: {query}, max_parallel_workers_per_gather = {workers} (EXPLAIN ANALYZE, TIMING OFF)");
            Line($"");
            Line($"```");
            s.Append(plan).Append('\n');
            Line($"```");
            Line($"");
        }
        Line($"Whole run (generation, all methods, PostgreSQL start, load and stop): {WholeSeconds:F1} s.");
        return s.ToString();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string Seconds(double seconds) =>
        seconds >= 1 ? seconds.ToString("F2", Invariant) + " s" : (seconds * 1000).ToString("F1", Invariant) + " ms";

    private string Throughput(double seconds)
    {
        var perSecond = data.AnswerCells / seconds;
        return perSecond >= 1e9 ? (perSecond / 1e9).ToString("F2", Invariant) + " G"
            : perSecond >= 1e6 ? (perSecond / 1e6).ToString("F1", Invariant) + " M"
            : (perSecond / 1e3).ToString("F1", Invariant) + " k";
    }
}
