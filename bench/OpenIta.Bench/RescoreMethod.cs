using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenIta.Cli;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Results;

namespace OpenIta.Bench;

/// <summary>
/// (d) The shipped path end to end: <c>openita rescore</c> on a SQLite database holding the first N synthetic agencies'
/// results as the application stores them (the input JSON with every respondent's answer labels), once under the same
/// framework (nothing changes: read, parse, score, compare) and once under a corrected one (every result changes and is
/// saved by ResultBatch in one transaction). Beside it, the bare loop (ScoringPlan.Score) over the same agencies.
/// </summary>
internal static class RescoreMethod
{
    public sealed record Result(int Agencies, long Cells, long JsonBytes, double SeedSeconds, double UnchangedSeconds, string UnchangedSummary,
        double ChangedSeconds, string ChangedSummary, double BareLoopSeconds, double ReferenceSeconds,
        double ParseSeconds, double CardSeconds, double RowsSeconds, double[] StreamCpu, double[] DocumentCpu);

    public static Result Run(SyntheticData data, int count, string frameworkYaml, ScoringPlan plan)
    {
        var folder = Directory.CreateTempSubdirectory("openita-bench-rescore-");
        try
        {
            var original = Directory.CreateDirectory(Path.Combine(folder.FullName, "original")).FullName;
            var corrected = Directory.CreateDirectory(Path.Combine(folder.FullName, "corrected")).FullName;
            File.WriteAllText(Path.Combine(original, "fy2567.yaml"), frameworkYaml);
            var fixedYaml = frameworkYaml.Replace("{ label: มาก, score: 67 }", "{ label: มาก, score: 70 }", StringComparison.Ordinal);
            if (fixedYaml == frameworkYaml)
            {
                throw new InvalidOperationException("The correction did not apply to the synthetic framework.");
            }
            File.WriteAllText(Path.Combine(corrected, "fy2567.yaml"), fixedYaml);
            var catalog = FrameworkCatalog.FromFiles([("fy2567.yaml", frameworkYaml)]);
            var agencies = data.Agencies.Take(count).ToList();
            var db = Path.Combine(folder.FullName, "rescore.db");

            var watch = Stopwatch.StartNew();
            var jsonBytes = Seed(db, data, agencies, catalog).GetAwaiter().GetResult();
            var seed = watch.Elapsed.TotalSeconds;

            var (unchanged, unchangedOut) = Cli(db, original);
            var (changed, changedOut) = Cli(db, corrected);

            var inputs = Methods.Inputs(plan, agencies);
            Methods.ScoreAllWithEngine(plan, inputs, parallel: false);
            watch.Restart();
            Methods.ScoreAllWithEngine(plan, inputs, parallel: false);
            var bare = watch.Elapsed.TotalSeconds;
            watch.Restart();
            Methods.ScoreAllWithReferenceEngine(data.Framework, agencies);
            var reference = watch.Elapsed.TotalSeconds;
            // Where rescore's time goes, each step warm and apart over the same inputs: the JSON read into an input
            // (answer labels matched to the scale, into matrices), the card through the plan, the score rows compared.
            var jsons = agencies.Select(a => InputJson(data, a)).ToList();
            var frameworkOf = (Func<FiscalYear, Framework?>)catalog.Find;
            var parsed = jsons.Select(j => ScoreInputReader.Read(j, frameworkOf).Input).ToList();
            watch.Restart();
            parsed = jsons.Select(j => ScoreInputReader.Read(j, frameworkOf).Input).ToList();
            var parse = watch.Elapsed.TotalSeconds;
            // The streaming read (what Read does) against the document reader it replaced (kept as the reference),
            // in interleaved pairs by the thread's CPU time.
            if (jsons.Any(j => StreamingInputReader.TryRead(j, frameworkOf) is null))
            {
                throw new InvalidOperationException("The streaming reader gave up on a stored input.");
            }
            GC.KeepAlive(jsons.Select(j => ScoreInputReader.ReadDocument(j, frameworkOf)).ToList());
            var streamCpu = new double[5];
            var documentCpu = new double[5];
            for (var pair = 0; pair < streamCpu.Length; pair++)
            {
                streamCpu[pair] = ThreadCpu.Time(() => jsons.Select(j => ScoreInputReader.Read(j, frameworkOf)).ToList());
                documentCpu[pair] = ThreadCpu.Time(() => jsons.Select(j => ScoreInputReader.ReadDocument(j, frameworkOf)).ToList());
            }
            var cards = parsed.Select(i => ScoringPlan.Card(data.Framework, i, out _)).ToList();
            watch.Restart();
            cards = parsed.Select(i => ScoringPlan.Card(data.Framework, i, out _)).ToList();
            var card = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var rows = cards.Sum(c => ResultStore.ScoresOf(c).Count());
            var rowsSeconds = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(rows);
            return new Result(count, agencies.Sum(a => a.Cells.Sum(c => (long)c.Length)), jsonBytes, seed, unchanged, unchangedOut, changed, changedOut, bare, reference,
                parse, card, rowsSeconds, streamCpu, documentCpu);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (double Seconds, string Out) Cli(string db, string frameworks)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var watch = Stopwatch.StartNew();
        var code = CliApp.Run(["rescore", "--db", db, "--year", "2567", "--frameworks", frameworks], TextReader.Null, output, error);
        var seconds = watch.Elapsed.TotalSeconds;
        if (code != CliApp.Ok)
        {
            throw new InvalidOperationException($"openita rescore failed ({code}): {error}");
        }
        return (seconds, output.ToString().Trim());
    }

    /// <summary>The database: one agency per synthetic agency, its FY2567 result saved as the web application saves it.</summary>
    private static async Task<long> Seed(string file, SyntheticData data, IReadOnlyList<AgencyData> agencies, FrameworkCatalog catalog)
    {
        await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, $"Data Source={file};Pooling=False");
        await SchemaMigrator.MigrateAsync(db);
        foreach (var agency in agencies)
        {
            db.Agencies.Add(new Agency { Slug = string.Create(CultureInfo.InvariantCulture, $"a{agency.Id}"), NameTh = string.Create(CultureInfo.InvariantCulture, $"หน่วยงาน {agency.Id}") });
        }
        await db.SaveChangesAsync();
        var ids = db.Agencies.ToDictionary(a => a.Slug, a => a.Id);
        long bytes = 0;
        var results = new List<ScoredResult>();
        foreach (var agency in agencies)
        {
            var json = InputJson(data, agency);
            bytes += json.Length;
            results.Add(new ScoredResult(ids[string.Create(CultureInfo.InvariantCulture, $"a{agency.Id}")], 2567, json, ResultStore.Score(json, catalog).Card));
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ResultBatch.SaveAsync(db, results, "bench", TimeProvider.System);
        await transaction.CommitAsync();
        return bytes;
    }

    /// <summary>The input JSON of <c>openita score</c>: every respondent's answer labels (unanswered left out) and the OIT item scores.</summary>
    private static string InputJson(SyntheticData data, AgencyData agency)
    {
        var responses = new Dictionary<string, List<Dictionary<string, string>>>();
        for (var i = 0; i < SyntheticData.SurveyInstruments.Length; i++)
        {
            var columns = data.Columns[i];
            var cells = agency.Cells[i];
            var rows = new List<Dictionary<string, string>>();
            for (var r = 0; r < cells.Length / columns.Count; r++)
            {
                var row = new Dictionary<string, string>();
                for (var c = 0; c < columns.Count; c++)
                {
                    var cell = cells[(r * columns.Count) + c];
                    if (cell > 0)
                    {
                        row[columns[c].Code] = columns[c].Scale!.Answers[cell - 1].Label;
                    }
                }
                rows.Add(row);
            }
            responses[SyntheticData.SurveyInstruments[i].Code()] = rows;
        }
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["fiscalYear"] = 2567,
            ["responses"] = responses,
            ["oitItems"] = agency.OitItems.ToDictionary(o => o.Key, o => o.Value),
        });
    }
}
