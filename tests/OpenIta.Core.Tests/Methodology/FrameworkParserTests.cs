using OpenIta.Core.Methodology;
using OpenIta.Testing;
using Xunit;

namespace OpenIta.Core.Tests.Methodology;

/// <summary>A broken framework file is refused with errors that name the file and the field.</summary>
public sealed class FrameworkParserTests
{
    private static readonly string Fy2565 = File.ReadAllText(Path.Combine(RepositoryPaths.Frameworks, "fy2565.yaml"));

    private static FrameworkException Refuse(string yaml, string fileName = "fy2565.yaml") =>
        Assert.Throws<FrameworkException>(() => FrameworkParser.Parse(yaml, fileName));

    [Fact]
    public void The_real_file_parses()
    {
        Assert.Equal(2565, FrameworkParser.Parse(Fy2565, "fy2565.yaml").Year.BuddhistEra);
    }

    [Fact]
    public void An_unknown_field_is_refused_with_its_line()
    {
        var error = Refuse(Fy2565.Replace("passMark:", "passMarks:", StringComparison.Ordinal));
        Assert.StartsWith("fy2565.yaml: line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("passMarks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_refused()
    {
        var error = Refuse(Fy2565.Replace("weight: 0.40", "weight: 0.45", StringComparison.Ordinal));
        Assert.Contains("fy2565.yaml: instruments: the weights sum to 1.05, not 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_year_that_does_not_match_its_file_name_is_refused()
    {
        var error = Refuse(Fy2565, "fy2566.yaml");
        Assert.Contains("fy2566.yaml: fiscalYear: 2565 does not match the file name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_of_an_unknown_indicator_is_refused_naming_it()
    {
        var yaml = Fy2565 + """

            # appended by the test
            """;
        yaml = yaml.Replace("questions:", """
            questions:
              - code: I99
                instrument: IIT
                indicator: 7
            """, StringComparison.Ordinal);
        var error = Refuse(yaml);
        Assert.Contains("questions[I99].indicator: indicator 7 belongs to EIT, not IIT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_missing_fact_is_reported_at_once()
    {
        var error = Refuse("fiscalYear: 2565\n", "fy2565.yaml");
        Assert.Contains("instruments: at least one instrument is required", error.Errors);
        Assert.Contains("indicators: indicator 1 is missing (every year has indicators 1 to 10)", error.Errors);
        Assert.Contains("rating: is required", error.Errors);
        Assert.Contains("passMark: is required, a score from 0 to 100", error.Errors);
    }

    [Fact]
    public void Not_yaml_is_refused_with_its_position()
    {
        var error = Refuse("fiscalYear: [2565\n");
        Assert.StartsWith("fy2565.yaml: line ", error.Message, StringComparison.Ordinal);
    }
}
