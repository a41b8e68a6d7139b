using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Measures;
using OpenIta.Data.Migrations;
using OpenIta.Data.Plans;

namespace OpenIta.Cli.Commands;

/// <summary>
/// <c>openita plan import --db FILE --agency SLUG --file plan.json</c>: an agency's action plan with its progress
/// reports, in the JSON contract of issue 11 (<see cref="PlanJson"/>), into a SQLite database, all or nothing
/// (<see cref="PlanStore.ImportJsonAsync"/>). A file that breaks the contract exits 2 with one line naming the JSON
/// path of the fault (<c>items[0].items[1].kpis[0].target</c>), and the database is unchanged.
/// </summary>
public static class PlanCommand
{
    /// <summary>Who the audit trail says imported (the command line has no signed-in user).</summary>
    private static readonly PlanActor Actor = new(null, "openita plan import");

    public static Command Create(CliContext context)
    {
        var db = new Option<FileInfo>("--db") { Description = "The SQLite database file (as made by the web application or 'openita demo').", Required = true, HelpName = "FILE" };
        var agency = new Option<string>("--agency") { Description = "The agency's slug.", Required = true, HelpName = "SLUG" };
        var file = new Option<FileInfo>("--file") { Description = "The plan in the JSON contract (title, fiscalYears, levels, items, reports, measureReports).", Required = true, HelpName = "FILE" };
        var import = new Command("import", "Import an agency's action plan and its progress reports from JSON (replaces its plan of the same years while no round of it is closed).")
        {
            db, agency, file,
        };
        import.SetAction(parsed => ImportAsync(context, parsed.GetValue(db)!, parsed.GetValue(agency)!, parsed.GetValue(file)!).GetAwaiter().GetResult());
        return new Command("plan", "Action plans (แผนปฏิบัติการป้องกันการทุจริต) and their progress reports.") { import };
    }

    private static async Task<int> ImportAsync(CliContext context, FileInfo dbFile, string slug, FileInfo planFile)
    {
        if (!File.Exists(planFile.FullName))
        {
            throw new UsageException($"--file: {planFile.FullName} does not exist");
        }
        if (!File.Exists(dbFile.FullName))
        {
            throw new UsageException($"--db: {dbFile.FullName} does not exist");
        }
        var json = await File.ReadAllTextAsync(planFile.FullName);
        var connection = new SqliteConnectionStringBuilder { DataSource = dbFile.FullName, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        try
        {
            await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, connection);
            await SchemaMigrator.MigrateAsync(db);
            var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Slug == slug.Trim())
                ?? throw new UsageException($"--agency: there is no agency '{slug.Trim()}' in {dbFile.FullName}");
            ActionPlanRow row;
            try
            {
                row = await new PlanStore(db, context.Clock).ImportJsonAsync(agency, json, Actor);
            }
            catch (PlanException e)
            {
                throw new UsageException(OneLine(e.Message));
            }
            catch (PlanWorkflowException e)
            {
                throw new UsageException(OneLine(e.En));
            }
            var plan = row.Plan();
            var rounds = await db.ProgressRounds.AsNoTracking().Where(r => r.PlanId == row.Id).Select(r => r.Id).ToListAsync();
            var entries = await db.ProgressEntries.AsNoTracking().CountAsync(e => rounds.Contains(e.RoundId));
            var years = row.FirstYear == row.LastYear
                ? row.FirstYear.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{row.FirstYear}–{row.LastYear}");
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"แผนปฏิบัติการ · Plan FY{years} of {agency.Slug} imported: {plan.All().Count()} items, {plan.Kpis().Count()} KPIs, {rounds.Count} {(rounds.Count == 1 ? "round" : "rounds")}, {entries} {(entries == 1 ? "entry" : "entries")}."));
            return CliApp.Ok;
        }
        catch (SqliteException e)
        {
            throw new UsageException($"--db: {dbFile.FullName} is not an OpenITA SQLite database ({e.Message})");
        }
    }

    /// <summary>One line on stderr, whatever the message holds.</summary>
    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
