using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIta.Cli.Commands;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Migrations;
using OpenIta.Data.Results;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary>
/// <c>openita rescore</c>: a database with FY2567 results of raw answers under a complete (synthetic) framework, rescored
/// after a correction of the framework's answer scores.
/// </summary>
public sealed class RescoreCommandTests : IDisposable
{
    private const int Agencies = 12;

    private static readonly string SyntheticYaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "bench", "OpenIta.Bench", "synthetic-fy2567.yaml"));

    // The correction: the answer "มาก" scores 70, not 67.
    private static readonly string CorrectedYaml = SyntheticYaml.Replace("{ label: มาก, score: 67 }", "{ label: มาก, score: 70 }", StringComparison.Ordinal);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openita-cli-rescore-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Db => Path.Combine(_folder.FullName, "rescore.db");

    /// <summary>A folder of framework files with the synthetic FY2567, as given or corrected.</summary>
    private string Frameworks(string name, string yaml)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.FullName, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "fy2567.yaml"), yaml);
        return folder;
    }

    private static OpenItaDb Open(string file) => DatabaseEngines.Create(DatabaseEngine.Sqlite, $"Data Source={file};Pooling=False");

    /// <summary>One agency's input: raw answers to every survey (columns in the framework's order) and OIT item scores.</summary>
    private static string RawInput(Framework framework, int seed)
    {
        var random = new Random(seed);
        var plan = ScoringPlan.For(framework);
        var responses = plan.Surveys.ToDictionary(s => s.Code(), s => Enumerable.Range(0, random.Next(5, 30)).Select(_ =>
            plan.Columns(s).Where(_ => random.Next(50) > 0)
                .ToDictionary(c => c.Code, c => c.Scale!.Answers[random.Next(c.Scale.Answers.Count)].Label)).ToList());
        var oit = plan.OitItems.ToDictionary(o => o.Code, _ => random.Next(4) == 0 ? 0 : 100);
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["fiscalYear"] = 2567, ["responses"] = responses, ["oitItems"] = oit });
    }

    /// <summary>The database: agencies a01… with FY2567 results saved as the web application saves them, under <paramref name="catalog"/>.</summary>
    private async Task SeedAsync(FrameworkCatalog catalog)
    {
        await using var db = Open(Db);
        await SchemaMigrator.MigrateAsync(db);
        for (var a = 1; a <= Agencies; a++)
        {
            db.Agencies.Add(new Agency { Slug = string.Create(CultureInfo.InvariantCulture, $"a{a:D2}"), NameTh = string.Create(CultureInfo.InvariantCulture, $"หน่วยงาน {a}") });
        }
        await db.SaveChangesAsync();
        var agencies = await db.Agencies.OrderBy(a => a.Slug).ToListAsync();
        var results = agencies.Select((agency, i) =>
        {
            var json = RawInput(catalog.Get(new FiscalYear(2567)), i);
            return new ScoredResult(agency.Id, 2567, json, ResultStore.Score(json, catalog).Card);
        }).ToList();
        await ResultBatch.SaveAsync(db, results, "test", TimeProvider.System);
    }

    private async Task<Dictionary<string, (string? Total, string InputJson, HashSet<string> Scores)>> StoredAsync()
    {
        await using var db = Open(Db);
        var results = await db.Results.AsNoTracking().Include(r => r.Scores).Include(r => r.Agency).Where(r => r.FiscalYear == 2567).ToListAsync();
        return results.ToDictionary(r => r.Agency!.Slug, r => (r.TotalExact, r.InputJson,
            r.Scores.Select(s => $"{s.Level} {s.Code} {s.Hundredths} {s.Exact} {s.Given}").ToHashSet()));
    }

    private static HashSet<string> EngineScores(ScoreCard card) =>
        ResultStore.ScoresOf(card).Select(s => $"{s.Level} {s.Code} {s.Hundredths} {s.Exact} {s.Given}").ToHashSet();

    [Fact]
    public async Task A_corrected_framework_changes_every_total_to_the_engines_exact_values_through_the_compiled_plan()
    {
        var original = Frameworks("original", SyntheticYaml);
        var corrected = Frameworks("corrected", CorrectedYaml);
        await SeedAsync(FrameworkCatalog.FromFiles([("fy2567.yaml", SyntheticYaml)]));
        var before = await StoredAsync();

        var same = CliRunner.Run("rescore", "--db", Db, "--year", "2567", "--frameworks", original);
        Assert.True(same.ExitCode == CliApp.Ok, same.Error);
        Assert.Contains($"{Agencies} rescored ({Agencies} from raw answers through the compiled plan, 0 through the engine), 0 changed", same.Out, StringComparison.Ordinal);
        Assert.Contains($"{Agencies} unchanged, 0 refused", same.Out, StringComparison.Ordinal);

        var run = CliRunner.Run("rescore", "--db", Db, "--year", "2567", "--frameworks", corrected);
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains($"{Agencies} rescored ({Agencies} from raw answers through the compiled plan, 0 through the engine), {Agencies} changed ({Agencies} of them in their total)", run.Out, StringComparison.Ordinal);

        var after = await StoredAsync();
        var framework = FrameworkCatalog.FromFiles([("fy2567.yaml", CorrectedYaml)]).Get(new FiscalYear(2567));
        foreach (var (slug, stored) in after)
        {
            Assert.NotEqual(before[slug].Total, stored.Total);
            // The reference: the engine alone, on the stored input under the corrected year.
            var input = Core.Scoring.Json.ScoreInputReader.Read(stored.InputJson, _ => framework).Input;
            var reference = ScoringEngine.Score(framework, input);
            Assert.Equal(ResultStore.Exact(reference.Total), stored.Total);
            Assert.Equal(EngineScores(reference), stored.Scores);
        }
        await using var db = Open(Db);
        Assert.All(await db.Results.Where(r => r.FiscalYear == 2567).Select(r => r.UpdatedBy).ToListAsync(), by => Assert.Equal(RescoreCommand.SavedBy, by));
    }

    [Fact]
    public async Task A_result_that_no_longer_scores_is_refused_by_name_and_kept_while_the_others_are_saved()
    {
        await SeedAsync(FrameworkCatalog.FromFiles([("fy2567.yaml", SyntheticYaml)]));
        await using (var db = Open(Db))
        {
            // a03's stored input now names an OIT item the year does not have.
            var result = await db.Results.SingleAsync(r => r.Agency!.Slug == "a03");
            result.InputJson = result.InputJson.Replace("\"oitItems\":{", "\"oitItems\":{\"O99\":100,", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }
        var before = await StoredAsync();

        var run = CliRunner.Run("rescore", "--db", Db, "--year", "2567", "--frameworks", Frameworks("corrected", CorrectedYaml));
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Contains($"{Agencies - 1} changed", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 refused", run.Out, StringComparison.Ordinal);
        Assert.Contains("refused a03: oitItems.O99: no OIT item O99 in FY2567", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 result(s) of FY2567 could not be rescored", run.Error, StringComparison.Ordinal);

        var after = await StoredAsync();
        Assert.Equal(before["a03"].Total, after["a03"].Total);
        Assert.Equal(before["a03"].Scores, after["a03"].Scores);
        Assert.NotEqual(before["a04"].Total, after["a04"].Total);
    }

    [Fact]
    public async Task A_year_without_a_compiled_plan_is_rescored_by_the_engine_and_says_why()
    {
        var demo = Path.Combine(_folder.FullName, "demo.db");
        var made = CliRunner.Run("demo", "--db", demo);
        Assert.True(made.ExitCode == CliApp.Ok, made.Error);

        var run = CliRunner.Run("rescore", "--db", demo, "--year", "2565");
        Assert.True(run.ExitCode == CliApp.Ok, run.Error);
        Assert.Contains("0 from raw answers through the compiled plan", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 changed", run.Out, StringComparison.Ordinal);
        Assert.Contains("No compiled plan for FY2565", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 results read", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_database_or_a_year_without_a_framework_is_the_users_mistake()
    {
        var missing = CliRunner.Run("rescore", "--db", Path.Combine(_folder.FullName, "none.db"), "--year", "2567");
        Assert.Equal(CliApp.BadInput, missing.ExitCode);
        Assert.Contains("--db:", missing.Error, StringComparison.Ordinal);
        var year = CliRunner.Run("rescore", "--db", Db, "--year", "2599");
        Assert.Equal(CliApp.BadInput, year.ExitCode);
        Assert.Contains("--year: there is no framework for FY2599", year.Error, StringComparison.Ordinal);
    }
}
