using System.Globalization;
using System.Text;
using OpenIta.Testing;

namespace OpenIta.Bench.Docs;

/// <summary>The benchmark's markdown report: the timings side by side, their ratios and the batch's memory.</summary>
internal sealed class Report(Options options)
{
    private readonly List<(string Method, string What, List<double> Seconds, int PerAgency)> _rows = [];

    public int SeedDocuments { get; set; }
    public double ColdPdfSeconds { get; set; }
    public long SeedPdfBytes { get; set; }
    public bool SeedPdfHasFigures { get; set; }
    public bool LibreOfficeHasFigures { get; set; }
    public string? LibreOfficeSkipped { get; set; }
    public string? LibreOfficeVersion { get; set; }
    public List<(int Agencies, double Seconds, ProcessMemory.Sample Memory)> Samples { get; } = [];
    public double NationSeconds { get; set; }
    public int NationAgencies { get; set; }
    public long NationDocuments { get; set; }
    public long NationBytes { get; set; }
    public long PeakWorkingSet { get; set; }
    public double TotalSeconds { get; set; }
    public List<int> SamplePages { get; set; } = [];
    public int WarmupAgencies { get; set; }
    public double WarmupCpuPerAgency { get; set; }
    public List<int> LibreOfficeSamplePages { get; set; } = [];
    public List<Round> Paired { get; } = [];
    public double NationCpuSeconds { get; set; }
    public string NationLoadBefore { get; set; } = "";
    public string NationLoadAfter { get; set; } = "";

    /// <summary>One paired round: (wall, CPU) seconds of each method over the same K agencies, and the load after it.</summary>
    public sealed record Round((double Wall, double Cpu) Cold, (double Wall, double Cpu) Warm,
        (double Wall, double Cpu) Sequential, (double Wall, double Cpu) Together, string Load);

    public void Add(string method, string what, IReadOnlyList<double> seconds, int perAgency = 1) =>
        _rows.Add((method, what, [.. seconds], perAgency));

    public string Markdown()
    {
        var md = new StringBuilder();
        Line(md, "# Documents: OpenITA's PDF against LibreOffice, and a national batch");
        Line(md, "");
        Line(md, $"Machine: {BenchmarkMachine.Describe()}. Source: {BenchmarkMachine.Source()}.");
        Line(md, $"Chromium: {Chromium()}. LibreOffice: {LibreOfficeVersion ?? LibreOfficeSkipped ?? "not run"}.");
        Line(md, $"Settings: --runs {options.Runs} --pair {options.PairAgencies} --agencies {options.Agencies} --parallel {options.Parallel} --seed {options.Seed}. Whole run {TotalSeconds:F0} s.");
        Line(md, "");
        Line(md, $"## Seed 000 (FY2565), {SeedDocuments} document(s), {SeedPdfBytes:#,0} bytes of PDF");
        Line(md, "");
        Line(md, "| method | what | runs | median s per agency | min s |");
        Line(md, "|---|---|---:|---:|---:|");
        foreach (var (method, what, seconds, perAgency) in _rows)
        {
            Line(md, $"| {method} | {what} | {seconds.Count} | {Median(seconds) / perAgency:F3} | {seconds.Min() / perAgency:F3} |");
        }
        Line(md, "");
        Line(md, $"The first OpenITA render, which starts Chromium, took {ColdPdfSeconds:F2} s (not in the medians).");
        Line(md, $"Both PDFs print seed 000's figures (pdftotext finds 89.21 and 77.68): OpenITA {Yes(SeedPdfHasFigures)}, LibreOffice {Yes(LibreOfficeHasFigures)}.");
        Line(md, "");
        Line(md, $"## Paired: {options.PairAgencies} real-size SYNTHETIC agencies per round, {Paired.Count} rounds");
        Line(md, "");
        Line(md, $"Before it is measured, OpenITA printed {WarmupAgencies} real-size agencies (warm-up: {WarmupCpuPerAgency * 1000:F0} ms of CPU per agency).");
        Line(md, $"An agency's pair (analysis, measures) prints to {string.Join(" + ", SamplePages)} pages with OpenITA and {string.Join(" + ", LibreOfficeSamplePages)} with LibreOffice (the first agency of the sample).");
        Line(md, "Methods, interleaved in each round over the same agencies, every one building its documents: (cold) LibreOffice, build + DOCX + one `soffice --convert-to pdf` process per document, one after another; (warm) LibreOffice, every document of the round converted by one `soffice` process; (seq) OpenITA, build + HTML + Chromium PDF, one document after another; (2×) OpenITA, the round's documents printed two at a time.");
        Line(md, "CPU = user + system time of this process and every process below it (Chromium, soffice), so the other engineers' load does not count; wall = the clock.");
        Line(md, "");
        if (Paired.Count > 0)
        {
            Line(md, "| round | load after | cold s/agency (wall, CPU) | warm | OpenITA seq | OpenITA 2× | cold ÷ seq (wall, CPU) | warm ÷ seq | warm ÷ 2× |");
            Line(md, "|---:|---|---|---|---|---|---|---|---|");
            var k = (double)options.PairAgencies;
            for (var i = 0; i < Paired.Count; i++)
            {
                var r = Paired[i];
                Line(md, $"| {i + 1} | {r.Load} | {r.Cold.Wall / k:F3}, {r.Cold.Cpu / k:F3} | {r.Warm.Wall / k:F3}, {r.Warm.Cpu / k:F3} | {r.Sequential.Wall / k:F3}, {r.Sequential.Cpu / k:F3} | {r.Together.Wall / k:F3}, {r.Together.Cpu / k:F3} | {r.Cold.Wall / r.Sequential.Wall:F1}×, {r.Cold.Cpu / r.Sequential.Cpu:F1}× | {r.Warm.Wall / r.Sequential.Wall:F1}×, {r.Warm.Cpu / r.Sequential.Cpu:F1}× | {r.Warm.Wall / r.Together.Wall:F1}×, {r.Warm.Cpu / r.Together.Cpu:F1}× |");
            }
            Line(md, "");
            Line(md, "| ratio (median of the rounds, range) | by CPU time | by wall time | goal |");
            Line(md, "|---|---:|---:|---|");
            Line(md, $"| cold LibreOffice ÷ OpenITA, one document after another | {Spread(Paired.Select(r => r.Cold.Cpu / r.Sequential.Cpu))} | {Spread(Paired.Select(r => r.Cold.Wall / r.Sequential.Wall))} | ≥ 10× |");
            Line(md, $"| warm LibreOffice ÷ OpenITA, one document after another | {Spread(Paired.Select(r => r.Warm.Cpu / r.Sequential.Cpu))} | {Spread(Paired.Select(r => r.Warm.Wall / r.Sequential.Wall))} | ≥ 5× |");
            Line(md, $"| warm LibreOffice ÷ OpenITA, two at a time | {Spread(Paired.Select(r => r.Warm.Cpu / r.Together.Cpu))} | {Spread(Paired.Select(r => r.Warm.Wall / r.Together.Wall))} | – |");
            Line(md, $"| cold LibreOffice ÷ OpenITA, two at a time | {Spread(Paired.Select(r => r.Cold.Cpu / r.Together.Cpu))} | {Spread(Paired.Select(r => r.Cold.Wall / r.Together.Wall))} | – |");
            Line(md, "");
            Line(md, $"OpenITA's CPU per agency (median): one after another {Median(Paired.Select(r => r.Sequential.Cpu / k).ToList()) * 1000:F0} ms, two at a time {Median(Paired.Select(r => r.Together.Cpu / k).ToList()) * 1000:F0} ms; LibreOffice cold {Median(Paired.Select(r => r.Cold.Cpu / k).ToList()) * 1000:F0} ms, warm {Median(Paired.Select(r => r.Warm.Cpu / k).ToList()) * 1000:F0} ms.");
        }
        if (NationAgencies > 0)
        {
            Line(md, "");
            Line(md, $"## National batch: {NationAgencies:#,0} SYNTHETIC agencies, {options.Parallel} at a time");
            Line(md, "");
            Line(md, $"{NationDocuments:#,0} PDF documents ({NationBytes / 1048576.0:F0} MB) in {NationSeconds:F0} s wall (load {NationLoadBefore} before, {NationLoadAfter} after): {NationSeconds / NationAgencies * 1000:F0} ms per agency, so {NationSeconds / NationAgencies * SyntheticNation.AgencyCount / 60:F1} minutes for {SyntheticNation.AgencyCount:#,0} at this load. Peak working set of the .NET process: {PeakWorkingSet / 1048576.0:F0} MB.");
            Line(md, $"CPU time of this process and its Chromium: {NationCpuSeconds:F0} s, {NationCpuSeconds / NationAgencies * 1000:F0} ms per agency; on this machine's {Environment.ProcessorCount} cores kept busy, {SyntheticNation.AgencyCount:#,0} agencies take at least {NationCpuSeconds / NationAgencies * SyntheticNation.AgencyCount / Environment.ProcessorCount / 60:F1} minutes (the wall time when nothing else runs, if the two printing at once keep both cores busy).");
            Line(md, "");
            Line(md, "| agencies done | seconds | managed heap MB | working set MB | Chromium processes RSS MB |");
            Line(md, "|---:|---:|---:|---:|---:|");
            foreach (var (agencies, seconds, memory) in Samples)
            {
                Line(md, $"| {agencies:#,0} | {seconds:F0} | {memory.ManagedHeap / 1048576.0:F1} | {memory.WorkingSet / 1048576.0:F1} | {memory.ChildrenRss / 1048576.0:F1} |");
            }
        }
        return md.ToString();
    }

    private static string Spread(IEnumerable<double> ratios)
    {
        var list = ratios.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"**{Median(list):F1}×** ({list.Min():F1}–{list.Max():F1})");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string Chromium()
    {
        try
        {
            var path = OpenIta.Reports.Rendering.PdfRenderer.DefaultChromium;
            var start = new System.Diagnostics.ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = System.Diagnostics.Process.Start(start)!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return $"{version} ({path})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }

    private static void Line(StringBuilder md, FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder md, string text) => md.AppendLine(text);
}
