using System.Text;
using OpenIta.Core.Methodology;
using OpenIta.Core.Surveys;
using OpenIta.Core.Text;
using OpenIta.Reports.Spreadsheets;

namespace OpenIta.Data.Surveys;

/// <summary>One mistake of an uploaded questionnaire: where (sheet, row, column for a workbook; the YAML field otherwise) and what.</summary>
public sealed record QuestionnaireProblem(string? Sheet, int? Row, string? Column, Message Message);

/// <summary>
/// A questionnaire as a file an administrator downloads, edits and uploads again: the YAML of the framework format, or a
/// workbook in the XLSForm spirit (<see cref="QuestionnaireSheets"/>), read with the import's streaming XLSX reader and
/// its limits (<see cref="Sheets"/>). The one place both formats are turned into a definition and checked, for the
/// page /admin/questionnaires and for <c>openita questionnaire</c>; the version is then kept by
/// <see cref="Questionnaires.AddAsync"/>.
/// </summary>
public static class QuestionnaireFiles
{
    public const string YamlContentType = "application/yaml";

    public static string FileName(int fiscalYear, int? version, string extension) =>
        version is { } v ? $"openita-questionnaire-{fiscalYear}-v{v}.{extension}" : $"openita-questionnaire-{fiscalYear}.{extension}";

    public static byte[] Yaml(string definition) => new UTF8Encoding(false).GetBytes(definition);

    public static byte[] Xlsx(string definition) =>
        Sheets.WriteXlsx(QuestionnaireSheets.ToSheets(definition)
            .Select(s => new SheetContent(s.Sheet, s.Rows, s.Sheet == QuestionnaireSheets.Survey ? [22, 12, 60, 30, 10, 10, 10, 9, 12, 30] : null))
            .ToList());

    /// <summary>
    /// The definition in an uploaded file (XLSX when it is a zip, else YAML text), checked over its year; the problems
    /// name the sheet, row and column (or the YAML field). Returns null with the problems when it cannot be used.
    /// </summary>
    public static string? Read(byte[] content, int fiscalYear, FrameworkCatalog catalog, out IReadOnlyList<QuestionnaireProblem> problems) =>
        Read(content, (int?)fiscalYear, catalog, out _, out problems);

    /// <summary>
    /// As <see cref="Read(byte[], int, FrameworkCatalog, out IReadOnlyList{QuestionnaireProblem})"/> over the year the file
    /// names itself (settings' fiscal_year, or the YAML's fiscalYear), given in <paramref name="fiscalYear"/>.
    /// </summary>
    public static string? ReadWithItsYear(byte[] content, FrameworkCatalog catalog, out int fiscalYear, out IReadOnlyList<QuestionnaireProblem> problems) =>
        Read(content, null, catalog, out fiscalYear, out problems);

    private static string? Read(byte[] content, int? expectedYear, FrameworkCatalog catalog, out int fiscalYear, out IReadOnlyList<QuestionnaireProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(catalog);
        fiscalYear = expectedYear ?? 0;
        var isZip = content.Length > 4 && content[0] == 'P' && content[1] == 'K';
        QuestionnaireSheets.SheetMap? map = null;
        string definition;
        try
        {
            if (isZip)
            {
                definition = QuestionnaireSheets.FromSheets(Rows(content, "type", QuestionnaireSheets.Survey, required: true),
                    Rows(content, "list_name", QuestionnaireSheets.Choices, required: true),
                    Rows(content, "fiscal_year", QuestionnaireSheets.Settings, required: true),
                    Rows(content, "title", QuestionnaireSheets.Sources, required: false), out map);
            }
            else
            {
                definition = Sheets.Decode(content);
            }
        }
        catch (SheetException e)
        {
            problems = [new QuestionnaireProblem(null, null, null, Message.Of("questionnaire.file", e.Error.Thai, e.Error.English))];
            return null;
        }
        catch (QuestionnaireSheetException e)
        {
            problems = e.Errors.Select(x => new QuestionnaireProblem(x.Sheet, x.Row, x.Column, x.Message)).ToList();
            return null;
        }
        if (expectedYear is null)
        {
            var named = FrameworkParser.QuestionnaireYear(definition);
            if (named is not { } year || year < FiscalYear.MinimumBe || year > FiscalYear.MaximumBe || catalog.Find(new FiscalYear(year)) is null)
            {
                var message = Message.Of("questionnaire.file-year", "ไฟล์ต้องระบุปีงบประมาณ พ.ศ. ที่มีเกณฑ์ในระบบ เช่น 2567",
                    "the file must name a fiscal year (Buddhist Era) whose framework the system has, such as 2567");
                problems = [map is null ? new QuestionnaireProblem(null, null, "fiscalYear", message)
                    : new QuestionnaireProblem(QuestionnaireSheets.Settings, 2, "fiscal_year", message)];
                return null;
            }
            fiscalYear = year;
        }
        try
        {
            var questionnaire = Questionnaires.Read(catalog, fiscalYear, definition);
            if (questionnaire.FiscalYear != fiscalYear)
            {
                throw new FrameworkException("questionnaire", [$"fiscalYear: must be {fiscalYear}"]);
            }
        }
        catch (FrameworkException e)
        {
            problems = e.Errors.Select(error => map is null
                ? new QuestionnaireProblem(null, null, error.Split(':')[0], Message.Of("questionnaire.invalid", "{error}", "{error}", ("error", error)))
                : QuestionnaireSheets.Locate(error, map) is var at ? new QuestionnaireProblem(at.Sheet, at.Row, at.Column, at.Message) : null!).ToList();
            return null;
        }
        problems = [];
        return definition;
    }

    private static List<QuestionnaireRow> Rows(byte[] content, string key, string sheet, bool required)
    {
        var table = Sheets.ReadXlsx(content, key);
        if (!table.Header.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return required
                ? throw new SheetException($"ไม่พบแผ่นงาน {sheet} (ที่มีคอลัมน์ {key})", $"no sheet {sheet} (with a column {key})")
                : [];
        }
        return table.Rows.Where(r => !r.IsBlank).Select(r => new QuestionnaireRow(r.Number,
            table.Header.Select((h, i) => (h, i)).Where(x => x.h.Length > 0).GroupBy(x => x.h.Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => r.Cell(g.First().i), StringComparer.OrdinalIgnoreCase))).ToList();
    }
}
