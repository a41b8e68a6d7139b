using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenIta.Core.Methodology;
using OpenIta.Data;
using OpenIta.Data.Migrations;
using OpenIta.Data.Surveys;

namespace OpenIta.Cli.Commands;

/// <summary>
/// <c>openita questionnaire export --db FILE --year YEAR [--format yaml|xlsx] --out FILE</c> and
/// <c>openita questionnaire import --db FILE --file FILE</c> (issue 12, item 2): the page /admin/questionnaires on the
/// command line, through the same code (<see cref="QuestionnaireFiles"/> reads and checks a file,
/// <see cref="Questionnaires.AddAsync"/> keeps it as a new version; a version is never changed). An import takes the
/// year the file names; a file with mistakes exits 2 with one line per mistake naming the sheet, row and column (or the
/// YAML field), in Thai and English, and the database is unchanged.
/// </summary>
public static class QuestionnaireCommand
{
    /// <summary>Who the versions say added them (the command line has no signed-in user).</summary>
    private const string Actor = "openita questionnaire import";

    internal static readonly string[] Formats = ["yaml", "xlsx"];

    public static Command Create(CliContext context)
    {
        var exportDb = DbOption();
        var year = new Option<int>("--year") { Description = "The fiscal year (Buddhist Era), e.g. 2567.", Required = true, HelpName = "YEAR" };
        var format = new Option<string?>("--format") { Description = "yaml or xlsx (default: from the --out file's extension, else yaml).", HelpName = "FORMAT" };
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true, HelpName = "FILE" };
        var export = new Command("export", "Write a year's newest questionnaire (the framework file's questions when none is stored) as YAML or as an XLSX workbook (sheets survey, choices, settings, sources).")
        {
            exportDb, year, format, output,
        };
        export.SetAction(parsed => ExportAsync(context, parsed, parsed.GetValue(exportDb)!, parsed.GetValue(year), parsed.GetValue(format),
            parsed.GetValue(output)!).GetAwaiter().GetResult());

        var importDb = DbOption();
        var file = new Option<FileInfo>("--file") { Description = "The questionnaire as YAML or XLSX (as exported, edited).", Required = true, HelpName = "FILE" };
        var import = new Command("import", "Check a questionnaire file and keep it as a new version of the year it names (the same file as the newest version adds none).")
        {
            importDb, file,
        };
        import.SetAction(parsed => ImportAsync(context, parsed, parsed.GetValue(importDb)!, parsed.GetValue(file)!).GetAwaiter().GetResult());
        return new Command("questionnaire", "The IIT and EIT questionnaires of each fiscal year (แบบสอบถาม), versioned.") { export, import };
    }

    private static Option<FileInfo> DbOption() =>
        new("--db") { Description = "The SQLite database file (as made by the web application or 'openita demo').", Required = true, HelpName = "FILE" };

    private static async Task<int> ExportAsync(CliContext context, ParseResult parsed, FileInfo dbFile, int year, string? format, FileInfo output)
    {
        if (format is not null && !Formats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            throw new UsageException($"--format: '{format}' is not one of {string.Join(", ", Formats)}");
        }
        var catalog = context.Frameworks(parsed);
        if (year < FiscalYear.MinimumBe || year > FiscalYear.MaximumBe || catalog.Find(new FiscalYear(year)) is null)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--year: there is no framework for FY{year}"));
        }
        var xlsx = format is null ? output.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) : format.Equals("xlsx", StringComparison.OrdinalIgnoreCase);
        await using var db = await OpenAsync(dbFile);
        try
        {
            var (definition, number) = (await Questionnaires.ForDownloadAsync(db, catalog, year, null))!.Value;
            await File.WriteAllBytesAsync(output.FullName, xlsx ? QuestionnaireFiles.Xlsx(definition) : QuestionnaireFiles.Yaml(definition));
            var what = number is { } n
                ? string.Create(CultureInfo.InvariantCulture, $"version {n}")
                : "the framework file's questions (no version stored yet)";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"แบบสอบถาม · Questionnaire FY{year}, {what}: {output.FullName}"));
            return CliApp.Ok;
        }
        catch (SqliteException e)
        {
            throw NotADatabase(dbFile, e);
        }
    }

    private static async Task<int> ImportAsync(CliContext context, ParseResult parsed, FileInfo dbFile, FileInfo file)
    {
        var catalog = context.Frameworks(parsed);
        if (!File.Exists(file.FullName))
        {
            throw new UsageException($"--file: {file.FullName} does not exist");
        }
        var content = await File.ReadAllBytesAsync(file.FullName);
        if (QuestionnaireFiles.ReadWithItsYear(content, catalog, out var year, out var problems) is not { } definition)
        {
            foreach (var problem in problems)
            {
                context.Error.WriteLine($"openita: {file.Name}: {Where(problem)}{problem.Message.Thai} · {problem.Message.English}");
            }
            return CliApp.BadInput;
        }
        await using var db = await OpenAsync(dbFile);
        try
        {
            var newest = await Questionnaires.NewestAsync(db, year);
            var version = await Questionnaires.AddAsync(db, catalog, year, definition, file.Name, Actor, context.Clock);
            context.Out.WriteLine(version.Number == newest?.Number
                ? string.Create(CultureInfo.InvariantCulture, $"แบบสอบถาม · Questionnaire FY{year}: the same as version {version.Number}, no new version.")
                : string.Create(CultureInfo.InvariantCulture, $"แบบสอบถาม · Questionnaire FY{year} saved as version {version.Number}."));
            return CliApp.Ok;
        }
        catch (SqliteException e)
        {
            throw NotADatabase(dbFile, e);
        }
    }

    /// <summary>"sheet survey, row 5, column indicator: " or "field fiscalYear: ", in both languages.</summary>
    private static string Where(QuestionnaireProblem problem)
    {
        if (problem.Sheet is { } sheet)
        {
            var row = problem.Row?.ToString(CultureInfo.InvariantCulture) ?? "–";
            return $"แผ่นงาน {sheet} แถว {row} คอลัมน์ {problem.Column} · sheet {sheet}, row {row}, column {problem.Column}: ";
        }
        return problem.Column is { Length: > 0 } field ? $"ช่อง {field} · field {field}: " : "";
    }

    private static async Task<OpenItaDb> OpenAsync(FileInfo dbFile)
    {
        if (!File.Exists(dbFile.FullName))
        {
            throw new UsageException($"--db: {dbFile.FullName} does not exist");
        }
        var connection = new SqliteConnectionStringBuilder { DataSource = dbFile.FullName, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, connection);
        try
        {
            await SchemaMigrator.MigrateAsync(db);
            return db;
        }
        catch (SqliteException e)
        {
            await db.DisposeAsync();
            throw NotADatabase(dbFile, e);
        }
    }

    private static UsageException NotADatabase(FileInfo dbFile, SqliteException e) =>
        new($"--db: {dbFile.FullName} is not an OpenITA SQLite database ({e.Message})");
}
