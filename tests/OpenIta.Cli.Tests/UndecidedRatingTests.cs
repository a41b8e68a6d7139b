using System.Text.Json;
using Xunit;

namespace OpenIta.Cli.Tests;

/// <summary><c>openita score</c> on seed 003's FY2566 indicator scores alone: the rating is left open, not picked.</summary>
public sealed class UndecidedRatingTests
{
    private const string Seed003IndicatorsOnly = """
        {"fiscalYear": 2566, "indicators": {"1": 94.98, "2": 88.57, "3": 87.61, "4": 89.58, "5": 87.63,
         "6": 89.36, "7": 90.63, "8": 85.71, "9": 85.00, "10": 100}}
        """;

    [Fact]
    public void The_table_names_the_possible_levels_and_what_would_decide_them()
    {
        var result = CliRunner.RunWithInput(Seed003IndicatorsOnly, "score", "-");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ระดับผลการประเมิน · Rating: ยังตัดสินระดับไม่ได้ · ผ่าน หรือ ผ่านดี: ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Rating: ผ่านดี", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_has_a_null_rating_with_the_possible_levels()
    {
        var result = CliRunner.RunWithInput(Seed003IndicatorsOnly, "score", "-", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("rating").ValueKind);
        Assert.Equal(["ผ่าน", "ผ่านดี"], json.RootElement.GetProperty("possibleRatings").EnumerateArray().Select(l => l.GetProperty("th").GetString()));
        Assert.Equal("ต้องมีคะแนน EIT ส่วนที่ ๑ และ ๒", json.RootElement.GetProperty("ratingDecidedBy").GetProperty("th").GetString());
    }
}
