using System.CommandLine;
using System.Globalization;
using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;

namespace OpenIta.Cli.Commands;

/// <summary>
/// <c>openita docs analysis|measures|results|plan|progress|measures-report --db FILE (--agency SLUG --out FILE | --group
/// SLUG --out DIR) --year YEAR [--round 6|12] --format docx|pdf|xlsx</c>: the official documents of issues 4 and 11 from a
/// SQLite database — the analysis of a result (a), the measures (b), the export of results, the action plan, the
/// progress report of a round and the measures implementation report — for one agency, or one file per agency of a group.
/// </summary>
public static class DocsCommand
{
    internal static readonly string[] Formats = ["docx", "pdf", "xlsx"];

    public static Command Create(CliContext context)
    {
        var analysis = Document(context, DocumentKind.Analysis,
            "The analysis of an agency's ITA result for one year: scores, ranking, instruments, year-over-year, tiers, target gap, themes.");
        var measures = Document(context, DocumentKind.Measures,
            "The measures to promote integrity and transparency answering a year's results (the newest revision, or the newest published one).");
        var results = Document(context, DocumentKind.Results,
            "An agency's result for one year: instruments, indicators, questions and sub-items with their scores, total and rating; for a group also a table of its agencies.");
        var plan = Document(context, DocumentKind.Plan,
            "The agency's anti-corruption action plan covering a fiscal year: levels, goals, KPIs and targets, owners, budgets.");
        var progress = Document(context, DocumentKind.Progress,
            "The progress report of a round of the action plan (seed 004's layout): objective, KPI/target, result, budget, per project and activity.");
        var measuresReport = Document(context, DocumentKind.MeasuresReport,
            "The measures implementation report of a round: measure, steps, KPI/target, what was done, outcome.");
        return new Command("docs", "Official documents from the database: DOCX, PDF or XLSX, for one agency or every agency of a group.")
        {
            analysis, measures, results, plan, progress, measuresReport,
        };
    }

    private static Command Document(CliContext context, DocumentKind kind, string description)
    {
        var db = new Option<FileInfo>("--db") { Description = "The SQLite database file (as made by the web application or 'openita demo').", Required = true, HelpName = "FILE" };
        var agency = new Option<string?>("--agency") { Description = "The agency's slug (one document to --out FILE).", HelpName = "SLUG" };
        var group = new Option<string?>("--group") { Description = "A group's slug: one document per agency at or below it, into the folder --out DIR.", HelpName = "SLUG" };
        var year = new Option<int>("--year") { Description = "The fiscal year of the results (Buddhist Era), e.g. 2565.", Required = true, HelpName = "YEAR" };
        var format = new Option<string>("--format") { Description = "docx, pdf or xlsx.", Required = true, HelpName = "FORMAT" };
        var output = new Option<FileInfo>("--out") { Description = "The file to write (--agency) or the folder to write into (--group).", Required = true, HelpName = "FILE|DIR" };
        var thaiDigits = new Option<bool>("--thai-digits") { Description = "Write numbers with Thai digits (๐–๙)." };
        var command = new Command(kind.Name(), description) { db, agency, group, year, format, output, thaiDigits };

        Option<decimal?>? target = null;
        Option<bool>? published = null;
        Option<string>? round = null;
        if (kind is DocumentKind.Progress or DocumentKind.MeasuresReport)
        {
            round = new Option<string>("--round")
            {
                Description = "The round: 6 (October–March) or 12 (October–September); also q1–q4 and m1–m12. Default 12.",
                HelpName = "ROUND",
                DefaultValueFactory = _ => "12",
            };
            command.Options.Add(round);
        }
        if (kind == DocumentKind.Analysis)
        {
            target = new Option<decimal?>("--target") { Description = "The agency's own target for the total (e.g. 95); default: the pass mark.", HelpName = "SCORE" };
            command.Options.Add(target);
        }
        if (kind == DocumentKind.Measures)
        {
            published = new Option<bool>("--published") { Description = "The newest published revision instead of the newest one." };
            command.Options.Add(published);
        }
        command.SetAction(parsed =>
        {
            var request = new DocsRequest(
                kind,
                parsed.GetValue(db)!,
                parsed.GetValue(agency),
                parsed.GetValue(group),
                parsed.GetValue(year),
                parsed.GetValue(format)!,
                parsed.GetValue(output)!,
                parsed.GetValue(thaiDigits),
                target is null ? null : parsed.GetValue(target),
                published is not null && parsed.GetValue(published),
                round is null ? null : parsed.GetValue(round));
            return DocsRunner.RunAsync(context, Validate(request), context.Frameworks(parsed)).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>Checks what can be checked before the database is opened; the format comes back lower-cased.</summary>
    private static DocsRequest Validate(DocsRequest request)
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
        var round = request.Round?.Trim().ToLowerInvariant();
        if (round is not null)
        {
            try
            {
                round = Data.Plans.PlanStore.ParsePeriod(round).ToString();
            }
            catch (FormatException)
            {
                throw new UsageException($"--round: '{request.Round}' is not a round: 6, 12, q1–q4 or m1–m12");
            }
        }
        var agency = string.IsNullOrWhiteSpace(request.Agency) ? null : request.Agency.Trim();
        var group = string.IsNullOrWhiteSpace(request.Group) ? null : request.Group.Trim();
        if (agency is not null && group is not null)
        {
            throw new UsageException("--agency and --group cannot be used together: give --agency SLUG for one document or --group SLUG for a folder of them");
        }
        if (agency is null && group is null)
        {
            throw new UsageException("give --agency SLUG (one document) or --group SLUG (one document per agency of the group)");
        }
        if (request.Year is < FiscalYear.MinimumBe or > FiscalYear.MaximumBe)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--year: {request.Year} is not a Buddhist Era fiscal year such as 2565"));
        }
        if (!File.Exists(request.Db.FullName))
        {
            throw new UsageException($"--db: {request.Db.FullName} does not exist");
        }
        return request with { Format = format, Agency = agency, Group = group, Round = round };
    }
}

/// <summary>Which document.</summary>
internal enum DocumentKind
{
    Analysis,
    Measures,
    Results,
    Plan,
    Progress,
    MeasuresReport,
}

internal static class DocumentKinds
{
    /// <summary>The sub-command's name and the file name's kind: analysis, measures, results, plan, progress, measures-report.</summary>
    public static string Name(this DocumentKind kind) => kind switch
    {
        DocumentKind.Analysis => "analysis",
        DocumentKind.Measures => "measures",
        DocumentKind.Plan => "plan",
        DocumentKind.Progress => "progress",
        DocumentKind.MeasuresReport => "measures-report",
        _ => "results",
    };

    /// <summary>What an agency lacks when it is skipped.</summary>
    public static string Lack(this DocumentKind kind) => kind switch
    {
        DocumentKind.Measures => "no plan",
        DocumentKind.Plan => "no action plan",
        DocumentKind.Progress or DocumentKind.MeasuresReport => "no round",
        _ => "no result",
    };
}

/// <summary>A <c>docs</c> command line, checked.</summary>
internal sealed record DocsRequest(
    DocumentKind Kind,
    FileInfo Db,
    string? Agency,
    string? Group,
    int Year,
    string Format,
    FileInfo Out,
    bool ThaiDigits,
    decimal? Target,
    bool Published,
    string? Round = null);
