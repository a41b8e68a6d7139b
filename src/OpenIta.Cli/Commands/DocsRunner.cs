using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Migrations;
using OpenIta.Data.Agencies;
using OpenIta.Data.Documents;
using OpenIta.Data.Measures;
using OpenIta.Data.Plans;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;
using Spectre.Console;

namespace OpenIta.Cli.Commands;

/// <summary>
/// Runs a checked <c>docs</c> request: reads the database (read-only), builds the document with OpenIta.Reports and
/// renders it. A group is done one agency at a time — its results are read, its document built, rendered, written
/// and dropped before the next — with one Chromium for every PDF of the batch.
/// </summary>
internal static class DocsRunner
{
    public static async Task<int> RunAsync(CliContext context, DocsRequest request, FrameworkCatalog catalog)
    {
        var path = request.Db.FullName;
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, connection);
            // The file is opened read-only, so an older schema is not upgraded here: say so rather than fail on a column.
            if (!await SchemaMigrator.IsCurrentAsync(db))
            {
                var applied = (await SchemaMigrator.AppliedAsync(db)).Count;
                var known = SchemaMigrator.Known(db).Count;
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--db: {path} has an older schema ({applied} of this openita's {known} migrations applied); start the web application on it once (it upgrades the schema at start)"));
            }
            await using var renderer = new Renderer(request.Format);
            var source = new DocumentSource(db, catalog, request, context.Error, context.Clock);
            return request.Group is { } group
                ? await GroupAsync(context, request, source, renderer, group, path)
                : await AgencyAsync(context, request, source, renderer, request.Agency!, path);
        }
        catch (SqliteException e)
        {
            throw new UsageException($"--db: {path} is not an OpenITA SQLite database ({e.Message})");
        }
    }

    private static async Task<int> AgencyAsync(CliContext context, DocsRequest request, DocumentSource source, Renderer renderer, string slug, string path)
    {
        var agency = await source.Db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug)
            ?? throw new UsageException($"--agency: there is no agency '{slug}' in {path}");
        var outPath = request.Out.FullName;
        if (Directory.Exists(outPath))
        {
            throw new UsageException($"--out: {outPath} is a folder, not a file");
        }
        var built = await source.BuildAsync(agency) ?? throw new UsageException(await source.MissingAsync(agency));
        var bytes = await renderer.RenderAsync(built.Document);
        var folder = Path.GetDirectoryName(outPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await File.WriteAllBytesAsync(outPath, bytes);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{built.Label} ({request.Format}, {bytes.Length:#,0} bytes): {outPath}"));
        return CliApp.Ok;
    }

    private static async Task<int> GroupAsync(CliContext context, DocsRequest request, DocumentSource source, Renderer renderer, string slug, string path)
    {
        var group = await source.Db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug)
            ?? throw new UsageException($"--group: there is no agency '{slug}' in {path}");
        var folder = request.Out.FullName;
        if (File.Exists(folder))
        {
            throw new UsageException($"--out: {folder} is a file; with --group it is the folder to write into");
        }
        Directory.CreateDirectory(folder);

        // Only the ids, slugs and order of the group's agencies are held; each agency's data is read when its turn comes.
        var members = await source.Db.Agencies.AsNoTracking().Within(group.Path)
            .OrderBy(a => a.Path).Select(a => new { a.Id, a.Slug }).ToListAsync();
        var having = await source.AgenciesWithDocumentAsync(group.Path);
        var due = members.Where(m => having.Contains(m.Id)).ToList();
        var skipped = members.Count - due.Count;

        var written = 0;
        var failed = 0;
        // Documents are read and built one at a time (one DbContext); PDFs print on up to one page per core at once, so
        // at most that many documents are held, and the batch's memory does not grow with the group.
        var printing = request.Format == "pdf" ? Math.Max(1, Environment.ProcessorCount) : 1;
        var inFlight = new List<Task>();

        async Task WriteAsync(string agencySlug, ReportDocument document, Action done)
        {
            try
            {
                var round = request.Round is null ? "" : "-" + request.Round;
                var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
                    $"{agencySlug}-{request.Year}-{request.Kind.Name()}{round}.{request.Format}"));
                await File.WriteAllBytesAsync(file, await renderer.RenderAsync(document));
                Interlocked.Increment(ref written);
            }
            finally
            {
                done();
            }
        }

        // Builds one agency's document and starts writing it; returns once fewer than `printing` are being written.
        async Task OneAsync(int id, string agencySlug, Action done)
        {
            var agency = await source.Db.Agencies.AsNoTracking().SingleAsync(a => a.Id == id);
            LabelledDocument? built;
            try
            {
                built = await source.BuildAsync(agency);
            }
            catch (Exception e) when (e is UsageException or ScoreInputException or MeasurePlanException or FrameworkException or PlanException)
            {
                failed++;
                context.Error.WriteLine($"openita: {agencySlug}: {e.Message}");
                done();
                return;
            }
            if (built is null)
            {
                skipped++;
                done();
                return;
            }
            inFlight.Add(WriteAsync(agencySlug, built.Document, done));
            if (inFlight.Count >= printing)
            {
                var finished = await Task.WhenAny(inFlight);
                inFlight.Remove(finished);
                await finished; // a failure to print stops the batch, as it did one at a time
            }
        }

        if (Interactive(context))
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(Markup.Escape($"{request.Kind.Name()} {slug}"), maxValue: Math.Max(1, due.Count));
                    foreach (var member in due)
                    {
                        task.Description = Markup.Escape($"{request.Kind.Name()} {member.Slug}");
                        await OneAsync(member.Id, member.Slug, () => task.Increment(1));
                    }
                    await Task.WhenAll(inFlight);
                });
        }
        else
        {
            for (var i = 0; i < due.Count; i++)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}/{due.Count}] {due[i].Slug}"));
                await OneAsync(due[i].Id, due[i].Slug, () => { });
            }
            await Task.WhenAll(inFlight);
        }

        if (request.Kind == DocumentKind.Results)
        {
            var table = await source.GroupTableAsync(group);
            var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{slug}-{request.Year}-results-group.{request.Format}"));
            await File.WriteAllBytesAsync(file, await renderer.RenderAsync(table));
            context.Out.WriteLine($"ตารางผลของกลุ่ม · Group table: {file}");
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{written} {(written == 1 ? "document" : "documents")} written to {folder}, {skipped} {(skipped == 1 ? "agency" : "agencies")} skipped ({request.Kind.Lack()})");
        context.Out.WriteLine(failed > 0 ? string.Create(CultureInfo.InvariantCulture, $"{summary}, {failed} failed") : summary);
        return failed > 0 ? CliApp.Failed : CliApp.Ok;
    }

    /// <summary>A progress bar only for a person watching: stderr is the console's and a terminal.</summary>
    private static bool Interactive(CliContext context) =>
        ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>The renderer of the format; one Chromium for every PDF of a run, closed at its end.</summary>
    private sealed class Renderer(string format) : IAsyncDisposable
    {
        private readonly Lazy<PdfRenderer> _pdf = new(() => new PdfRenderer());

        public async Task<byte[]> RenderAsync(ReportDocument document) => format switch
        {
            "docx" => new DocxRenderer().Render(document),
            "xlsx" => new XlsxRenderer().Render(document),
            _ => await _pdf.Value.RenderAsync(document),
        };

        public async ValueTask DisposeAsync()
        {
            if (_pdf.IsValueCreated)
            {
                await _pdf.Value.DisposeAsync();
            }
        }
    }
}

/// <summary>A built document and the line that reports it.</summary>
internal sealed record LabelledDocument(ReportDocument Document, string Label);

/// <summary>Which agencies have the requested document, and each one's document from <see cref="AgencyDocuments"/>
/// (what the web downloads build too), its warnings on stderr.</summary>
internal sealed class DocumentSource(OpenItaDb db, FrameworkCatalog catalog, DocsRequest request, TextWriter warnings, TimeProvider clock)
{
    private readonly AgencyDocuments _documents = new(db, catalog, clock);

    public OpenItaDb Db => db;

    /// <summary>The ids of the group's agencies that have what the document needs for the year (a result, or a plan).</summary>
    public async Task<HashSet<int>> AgenciesWithDocumentAsync(string groupPath)
    {
        var inGroup = db.Agencies.AsNoTracking().Within(groupPath).Select(a => a.Id);
        var year = request.Year;
        if (request.Kind == DocumentKind.Plan)
        {
            return [.. await db.ActionPlans.AsNoTracking().Where(p => p.FirstYear <= year && p.LastYear >= year && inGroup.Contains(p.AgencyId))
                .Select(p => p.AgencyId).Distinct().ToListAsync()];
        }
        if (request.Kind is DocumentKind.Progress or DocumentKind.MeasuresReport)
        {
            var period = request.Round!;
            return [.. await db.ProgressRounds.AsNoTracking().Where(r => r.FiscalYear == year && r.Period == period && inGroup.Contains(r.AgencyId))
                .Select(r => r.AgencyId).Distinct().ToListAsync()];
        }
        var ids = request.Kind == DocumentKind.Measures
            ? await db.MeasurePlans.AsNoTracking()
                .Where(p => p.FiscalYear == request.Year && (!request.Published || p.Status == PlanStatus.Published) && inGroup.Contains(p.AgencyId))
                .Select(p => p.AgencyId).Distinct().ToListAsync()
            : await db.Results.AsNoTracking()
                .Where(r => r.FiscalYear == request.Year && inGroup.Contains(r.AgencyId))
                .Select(r => r.AgencyId).ToListAsync();
        return [.. ids];
    }

    /// <summary>The document of one agency, or null when it has no result (or no plan) for the year.</summary>
    public Task<LabelledDocument?> BuildAsync(Agency agency) => request.Kind switch
    {
        DocumentKind.Analysis => AnalysisAsync(agency),
        DocumentKind.Measures => MeasuresAsync(agency),
        DocumentKind.Plan => ActionPlanAsync(agency),
        DocumentKind.Progress => ProgressAsync(agency),
        DocumentKind.MeasuresReport => MeasuresReportAsync(agency),
        _ => ResultsAsync(agency),
    };

    /// <summary>The one-line reason an agency has no document, naming the option to change.</summary>
    public async Task<string> MissingAsync(Agency agency)
    {
        var year = request.Year.ToString(CultureInfo.InvariantCulture);
        if (request.Kind is DocumentKind.Plan or DocumentKind.Progress or DocumentKind.MeasuresReport)
        {
            var plans = await db.ActionPlans.AsNoTracking().Where(p => p.AgencyId == agency.Id).Select(p => new { p.FirstYear, p.LastYear }).ToListAsync();
            var covered = plans.SelectMany(p => Enumerable.Range(p.FirstYear, p.LastYear - p.FirstYear + 1)).ToList();
            if (request.Kind == DocumentKind.Plan || !covered.Contains(request.Year))
            {
                return $"--year: {agency.Slug} has no action plan for {year}" + Having(covered, "action plans");
            }
            var rounds = await db.ProgressRounds.AsNoTracking().Where(r => r.AgencyId == agency.Id && r.FiscalYear == request.Year)
                .Select(r => r.Period).ToListAsync();
            if (rounds.Contains(request.Round!))
            {
                return $"--year: {agency.Slug} has no measures for {year} (its measures plan answering the results of {request.Year - 1})";
            }
            return $"--round: {agency.Slug} has no round {request.Round} for {year}"
                + (rounds.Count == 0 ? " (it has no rounds that year)" : $" (it has {string.Join(", ", rounds.Order(StringComparer.Ordinal))})");
        }
        if (request.Kind == DocumentKind.Measures)
        {
            var years = await db.MeasurePlans.AsNoTracking().Where(p => p.AgencyId == agency.Id
                    && (!request.Published || p.Status == PlanStatus.Published))
                .Select(p => p.FiscalYear).Distinct().ToListAsync();
            var what = request.Published ? "no published measures plan" : "no measures plan";
            return $"--year: {agency.Slug} has {what} for {year}" + Having(years, request.Published ? "published plans" : "plans");
        }
        var results = await db.Results.AsNoTracking().Where(r => r.AgencyId == agency.Id).Select(r => r.FiscalYear).ToListAsync();
        return $"--year: {agency.Slug} has no result for {year}" + Having(results, "results");
    }

    private static string Having(List<int> years, string what) => years.Count == 0
        ? $" (it has no {what})"
        : $" (it has {string.Join(", ", years.Order().Select(y => y.ToString(CultureInfo.InvariantCulture)))})";

    private DigitStyle Digits => request.ThaiDigits ? DigitStyle.Thai : DigitStyle.Arabic;

    private LabelledDocument? Labelled(BuiltDocument? built, string label)
    {
        if (built is null)
        {
            return null;
        }
        foreach (var warning in built.Warnings)
        {
            warnings.WriteLine($"openita: warning: {warning.Thai} · {warning.English}");
        }
        return new LabelledDocument(built.Document, label);
    }

    private async Task<LabelledDocument?> AnalysisAsync(Agency agency) =>
        Labelled(await _documents.AnalysisAsync(agency, request.Year, Digits, request.Target), string.Create(CultureInfo.InvariantCulture,
            $"การวิเคราะห์ผล ITA · Analysis of {agency.Slug} FY{request.Year}"));

    private async Task<LabelledDocument?> MeasuresAsync(Agency agency)
    {
        var store = new MeasurePlanStore(db, clock);
        var revision = await store.LatestAsync(agency.Id, request.Year, request.Published);
        if (revision is null)
        {
            return null;
        }
        BuiltDocument? built;
        try
        {
            built = await _documents.MeasuresAsync(agency, revision, Digits);
        }
        catch (MeasurePlanException e)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"the measures plan of {agency.Slug} for {request.Year} (revision {revision.Revision}) is not valid: {e.Message}"));
        }
        if (built is null)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--year: there is no framework for {revision.Plan().ResultsYear.BuddhistEra}"));
        }
        return Labelled(built, string.Create(CultureInfo.InvariantCulture,
            $"มาตรการ · Measures of {agency.Slug} answering FY{request.Year} (revision {revision.Revision}, {revision.Status.ToString().ToLowerInvariant()})"));
    }

    private async Task<LabelledDocument?> ActionPlanAsync(Agency agency) =>
        Labelled(await _documents.ActionPlanAsync(agency, request.Year, Digits), string.Create(CultureInfo.InvariantCulture,
            $"แผนปฏิบัติการ · Action plan of {agency.Slug} covering FY{request.Year}"));

    private async Task<LabelledDocument?> ProgressAsync(Agency agency) =>
        Labelled(await _documents.ProgressReportAsync(agency, request.Year, request.Round!, Digits), string.Create(CultureInfo.InvariantCulture,
            $"รายงานผลการดำเนินการ · Progress report of {agency.Slug} FY{request.Year} round {request.Round}"));

    private async Task<LabelledDocument?> MeasuresReportAsync(Agency agency) =>
        Labelled(await _documents.MeasuresReportAsync(agency, request.Year, request.Round!, Digits), string.Create(CultureInfo.InvariantCulture,
            $"รายงานผลการดำเนินการตามมาตรการ · Measures report of {agency.Slug} FY{request.Year} round {request.Round}"));

    private async Task<LabelledDocument?> ResultsAsync(Agency agency) =>
        Labelled(await _documents.ResultAsync(agency, request.Year, Digits), string.Create(CultureInfo.InvariantCulture,
            $"ผลการประเมิน ITA · Result of {agency.Slug} FY{request.Year}"));

    /// <summary>The group's table (<see cref="AgencyDocuments.GroupTableAsync"/>).</summary>
    public Task<ReportDocument> GroupTableAsync(Agency group) => _documents.GroupTableAsync(group, request.Year, Digits);
}
