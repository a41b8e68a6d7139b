using System.Diagnostics;
using System.Globalization;
using OpenIta.Bench.Docs;
using OpenIta.Core.Methodology;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Testing;

var whole = Stopwatch.StartNew();
if (Options.Parse(args) is not { } options)
{
    return 2;
}
if (!File.Exists(PdfRenderer.DefaultChromium))
{
    Console.Error.WriteLine($"Chromium not found at {PdfRenderer.DefaultChromium} (apt-get install -y chromium-headless-shell fonts-thai-tlwg)");
    return 2;
}
var catalog = FrameworkCatalog.BuiltIn;
var framework = catalog.Get(new FiscalYear(2565));
var report = new Report(options);
var work = Directory.CreateTempSubdirectory("openita-bench-docs-").FullName;
try
{
    await using var pdf = new PdfRenderer();
    var docx = new DocxRenderer();

    // (1) one agency: seed 000's result (สำนักเลขาธิการนายกรัฐมนตรี FY2565), OpenITA's PDF against LibreOffice's.
    var seed = SeedAgency.Documents(catalog);
    report.SeedDocuments = seed.Count;
    var watch = Stopwatch.StartNew();
    var firstPdf = await RenderPdfAsync(pdf, seed);
    report.ColdPdfSeconds = watch.Elapsed.TotalSeconds;
    report.SeedPdfBytes = firstPdf.Sum(b => b.Length);
    report.SeedPdfHasFigures = PdfText.Contains(firstPdf[0], work, "89.21", "77.68");
    var openIta = new List<double>();
    for (var run = 0; run < options.Runs; run++)
    {
        watch.Restart();
        await RenderPdfAsync(pdf, SeedAgency.Documents(catalog));
        openIta.Add(watch.Elapsed.TotalSeconds);
    }
    report.Add("OpenITA: build + HTML + Chromium PDF (browser running)", "seed 000, " + Plural(seed.Count, "document"), openIta);

    // Real-size agencies: a synthetic result with every question and every OIT item, and seed 000's published
    // measures plan (many measures; 18 pages), so that an agency's pair runs to seed 000's ~23 pages.
    var (seedPlan, seedApproval) = SeedAgency.Plan();
    IReadOnlyList<ReportDocument> RealSize((string Slug, string NameTh, string InputJson) agency) =>
        AgencyDocuments.Build(catalog, agency.NameTh, agency.InputJson, seedPlan, seedApproval);
    var sample = SyntheticNation.Agencies(framework, options.PairAgencies, options.Seed).ToList();
    var samplePdf = await RenderPdfAsync(pdf, RealSize(sample[0]));
    report.SamplePages = samplePdf.Select(PdfText.Pages).ToList();

    // Warm-up: a server prints for days, so its code is measured after the runtime's tiered compilation has settled
    // (it costs this process ~80 ms per agency over the first few dozen agencies, ~10 ms after); LibreOffice's warm-up
    // is its profile's first conversion, below.
    // OpenITA's two methods: the agencies' documents printed one after another, and the sample's P at a time.
    async Task OneAfterAnotherAsync(IEnumerable<(string Slug, string NameTh, string InputJson)> agencies)
    {
        foreach (var agency in agencies)
        {
            await RenderPdfAsync(pdf, RealSize(agency));
        }
    }
    Task AtOnceAsync() => Parallel.ForEachAsync(sample.SelectMany(RealSize), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel },
        async (document, token) => await pdf.RenderAsync(document, token));

    var warmup = ProcessCpu.Now();
    await OneAfterAnotherAsync(SyntheticNation.Agencies(framework, options.Warmup, options.Seed + 2));
    report.WarmupAgencies = options.Warmup;
    report.WarmupCpuPerAgency = options.Warmup == 0 ? 0 : (ProcessCpu.Now() - warmup) / options.Warmup;

    if (options.OpenItaOnly)
    {
        // OpenITA alone: CPU per real-size agency, one document after another and two at a time, R rounds.
        for (var round = 0; round < options.Runs; round++)
        {
            var self = Process.GetCurrentProcess().TotalProcessorTime;
            var sequential = await ProcessCpu.MeasureAsync(() => OneAfterAnotherAsync(sample));
            var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime - self).TotalSeconds;
            var together = await ProcessCpu.MeasureAsync(AtOnceAsync);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which this .NET process {selfCpu / sample.Count * 1000:F0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: CPU per agency {sequential.Cpu / sample.Count * 1000:F0} ms one after another, {together.Cpu / sample.Count * 1000:F0} ms {options.Parallel} at a time; wall {sequential.Wall / sample.Count * 1000:F0} / {together.Wall / sample.Count * 1000:F0} ms; load {Load()}"));
        }
        Console.WriteLine($"pages of the first agency's documents: {string.Join(" + ", report.SamplePages)}");
        return 0;
    }

    if (LibreOffice.Unavailable() is { } why)
    {
        report.LibreOfficeSkipped = why;
    }
    else
    {
        report.LibreOfficeVersion = LibreOffice.Version();
        using var office = new LibreOffice();
        var files = WriteDocx(docx, SeedAgency.Documents(catalog), work, "seed000");
        office.Convert(files, work); // warm-up: makes the profile
        var converted = Path.Combine(work, Path.GetFileNameWithoutExtension(files[0]) + ".pdf");
        report.LibreOfficeHasFigures = PdfText.Contains(File.ReadAllBytes(converted), work, "89.21", "77.68");
        var loSample = WriteDocx(docx, RealSize(sample[0]), work, "sample");
        office.Convert(loSample, work);
        report.LibreOfficeSamplePages = loSample.Select(f => PdfText.Pages(File.ReadAllBytes(Path.Combine(work, Path.GetFileNameWithoutExtension(f) + ".pdf")))).ToList();

        // Paired: the four methods over the same K real-size agencies, interleaved round by round, so that a change
        // of the machine's load hits all of them; each timed by wall clock and by the CPU time of this process and
        // every process below it (Chromium, soffice). Building the documents is inside every method.
        for (var round = 0; round < options.Runs; round++)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  paired round {round + 1} of {options.Runs} ({sample.Count} agencies) ..."));
            var cold = await ProcessCpu.MeasureAsync(() =>
            {
                // One soffice process per document, one document after another.
                foreach (var agency in sample)
                {
                    foreach (var file in WriteDocx(docx, RealSize(agency), work, agency.Slug))
                    {
                        office.Convert([file], work);
                    }
                }
                return Task.CompletedTask;
            });
            var warm = await ProcessCpu.MeasureAsync(() =>
            {
                // One soffice process converting every document of the K agencies: warm after its first.
                var all = new List<string>();
                foreach (var agency in sample)
                {
                    all.AddRange(WriteDocx(docx, RealSize(agency), work, agency.Slug));
                }
                office.Convert(all, work);
                return Task.CompletedTask;
            });
            var sequential = await ProcessCpu.MeasureAsync(() => OneAfterAnotherAsync(sample));
            var together = await ProcessCpu.MeasureAsync(AtOnceAsync);
            report.Paired.Add(new Report.Round(cold, warm, sequential, together, Load()));
        }
    }

    // (2) the nation: every agency's documents, P at a time, memory sampled as it goes.
    if (options.Agencies > 0)
    {
        var output = Directory.CreateDirectory(Path.Combine(work, "nation")).FullName;
        report.Samples.Add((0, 0, ProcessMemory.Take()));
        report.NationLoadBefore = Load();
        var cpuBefore = ProcessCpu.Now();
        watch.Restart();
        var done = 0;
        var documents = 0L;
        var bytes = 0L;
        var checkpoint = Math.Min(100, Math.Max(1, options.Agencies / 10));
        await Parallel.ForEachAsync(
            SyntheticNation.Agencies(framework, options.Agencies, options.Seed + 1),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallel },
            async (agency, cancellationToken) =>
            {
                var built = RealSize(agency);
                var rendered = await RenderPdfAsync(pdf, built);
                for (var i = 0; i < rendered.Count; i++)
                {
                    await File.WriteAllBytesAsync(Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"{agency.Slug}-{i + 1}.pdf")), rendered[i], cancellationToken);
                    Interlocked.Add(ref bytes, rendered[i].Length);
                }
                Interlocked.Add(ref documents, rendered.Count);
                var n = Interlocked.Increment(ref done);
                if (n % checkpoint == 0 || n == options.Agencies)
                {
                    var sample = ProcessMemory.Take();
                    lock (report.Samples)
                    {
                        report.Samples.Add((n, watch.Elapsed.TotalSeconds, sample));
                    }
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {n,6:#,0} agencies  {watch.Elapsed.TotalSeconds,7:F1} s  heap {sample.ManagedHeap / 1048576.0,6:F1} MB  working set {sample.WorkingSet / 1048576.0,6:F1} MB  chromium {sample.ChildrenRss / 1048576.0,6:F1} MB"));
                }
            });
        report.NationSeconds = watch.Elapsed.TotalSeconds;
        report.NationCpuSeconds = ProcessCpu.Now() - cpuBefore;
        report.NationLoadAfter = Load();
        report.NationAgencies = done;
        report.NationDocuments = documents;
        report.NationBytes = bytes;
        report.PeakWorkingSet = ProcessMemory.PeakWorkingSet();
    }
}
finally
{
    if (options.Keep)
    {
        Console.Error.WriteLine($"kept the documents in {work}");
    }
    else
    {
        Directory.Delete(work, recursive: true);
    }
}
report.TotalSeconds = whole.Elapsed.TotalSeconds;
var markdown = report.Markdown();
Console.WriteLine(markdown);
if (options.Out is { } file)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
    File.WriteAllText(file, markdown);
}
return report.SeedPdfHasFigures ? 0 : 1;

static async Task<IReadOnlyList<byte[]>> RenderPdfAsync(PdfRenderer pdf, IReadOnlyList<ReportDocument> documents)
{
    var rendered = new List<byte[]>(documents.Count);
    foreach (var document in documents)
    {
        rendered.Add(await pdf.RenderAsync(document));
    }
    return rendered;
}

static List<string> WriteDocx(DocxRenderer docx, IReadOnlyList<ReportDocument> documents, string folder, string name)
{
    var files = new List<string>();
    for (var i = 0; i < documents.Count; i++)
    {
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{name}-{i + 1}.docx"));
        File.WriteAllBytes(file, docx.Render(documents[i]));
        files.Add(file);
    }
    return files;
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static string Plural(int n, string noun) => string.Create(CultureInfo.InvariantCulture,
    $"{n:#,0} {(n == 1 ? noun : noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s")}");
