using OpenIta.Testing;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary>What people read: each command's output is compared with its approved snapshot (Approved/).</summary>
public sealed class OutputSnapshotTests
{
    private static string Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
        return result.Out;
    }

    [Fact]
    public void Score_table_of_seed_000() =>
        Approvals.Verify(Ok(CliRunner.Run("score", CliRunner.Example("spm-2565.json"))), "score-spm-2565-table");

    [Fact]
    public void Score_json_of_seed_000() =>
        Approvals.Verify(Ok(CliRunner.Run("score", CliRunner.Example("spm-2565.json"), "--format", "json")), "score-spm-2565-json");

    [Fact]
    public void Score_table_of_seed_003_flags_its_printed_eit() =>
        Approvals.Verify(Ok(CliRunner.Run("score", CliRunner.Example("opdc-2566.json"))), "score-opdc-2566-table");

    [Fact]
    public void Score_json_of_seed_003() =>
        Approvals.Verify(Ok(CliRunner.Run("score", CliRunner.Example("opdc-2566.json"), "--format", "json")), "score-opdc-2566-json");

    [Fact]
    public void Score_of_raw_answers() =>
        Approvals.Verify(Ok(CliRunner.Run("score", CliRunner.Example("tceb-2564-answers.json"))), "score-tceb-2564-answers-table");

    [Fact]
    public void Frameworks_list() => Approvals.Verify(Ok(CliRunner.Run("frameworks", "list")), "frameworks-list");

    [Theory]
    [InlineData(2564)]
    [InlineData(2567)]
    public void Frameworks_show(int year) =>
        Approvals.Verify(Ok(CliRunner.Run("frameworks", "show", year.ToString(System.Globalization.CultureInfo.InvariantCulture))), $"frameworks-show-{year}");

    [Fact]
    public void Sample_size() =>
        Approvals.Verify(Ok(CliRunner.Run("sample-size", "--year", "2567", "--internal", "151", "--external", "2001")), "sample-size-2567");

    [Fact]
    public void Help() => Approvals.Verify(Ok(CliRunner.Run("--help")), "help");
}
