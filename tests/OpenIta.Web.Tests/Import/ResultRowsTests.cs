using OpenIta.Core.Methodology;
using OpenIta.Web.Features.Import;
using Xunit;

namespace OpenIta.Web.Tests.Import;

/// <summary>Rows of a results file into the JSON contract of a result, or errors naming the row and column.</summary>
public sealed class ResultRowsTests
{
    private static ResultRowsRead Read(params string[] lines) =>
        ResultRows.Read(Sheets.ReadCsv(string.Join("\r\n", lines)), FrameworkCatalog.BuiltIn);

    [Fact]
    public void A_row_becomes_the_json_contract_of_a_result_and_is_scored()
    {
        var read = Read(ImportFiles.Header + ",q:I1,oit:O1,sub:9.1,total", ImportFiles.Spm2565 + ",,,,");
        Assert.Empty(read.Errors);
        var row = Assert.Single(read.Rows);
        Assert.Equal((2, "spm", 2565), (row.Row, row.Agency, row.FiscalYear));
        Assert.Equal(
            """{"fiscalYear":2565,"indicators":{"1":85.84,"2":74.30,"3":78.71,"4":74.27,"5":75.26,"6":90.94,"7":85.74,"8":82.34,"9":100,"10":100},"published":{"total":89.21,"instruments":{"IIT":77.68,"EIT":86.34,"OIT":100.00},"rating":"A"}}""",
            row.InputJson);
        Assert.Equal(("89.21", "A"), (OpenIta.Core.Scoring.Score.Display(row.Card.Total), row.Card.Rating?.Code));
    }

    [Fact]
    public void Column_names_ignore_case_and_map_to_the_contract()
    {
        Assert.Equal("instruments.EIT1", ResultColumns.Parse("eit1")!.Field);
        Assert.Equal("published.instruments.IIT", ResultColumns.Parse("published_iit")!.Field);
        Assert.Equal("published.indicators.7", ResultColumns.Parse("published_indicator_7")!.Field);
        Assert.Equal("questions.I1.1", ResultColumns.Parse("q:I1.1")!.Field);
        Assert.Equal("oitItems.O12", ResultColumns.Parse("oit:O12")!.Field);
        Assert.Equal("subIndicators.9.1", ResultColumns.Parse("sub:9.1")!.Field);
        Assert.Null(ResultColumns.Parse("indicator_11"));
        Assert.Null(ResultColumns.Parse("q:"));
        Assert.Null(ResultColumns.Parse("score"));
    }

    [Fact]
    public void The_instrument_columns_follow_the_year()
    {
        Assert.Equal(["IIT", "EIT", "OIT"], ResultColumns.Instruments(FrameworkCatalog.BuiltIn.Get(new FiscalYear(2565))));
        Assert.Equal(["IIT", "EIT1", "EIT2", "EIT", "OIT"], ResultColumns.Instruments(FrameworkCatalog.BuiltIn.Get(new FiscalYear(2566))));
    }

    [Fact]
    public void Every_column_of_every_template_is_a_known_column()
    {
        foreach (var framework in FrameworkCatalog.BuiltIn.All)
        {
            var template = ResultColumns.Template(framework, detail: true);
            Assert.All(template, column => Assert.NotNull(ResultColumns.Parse(column)));
            Assert.Equal(template.Count, template.Select(c => ResultColumns.Parse(c)!.Field).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public void Rows_without_scores_are_skipped_and_blank_rows_ignored()
    {
        var read = Read("agency,agency_name,fiscal_year,indicator_1", "spm,สลน.,2565,", "", "opdc,ก.พ.ร.,2565,90");
        Assert.Empty(read.Errors);
        Assert.Equal([2], read.Skipped);
        Assert.Equal(4, Assert.Single(read.Rows).Row);
    }

    [Fact]
    public void Every_error_of_every_row_is_listed_at_its_row_and_column()
    {
        var read = Read(
            "agency,fiscal_year,indicator_1,indicator_2,EIT1",
            ",2565,90,,",
            "spm,2565,ไม่มี,101,",
            "opdc,2565,90,80,50",
            "x,2565,,,,99");
        Assert.Equal(
            [
                (2, "agency", "A"),
                (3, "indicator_1", "C"),
                (3, "indicator_2", "D"),
                (4, "EIT1", "E"), // FY2565 has no EIT1
                (5, "–", "F"),
            ],
            read.Errors.Select(e => (e.Row ?? 0, e.Column ?? "", e.ColumnLetter ?? "")));
        Assert.Equal(5, read.ErrorCount);
    }

    [Fact]
    public void Columns_given_twice_are_refused()
    {
        var read = Read("agency,fiscal_year,IIT,iit", "spm,2565,80,80");
        var error = Assert.Single(read.Errors);
        Assert.Equal((1, "iit", "D"), (error.Row, error.Column, error.ColumnLetter));
    }
}
