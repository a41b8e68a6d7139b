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

    public void Add(string method, string what, IReadOnlyList<double> seconds, int perAgency = 1) =>
        _rows.Add((method, what, [.. seconds], perAgency));

    public string Markdown()
    {
        var md = new StringBuilder();
        Line(md, "# Documents: OpenITA's PDF against LibreOffice, and a national batch");
        Line(md, "");
        Line(md, $"Machine: {BenchmarkMachine.Describe()}. Source: {BenchmarkMachine.Source()}.");
        Line(md, $"Chromium: {Chromium()}. LibreOffice: {LibreOfficeVersion ?? LibreOfficeSkipped ?? "not run"}.");
        Line(md, $"Settings: --runs {options.Runs} --lo-batch {options.LibreOfficeBatch} --agencies {options.Agencies} --parallel {options.Parallel} --seed {options.Seed}. Whole run {TotalSeconds:F0} s.");
        Line(md, "");
        Line(md, $"## One agency: seed 000 (FY2565), {SeedDocuments} document(s), {SeedPdfBytes:#,0} bytes of PDF");
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
        if (Ratio(1, 0) is { } single)
        {
            Line(md, $"**Ratio, one agency, documents one after another: OpenITA is {single:F1}× faster than LibreOffice** (goal ≥ 10×).");
        }
        if (Ratio(1, 4) is { } together)
        {
            Line(md, $"**Ratio, one agency, its documents printed at once: {together:F1}×.**");
        }
        if (Ratio(2, 3) is { } batch)
        {
            Line(md, $"Ratio with LibreOffice's start amortised over {options.LibreOfficeBatch} agencies: {batch:F1}×.");
        }
        if (NationAgencies > 0)
        {
            Line(md, "");
            Line(md, $"## National batch: {NationAgencies:#,0} SYNTHETIC agencies, {options.Parallel} at a time");
            Line(md, "");
            Line(md, $"{NationDocuments:#,0} PDF documents ({NationBytes / 1048576.0:F0} MB) in {NationSeconds:F0} s: {NationAgencies / NationSeconds:F1} agencies per second, {NationSeconds / NationAgencies * 1000:F0} ms per agency. Peak working set of the .NET process: {PeakWorkingSet / 1048576.0:F0} MB.");
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

    private double? Ratio(int slow, int fast) =>
        _rows.Count > Math.Max(slow, fast)
            ? Median(_rows[slow].Seconds) / _rows[slow].PerAgency / (Median(_rows[fast].Seconds) / _rows[fast].PerAgency)
            : null;

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
