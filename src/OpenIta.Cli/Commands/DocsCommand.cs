using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Analysis;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Results;
using OpenIta.Reports;
using OpenIta.Reports.Documents;
using OpenIta.Reports.Rendering;
using OpenIta.Reports.Thai;

namespace OpenIta.Cli.Commands;

/// <summary>
/// <c>openita docs analysis --db FILE --agency SLUG --year YEAR --format docx|pdf|xlsx --out FILE</c>: the analysis of
/// one agency's ITA result (document (a) of issue 4) from a SQLite database, with the earlier years it holds.
/// </summary>
public static class DocsCommand
{
    private static readonly string[] Formats = ["docx", "pdf", "xlsx"];

    public static Command Create(CliContext context)
    {
        var db = new Option<FileInfo>("--db") { Description = "The SQLite database file (as made by the web application or 'openita demo').", Required = true, HelpName = "FILE" };
        var agency = new Option<string>("--agency") { Description = "The agency's slug.", Required = true, HelpName = "SLUG" };
        var year = new Option<int>("--year") { Description = "The fiscal year (Buddhist Era), e.g. 2565.", Required = true, HelpName = "YEAR" };
        var format = new Option<string>("--format") { Description = "docx, pdf or xlsx.", Required = true, HelpName = "FORMAT" };
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true, HelpName = "FILE" };
        var thaiDigits = new Option<bool>("--thai-digits") { Description = "Write numbers with Thai digits (๐–๙)." };
        var target = new Option<decimal?>("--target") { Description = "The agency's own target for the total (e.g. 95); default: the pass mark.", HelpName = "SCORE" };
        var analysis = new Command("analysis", "The analysis of an agency's ITA result for one year: scores, ranking, instruments, year-over-year, tiers, target gap, themes.")
        {
            db, agency, year, format, output, thaiDigits, target,
        };
        analysis.SetAction(parsed => AnalysisAsync(
                context,
                new Request(parsed.GetValue(db)!, parsed.GetValue(agency)!, parsed.GetValue(year), parsed.GetValue(format)!,
                    parsed.GetValue(output)!, parsed.GetValue(thaiDigits), parsed.GetValue(target)),
                context.Frameworks(parsed))
            .GetAwaiter().GetResult());
        return new Command("docs", "Official documents from the database: DOCX, PDF or XLSX.") { analysis };
    }

    private sealed record Request(FileInfo Db, string Agency, int Year, string Format, FileInfo Out, bool ThaiDigits, decimal? Target);

    private static async Task<int> AnalysisAsync(CliContext context, Request request, FrameworkCatalog catalog)
    {
        var format = request.Format.Trim().ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            throw new UsageException($"--format: '{request.Format}' is not one of {string.Join(", ", Formats)}");
        }
        if (request.Target is { } t && !Score.IsValid(t))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--target: {t} is not a score from 0 to 100"));
        }
        var path = request.Db.FullName;
        if (!File.Exists(path))
        {
            throw new UsageException($"--db: {path} does not exist");
        }

        var (agency, results) = await ReadAsync(path, request.Agency);
        var current = results.SingleOrDefault(r => r.FiscalYear == request.Year) ?? throw new UsageException(
            string.Create(CultureInfo.InvariantCulture, $"--year: {agency.Slug} has no result for {request.Year}")
            + (results.Count == 0 ? " (it has no results)" : $" (it has {string.Join(", ", results.Select(r => r.FiscalYear).Order())})"));

        var (input, card, _) = ResultStore.Score(current.InputJson, catalog);
        var framework = catalog.Get(input.Year);
        var earlier = new List<ScoreCard>();
        foreach (var result in results.Where(r => r.FiscalYear < request.Year))
        {
            try
            {
                earlier.Add(ResultStore.Score(result.InputJson, catalog).Card);
            }
            catch (ScoreInputException e)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"openita: warning: the result of {result.FiscalYear} is left out of the comparison: {e.Message}"));
            }
        }
        var settings = AnalysisSettings.Default with { Target = request.Target };
        var report = ResultAnalysis.Analyse(framework, card, settings, earlier, input.OitItems);

        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(agency.NameEn))
        {
            lines.Add(agency.NameEn);
        }
        var today = DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime);
        var document = AnalysisDocument.Build(
            report, framework, card.Rating, new AnalysisAgency(agency.NameTh, lines),
            new AnalysisDocumentOptions(request.ThaiDigits ? DigitStyle.Thai : DigitStyle.Arabic, today));

        var bytes = await RenderAsync(document, format);
        var outPath = request.Out.FullName;
        if (Directory.Exists(outPath))
        {
            throw new UsageException($"--out: {outPath} is a folder, not a file");
        }
        var folder = Path.GetDirectoryName(outPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await File.WriteAllBytesAsync(outPath, bytes);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"การวิเคราะห์ผล ITA · Analysis of {agency.Slug} FY{request.Year} ({format}, {bytes.Length:#,0} bytes): {outPath}"));
        return CliApp.Ok;
    }

    private static async Task<byte[]> RenderAsync(ReportDocument document, string format)
    {
        switch (format)
        {
            case "docx":
                return new DocxRenderer().Render(document);
            case "xlsx":
                return new XlsxRenderer().Render(document);
            default:
                await using (var pdf = new PdfRenderer())
                {
                    return await pdf.RenderAsync(document);
                }
        }
    }

    /// <summary>The agency and all its results, read from the file without changing it.</summary>
    private static async Task<(Data.Agencies.Agency Agency, List<AgencyResult> Results)> ReadAsync(string path, string slug)
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, connection);
            var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug)
                ?? throw new UsageException($"--agency: there is no agency '{slug}' in {path}");
            var results = await db.Results.AsNoTracking().Where(r => r.AgencyId == agency.Id).ToListAsync();
            return (agency, results);
        }
        catch (SqliteException e)
        {
            throw new UsageException($"--db: {path} is not an OpenITA SQLite database ({e.Message})");
        }
    }
}
