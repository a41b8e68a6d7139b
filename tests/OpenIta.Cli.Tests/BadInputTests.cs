using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary>Bad input: exit code 2 and one clear message on stderr naming what is wrong, never a stack trace.</summary>
public sealed class BadInputTests
{
    private static void AssertRefused(CliResult result, string message)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "input: not valid JSON (line 1, byte 2)")]
    [InlineData("""{"fiscalYear": 2599}""", "fiscalYear: no framework for FY2599")]
    [InlineData("""{"fiscalYear": 2565, "indicators": {"3": 100.5}}""", "indicators.3: 100.5 is not a score from 0 to 100")]
    [InlineData("""{"fiscalYear": 2565, "indicators": {"3": "ดี"}}""", "indicators.3: \"ดี\" is not a number")]
    [InlineData("""{"fiscalYear": 2565, "indicators": {"12": 90}}""", "indicators.12: unknown indicator")]
    [InlineData("""{"fiscalYear": 2565, "questions": {"Q7": 90}}""", "questions.Q7: no question or sub-item Q7 in FY2565")]
    [InlineData("""{"fiscalYear": 2565, "indicators": {"1": 90, "2": 90, "3": 90, "4": 90, "5": 90}, "instruments": {"IIT": 70}}""", "instruments.IIT: contradictory levels: 70.00 is given but indicators 1–5 give 90.00")]
    [InlineData("""{"fiscalYear": 2565, "instruments": {"IIT": 90, "EIT": 90, "OIT": 90}, "total": 80}""", "total: contradictory levels")]
    public void Score_refuses_bad_json_from_standard_input(string json, string message)
    {
        AssertRefused(CliRunner.RunWithInput(json, "score", "-"), message);
    }

    [Fact]
    public void Score_refuses_a_missing_file() =>
        AssertRefused(CliRunner.Run("score", "/nonexistent/input.json"), "/nonexistent/input.json: no such file");

    [Fact]
    public void Score_refuses_an_unknown_format() =>
        AssertRefused(CliRunner.Run("score", "-", "--format", "xml"), "xml");

    [Theory]
    [InlineData("sample-size --year 2599", "no framework for FY2599")]
    [InlineData("sample-size --year 2567 --internal -5", "--internal: a number of people cannot be negative")]
    [InlineData("frameworks show 1999", "1999 is not a Buddhist Era fiscal year")]
    [InlineData("frameworks show nine", "nine")]
    [InlineData("unknown-command", "unknown-command")]
    public void Commands_refuse_bad_arguments(string args, string message) =>
        AssertRefused(CliRunner.Run(args.Split(' ')), message);

    [Fact]
    public void A_broken_frameworks_folder_is_refused_naming_file_and_field()
    {
        var folder = Directory.CreateTempSubdirectory("openita-frameworks-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "fy2565.yaml"), "fiscalYear: 2565\npassMark: 85\n");
            AssertRefused(CliRunner.Run("frameworks", "list", "--frameworks", folder.FullName),
                "fy2565.yaml: instruments: at least one instrument is required");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_real_program_exits_2_with_one_line_on_stderr()
    {
        var result = await CliRunner.RunProcessAsync("""{"fiscalYear": 2565, "total": 101}""", "score", "-");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("openita: total: 101 is not a score from 0 to 100", result.Error.Trim());
    }

    [Fact]
    public async Task The_real_program_scores_standard_input()
    {
        var json = await File.ReadAllTextAsync(CliRunner.Example("spm-2565.json"));
        var result = await CliRunner.RunProcessAsync(json, "score", "-", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"totalDisplay\": \"89.21\"", result.Out, StringComparison.Ordinal);
    }
}
