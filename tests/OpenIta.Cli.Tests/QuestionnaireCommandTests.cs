using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Surveys;
using OpenIta.Data;
using OpenIta.Reports.Spreadsheets;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary>
/// Issue 12, item 2: <c>openita questionnaire export|import</c>, the page /admin/questionnaires on the command line — the
/// same reading, checks and versions (a version is never changed; an import makes a new one unless it equals the newest);
/// a file with mistakes exits 2 naming the sheet, row and column, and the database is unchanged. The demo database holds
/// FY2564's demo questionnaire as version 1.
/// </summary>
public sealed class QuestionnaireCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private async Task<List<int>> VersionsAsync(int year)
    {
        await using var db = DatabaseEngines.Create(DatabaseEngine.Sqlite, $"Data Source={demo.File};Pooling=False");
        return await db.Questionnaires.Where(q => q.FiscalYear == year).OrderBy(q => q.Number).Select(q => q.Number).ToListAsync();
    }

    private CliResult Export(string file, params string[] more) =>
        CliRunner.Run(["questionnaire", "export", "--db", demo.File, "--year", "2564", "--out", demo.Out(file), .. more]);

    private CliResult Import(string file) => CliRunner.Run("questionnaire", "import", "--db", demo.File, "--file", demo.Out(file));

    [Fact]
    public async Task Export_and_import_go_through_the_pages_versions_in_xlsx_and_yaml()
    {
        var before = await VersionsAsync(2564);
        Assert.NotEmpty(before);
        var newest = before[^1];

        var xlsx = Export("q.xlsx");
        Assert.Equal((CliApp.Ok, ""), (xlsx.ExitCode, xlsx.Error));
        Assert.Contains($"Questionnaire FY2564, version {newest}", xlsx.Out, StringComparison.Ordinal);
        var survey = Sheets.ReadXlsx(await File.ReadAllBytesAsync(demo.Out("q.xlsx")), "type");
        Assert.Equal(QuestionnaireSheets.SurveyHeader, survey.Header);
        Assert.Equal(QuestionnaireSheets.Survey, survey.Name);

        // The workbook read back is the newest version's questionnaire (in the workbook's layout): no version is added.
        var imported = Import("q.xlsx");
        Assert.Equal((CliApp.Ok, ""), (imported.ExitCode, imported.Error));
        Assert.Contains($"the same as version {newest}, no new version", imported.Out, StringComparison.Ordinal);

        // So is its YAML, exported and imported again.
        var yaml = Export("q.yaml", "--format", "yaml");
        Assert.Equal(CliApp.Ok, yaml.ExitCode);
        Assert.Contains("\nfiscalYear: 2564\n", await File.ReadAllTextAsync(demo.Out("q.yaml")), StringComparison.Ordinal);
        var again = Import("q.yaml");
        Assert.Equal(CliApp.Ok, again.ExitCode);
        Assert.Contains($"the same as version {newest}, no new version", again.Out, StringComparison.Ordinal);
        Assert.Equal(before, await VersionsAsync(2564));

        // A workbook with one answer's score changed is a new version of the year it names.
        var sheets = QuestionnaireSheets.ToSheets(await File.ReadAllTextAsync(demo.Out("q.yaml")));
        var edited = sheets.Select(s => new SheetContent(s.Sheet, s.Rows.Select((row, i) => (IReadOnlyList<object?>)(
            s.Sheet == QuestionnaireSheets.Choices && i == 1 ? [.. row.Select((v, c) => c == 3 ? 1 : v)] : row)).ToList())).ToList();
        await File.WriteAllBytesAsync(demo.Out("edited.xlsx"), Sheets.WriteXlsx(edited));
        var changed = Import("edited.xlsx");
        Assert.Equal((CliApp.Ok, ""), (changed.ExitCode, changed.Error));
        Assert.Contains($"Questionnaire FY2564 saved as version {newest + 1}.", changed.Out, StringComparison.Ordinal);
        Assert.Equal([.. before, newest + 1], await VersionsAsync(2564));
    }

    [Fact]
    public async Task A_workbook_with_mistakes_exits_2_naming_each_sheet_row_and_column_and_adds_no_version()
    {
        Assert.Equal(CliApp.Ok, Export("good.yaml", "--format", "yaml").ExitCode);
        var sheets = QuestionnaireSheets.ToSheets(await File.ReadAllTextAsync(demo.Out("good.yaml")));
        // Row 2 of choices (its first answer) gets a score that is not a number; row 3 of survey an indicator that is not one.
        var broken = sheets.Select(s => new SheetContent(s.Sheet, s.Rows.Select((row, i) => (IReadOnlyList<object?>)(
            (s.Sheet, i) switch
            {
                (QuestionnaireSheets.Choices, 1) => row.Select((v, c) => c == 3 ? "มาก" : v).ToList(),
                (QuestionnaireSheets.Survey, 2) => row.Select((v, c) => c == 5 ? "สี่" : v).ToList(),
                _ => row,
            })).ToList())).ToList();
        await File.WriteAllBytesAsync(demo.Out("broken.xlsx"), Sheets.WriteXlsx(broken));
        var before = await VersionsAsync(2564);

        var run = Import("broken.xlsx");
        Assert.Equal(CliApp.BadInput, run.ExitCode);
        Assert.Equal("", run.Out);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("openita: broken.xlsx: แผ่นงาน choices แถว 2 คอลัมน์ score · sheet choices, row 2, column score: ต้องเป็นคะแนน 0 ถึง 100", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("openita: broken.xlsx: แผ่นงาน survey แถว 3 คอลัมน์ indicator · sheet survey, row 3, column indicator: ", StringComparison.Ordinal));
        Assert.Equal(before, await VersionsAsync(2564));
    }

    [Fact]
    public async Task A_file_without_a_known_year_or_an_unknown_year_or_format_exits_2()
    {
        await File.WriteAllTextAsync(demo.Out("no-year.yaml"), "note: ไม่มีปี\nquestions: []\n", Encoding.UTF8);
        var noYear = Import("no-year.yaml");
        Assert.Equal(CliApp.BadInput, noYear.ExitCode);
        Assert.Contains("field fiscalYear: ", noYear.Error, StringComparison.Ordinal);
        Assert.Contains("ไฟล์ต้องระบุปีงบประมาณ", noYear.Error, StringComparison.Ordinal);

        var unknown = CliRunner.Run("questionnaire", "export", "--db", demo.File, "--year", "2400", "--out", demo.Out("x.yaml"));
        Assert.Equal(CliApp.BadInput, unknown.ExitCode);
        Assert.Contains("--year: there is no framework for FY2400", unknown.Error, StringComparison.Ordinal);

        var format = Export("x.pdf", "--format", "pdf");
        Assert.Equal(CliApp.BadInput, format.ExitCode);
        Assert.Contains("--format: 'pdf' is not one of yaml, xlsx", format.Error, StringComparison.Ordinal);

        var missing = CliRunner.Run("questionnaire", "import", "--db", demo.File, "--file", demo.Out("nowhere.xlsx"));
        Assert.Equal(CliApp.BadInput, missing.ExitCode);
        Assert.False(File.Exists(demo.Out("x.yaml")));
    }
}
