using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Data;
using OpenIta.Data.Migrations;
using OpenIta.Data.Results;

namespace OpenIta.Cli.Commands;

/// <summary>
/// <c>openita rescore --db FILE --year YEAR</c>: scores every agency's stored result of a year again from its stored
/// input (raw answers, item or indicator scores) under the frameworks of this run (the built-in ones, or a corrected
/// year with <c>--frameworks DIR</c>), and saves those that changed in one transaction through <see cref="ResultBatch"/>
/// (a fixed number of SQL commands, whatever the number of results). Raw answers are counted through the year's
/// compiled <see cref="ScoringPlan"/> where the year compiles; everything else goes through the engine.
/// </summary>
public static class RescoreCommand
{
    /// <summary>Who the rescored results are saved by.</summary>
    public const string SavedBy = "openita rescore";

    public static Command Create(CliContext context)
    {
        var db = new Option<FileInfo>("--db") { Description = "The SQLite database file (as made by the web application or 'openita demo').", Required = true, HelpName = "FILE" };
        var year = new Option<int>("--year") { Description = "The fiscal year whose results are rescored (Buddhist Era), e.g. 2567.", Required = true, HelpName = "YEAR" };
        var command = new Command("rescore",
            "Score every agency's stored result of a year again (e.g. after a framework correction, with --frameworks) and save those that changed, all in one transaction.")
        {
            db, year,
        };
        command.SetAction(parsed => RunAsync(context, parsed.GetValue(db)!, parsed.GetValue(year), context.Frameworks(parsed)).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, FileInfo file, int year, FrameworkCatalog catalog)
    {
        if (year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--year: {year} is not a Buddhist Era fiscal year such as 2567"));
        }
        var framework = catalog.Find(new FiscalYear(year))
            ?? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--year: there is no framework for FY{year}"));
        if (!File.Exists(file.FullName))
        {
            throw new UsageException($"--db: {file.FullName} does not exist");
        }
        var path = file.FullName;
        try
        {
            var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
            await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, connection);
            if (!await SchemaMigrator.IsCurrentAsync(db))
            {
                var applied = (await SchemaMigrator.AppliedAsync(db)).Count;
                var known = SchemaMigrator.Known(db).Count;
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--db: {path} has an older schema ({applied} of this openita's {known} migrations applied); start the web application on it once (it upgrades the schema at start)"));
            }
            var watch = Stopwatch.StartNew();
            var summary = await RescoreAsync(db, year, catalog, context.Clock);
            summary.Seconds = watch.Elapsed.TotalSeconds;
            summary.WhyNotCompiled = ScoringPlan.TryFor(framework, out var whyNot) is null ? whyNot : null;
            summary.Write(context.Out, year);
            if (summary.Refused.Count > 0)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"openita: {summary.Refused.Count} result(s) of FY{year} could not be rescored (listed above); fix their input and run again"));
            }
            return summary.Refused.Count == 0 ? CliApp.Ok : CliApp.BadInput;
        }
        catch (SqliteException e)
        {
            throw new UsageException($"--db: {path} is not an OpenITA SQLite database ({e.Message})");
        }
    }

    /// <summary>Reads, scores and compares every result of the year; saves the changed ones in one transaction.</summary>
    internal static async Task<RescoreSummary> RescoreAsync(OpenItaDb db, int year, FrameworkCatalog catalog, TimeProvider clock)
    {
        var summary = new RescoreSummary();
        var stored = await db.Results.AsNoTracking().Where(r => r.FiscalYear == year)
            .Select(r => new { r.Id, r.AgencyId, r.Agency!.Slug, r.InputJson, r.TotalExact, r.RatingCode, r.Passed, r.DiscrepancyCount })
            .ToListAsync();
        var scores = (await db.ResultScores.AsNoTracking()
                .Where(s => db.Results.Any(r => r.Id == s.ResultId && r.FiscalYear == year))
                .Select(s => new { s.ResultId, s.Level, s.Code, s.Hundredths, s.Exact, s.Given })
                .ToListAsync())
            .ToLookup(s => s.ResultId, s => new StoredScore(s.Level, s.Code, s.Hundredths, s.Exact, s.Given));
        summary.Read = stored.Count;

        var changed = new List<ScoredResult>();
        foreach (var result in stored.OrderBy(r => r.Slug, StringComparer.Ordinal))
        {
            ScoreCard card;
            try
            {
                var scored = ResultStore.ScoreCompiled(result.InputJson, catalog);
                if (scored.Input.Year.BuddhistEra != year)
                {
                    summary.Refused.Add((result.Slug, string.Create(CultureInfo.InvariantCulture,
                        $"its stored input is for FY{scored.Input.Year.BuddhistEra}, not FY{year}")));
                    continue;
                }
                card = scored.Card;
                if (scored.Compiled)
                {
                    summary.Compiled++;
                }
                else
                {
                    summary.Engine++;
                }
            }
            catch (ScoreInputException e)
            {
                summary.Refused.Add((result.Slug, e.Message));
                continue;
            }
            var same = result.TotalExact == ResultStore.Exact(card.Total)
                && result.RatingCode == card.Rating?.Code
                && result.Passed == card.Passed
                && result.DiscrepancyCount == card.Discrepancies.Count
                && scores[result.Id].ToHashSet().SetEquals(ResultStore.ScoresOf(card).Select(s => new StoredScore(s.Level, s.Code, s.Hundredths, s.Exact, s.Given)));
            if (same)
            {
                summary.Unchanged++;
                continue;
            }
            if (result.TotalExact != ResultStore.Exact(card.Total))
            {
                summary.TotalChanged++;
            }
            changed.Add(new ScoredResult(result.AgencyId, year, result.InputJson, card));
        }
        summary.Changed = changed.Count;
        if (changed.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ResultBatch.SaveAsync(db, changed, RescoreCommand.SavedBy, clock);
            await transaction.CommitAsync();
            await DatabaseStatistics.RefreshAsync(db);
        }
        return summary;
    }

    private sealed record StoredScore(ScoreLevel Level, string Code, int Hundredths, string Exact, bool Given);
}

/// <summary>What a rescore did: how many results were read, scored by which path, changed, unchanged, refused and why.</summary>
internal sealed class RescoreSummary
{
    public int Read { get; set; }
    public int Compiled { get; set; }
    public int Engine { get; set; }
    public int Changed { get; set; }
    public int TotalChanged { get; set; }
    public int Unchanged { get; set; }
    public List<(string Slug, string Why)> Refused { get; } = [];
    public double Seconds { get; set; }

    /// <summary>Why the year has no compiled plan (then every result goes through the engine).</summary>
    public string? WhyNotCompiled { get; set; }

    public int Rescored => Compiled + Engine;

    public void Write(TextWriter output, int year)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"FY{year}: {Read} results read, {Rescored} rescored ({Compiled} from raw answers through the compiled plan, {Engine} through the engine), ");
        line += string.Create(CultureInfo.InvariantCulture,
            $"{Changed} changed ({TotalChanged} of them in their total) and saved, {Unchanged} unchanged, {Refused.Count} refused; {Seconds:F2} s.");
        output.WriteLine(line);
        if (WhyNotCompiled is not null && Rescored > 0)
        {
            output.WriteLine($"No compiled plan for FY{year.ToString(CultureInfo.InvariantCulture)}: {WhyNotCompiled}");
        }
        foreach (var (slug, why) in Refused)
        {
            output.WriteLine($"refused {slug}: {why} (its stored scores are left as they were)");
        }
    }
}
