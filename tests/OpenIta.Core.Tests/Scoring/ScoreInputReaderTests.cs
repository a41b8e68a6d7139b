using OpenIta.Core.Methodology;
using OpenIta.Core.Scoring;
using OpenIta.Core.Scoring.Json;
using Xunit;

namespace OpenIta.Core.Tests.Scoring;

/// <summary>Bad JSON input gets one clear message naming the field.</summary>
public sealed class ScoreInputReaderTests
{
    private static ScoreInputException Refuse(string json) =>
        Assert.Throws<ScoreInputException>(() => ScoreInputReader.Read(json, FrameworkCatalog.BuiltIn.Find));

    [Theory]
    [InlineData("{", "input", "not valid JSON")]
    [InlineData("[]", "input", "must be a JSON object")]
    [InlineData("{}", "fiscalYear", "is required")]
    [InlineData("""{"fiscalYear": "2565"}""", "fiscalYear", "is not a Buddhist Era fiscal year")]
    [InlineData("""{"fiscalYear": 2022}""", "fiscalYear", "is not a Buddhist Era fiscal year")]
    [InlineData("""{"fiscalYear": 2599}""", "fiscalYear", "no framework for FY2599")]
    [InlineData("""{"fiscalYear": 2565, "indicators": {"1": 101}}""", "indicators.1", "101 is not a score from 0 to 100")]
    [InlineData("""{"fiscalYear": 2565, "indicators": {"1": "๙๐"}}""", "indicators.1", "is not a number")]
    [InlineData("""{"fiscalYear": 2565, "indicators": {"11": 90}}""", "indicators.11", "unknown indicator")]
    [InlineData("""{"fiscalYear": 2565, "instruments": {"XIT": 90}}""", "instruments.XIT", "unknown instrument")]
    [InlineData("""{"fiscalYear": 2565, "total": -1}""", "total", "-1 is not a score from 0 to 100")]
    [InlineData("""{"fiscalYear": 2565, "published": {"rating": 5}}""", "published.rating", "is the rating as printed")]
    [InlineData("""{"fiscalYear": 2565, "participation": {"internalStakeholders": -3}}""", "participation.internalStakeholders", "is not a number of people")]
    [InlineData("""{"fiscalYear": 2564, "responses": {"IIT": [{"I2": 3}]}}""", "responses.IIT[0].I2", "an answer is its label")]
    [InlineData("""{"fiscalYear": 2567, "responses": {"EIT": []}}""", "responses.EIT", "two parts")]
    public void Bad_input_names_the_field(string json, string field, string message)
    {
        var error = Refuse(json);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_it_does_not_use_are_listed_not_dropped_silently()
    {
        var read = ScoreInputReader.Read("""{"fiscalYear": 2565, "agency": "สลน.", "published": {"total": 89.21, "note": "x"}}""",
            FrameworkCatalog.BuiltIn.Find);
        Assert.Equal(["agency", "published.note"], read.Ignored);
        Assert.Equal(89.21m, read.Input.Published!.Total);
    }

    [Fact]
    public void The_contract_of_the_issue_reads()
    {
        var read = ScoreInputReader.Read("""
            {"fiscalYear": 2567,
             "indicators": {"1": 95.05, "10": 100},
             "instruments": {"IIT": 94.63, "EIT1": 97.8, "EIT2": 97.8, "OIT": 97.5},
             "total": 96.74,
             "published": {"total": 96.74, "instruments": {"IIT": 94.63}, "rating": "ผ่านดี"}}
            """, FrameworkCatalog.BuiltIn.Find);

        Assert.Equal(2567, read.Input.Year.BuddhistEra);
        Assert.Equal(97.8m, read.Input.Instruments[Instrument.Eit1]);
        Assert.Equal(96.74m, read.Input.Total);
        Assert.Equal("ผ่านดี", read.Input.Published!.Rating);
        Assert.Empty(read.Ignored);
    }
}
