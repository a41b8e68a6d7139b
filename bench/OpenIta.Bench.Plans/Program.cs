using System.Diagnostics;
using System.Globalization;
using OpenIta.Bench.Docs;
using OpenIta.Core.Plans;
using OpenIta.Data.Demo;
using OpenIta.Reports;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;

// openita-bench-plans [--agencies N] [--parallel P] [--format pdf|docx|xlsx] [--seed S] [--out FILE]
// A national batch of progress reports: N synthetic agencies (8,325 by default), each with seed 004's plan (31 items,
// 29 KPIs, 5 levels) and a 12-month round whose actuals and money spent are drawn per agency (seeded); each agency's
// report is built (ProgressReportDocument, the figures by Achievement and BudgetRollup), rendered, written to disk and
// dropped; memory is sampled every tenth of the way. Inputs are made as they are consumed.
var agencies = 8325;
var parallel = 2;
var format = "pdf";
var seed = 2568;
string? outFile = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--agencies": agencies = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--parallel": parallel = Math.Max(1, int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
        case "--format": format = args[++i]; break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": outFile = args[++i]; break;
        default:
            Console.Error.WriteLine($"openita-bench-plans: unknown option {args[i]}");
            return 2;
    }
}

var template = PlanJson.Read(DemoData.SeedActionPlanJson());
var plan = template.Plan;
var round = template.Reports.Single();
var work = Directory.CreateTempSubdirectory("openita-bench-plans-").FullName;
var samples = new List<(int Done, double Seconds, ProcessMemory.Sample Memory)> { (0, 0, ProcessMemory.Take()) };
var watch = Stopwatch.StartNew();
var done = 0;
long bytes = 0;
var checkpoint = Math.Max(1, agencies / 10);
await using var pdf = new PdfRenderer();
try
{
    await Parallel.ForEachAsync(Enumerable.Range(1, agencies), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (n, cancellationToken) =>
    {
        var document = ProgressReportDocument.Build(plan, Synthetic(round, seed + n),
            new AnalysisAgency(string.Create(CultureInfo.InvariantCulture, $"หน่วยงานสังเคราะห์ที่ {n}"), []),
            new ProgressReportOptions(DigitStyle.Thai, new DateOnly(2025, 10, 15), 85m + n % 15));
        byte[] rendered = format switch
        {
            "docx" => new DocxRenderer().Render(document),
            "xlsx" => new XlsxRenderer().Render(document),
            _ => await pdf.RenderAsync(document, cancellationToken),
        };
        await File.WriteAllBytesAsync(Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"agency-{n}.{format}")), rendered, cancellationToken);
        Interlocked.Add(ref bytes, rendered.Length);
        var count = Interlocked.Increment(ref done);
        if (count % checkpoint == 0 || count == agencies)
        {
            var sample = ProcessMemory.Take();
            lock (samples)
            {
                samples.Add((count, watch.Elapsed.TotalSeconds, sample));
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {count,6:#,0} agencies  {watch.Elapsed.TotalSeconds,7:F1} s  heap {sample.ManagedHeap / 1048576.0,6:F1} MB  working set {sample.WorkingSet / 1048576.0,6:F1} MB  chromium {sample.ChildrenRss / 1048576.0,6:F1} MB"));
        }
    });
}
finally
{
    Directory.Delete(work, recursive: true);
}

var seconds = watch.Elapsed.TotalSeconds;
var md = new System.Text.StringBuilder();
md.Append(CultureInfo.InvariantCulture, $"# A national batch of progress reports (issue 11)\n\n");
md.Append(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {agencies:#,0} synthetic agencies, seed 004's plan ({plan.All().Count()} items, {plan.Kpis().Count()} KPIs) and a 12-month round each, {format}, {parallel} at a time.\n\n");
md.Append(CultureInfo.InvariantCulture, $"- {done:#,0} reports, {bytes / 1048576.0:F1} MB, in {seconds:F1} s: {done / seconds:F1} agencies per second, {seconds * 1000 / Math.Max(1, done):F0} ms per agency\n");
md.Append(CultureInfo.InvariantCulture, $"- extrapolated to 8,325 agencies: {seconds / Math.Max(1, done) * 8325 / 60:F1} min\n");
md.Append(CultureInfo.InvariantCulture, $"- peak working set {ProcessMemory.PeakWorkingSet() / 1048576.0:F0} MB\n\n");
md.Append("| agencies | s | managed heap MB | working set MB | Chromium RSS MB |\n|---:|---:|---:|---:|---:|\n");
foreach (var (n, s, m) in samples)
{
    md.Append(CultureInfo.InvariantCulture, $"| {n:#,0} | {s:F1} | {m.ManagedHeap / 1048576.0:F1} | {m.WorkingSet / 1048576.0:F1} | {m.ChildrenRss / 1048576.0:F1} |\n");
}
Console.WriteLine(md);
if (outFile is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
    File.WriteAllText(outFile, md.ToString());
}
return 0;

// The seed's round with its figures drawn for one agency: every count of a total, value and amount spent varied, the
// statuses and texts kept (the report's length is the seed's).
static ProgressRound Synthetic(ProgressRound round, int seed)
{
    var random = new Random(seed);
    decimal Vary(decimal v) => Math.Round(v * (0.7m + (decimal)random.NextDouble() * 0.6m), 2);
    var entries = round.Entries.Select(e => new ProgressEntry(e.Item, e.Measure, e.Text, e.Status, e.Reason,
        e.Spent is { } s ? Math.Round(Vary(s)) : null,
        [.. e.Actuals.Select(a => a switch
        {
            { IsFraction: true } => Actual.Fraction(a.Kpi, Math.Min(a.Of!.Value, Math.Round(Vary(a.Count!.Value))), a.Of!.Value),
            { Done: { } d } => Actual.YesNo(a.Kpi, random.Next(10) > 0 && d),
            _ => Actual.Number(a.Kpi, Math.Min(a.Value!.Value > 100 ? decimal.MaxValue : 100m, Vary(a.Value!.Value))),
        })],
        e.Outcome, e.Participants, e.Satisfaction)).ToList();
    return new ProgressRound(round.FiscalYear, round.Period, entries, null, null, round.Notes);
}
