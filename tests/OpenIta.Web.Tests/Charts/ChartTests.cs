using System.Globalization;
using System.Xml.Linq;
using OpenIta.Web.Features.Shared.Charts;
using Xunit;

namespace OpenIta.Web.Tests.Charts;

/// <summary>The hand-written SVG charts: well-formed, scalable, no style attributes, text escaped, culture-proof.</summary>
public sealed class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(Microsoft.AspNetCore.Html.HtmlString html) => XElement.Parse(html.Value!);

    [Fact]
    public void The_bar_chart_draws_one_bar_per_score_and_a_line_at_the_mark()
    {
        var chart = Parse(BarChart.Render("คะแนนรายตัวชี้วัด",
            [new Bar("1. การปฏิบัติหน้าที่", 85.84m), new Bar("2. การใช้งบประมาณ", 74.30m), new Bar("3. <ไม่มี>", null)],
            85m, "เกณฑ์ผ่าน 85"));

        Assert.Equal("คะแนนรายตัวชี้วัด", chart.Element(Svg + "title")!.Value);
        Assert.StartsWith("0 0 ", chart.Attribute("viewBox")!.Value, StringComparison.Ordinal);
        var bars = chart.Elements(Svg + "rect").ToList();
        Assert.Equal(["bar pass", "bar fail"], bars.Select(b => b.Attribute("class")!.Value));
        Assert.Single(chart.Elements(Svg + "line"), l => l.Attribute("class")!.Value == "mark");
        var texts = chart.Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("เกณฑ์ผ่าน 85", texts);
        Assert.Contains("3. <ไม่มี>", texts); // escaped in the markup, the same text once parsed
        Assert.Contains("85.84", texts);
        Assert.Contains("–", texts);
    }

    [Fact]
    public void Charts_have_no_style_attribute_and_write_numbers_the_invariant_way_in_any_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE"); // a decimal comma would break every coordinate
            var html = string.Concat(
                BarChart.Render("a", [new Bar("x", 77.68m)], 85m, null).Value,
                LineChart.Render("b", [new Point("2563", 93.75m), new Point("2564", null), new Point("2565", 95.01m), new Point("2566", 96.5m)], 85m, null).Value,
                Histogram.Render("c", [new Bin("0–69.99", 3, "fail"), new Bin("95–100", 1234, "top")], "x", "y").Value);

            Assert.DoesNotContain("style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("77.68", html, StringComparison.Ordinal);
            Assert.DoesNotContain("77,68", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(x|y|width|height|cx|cy)=""[^""]*,", html);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_year_without_a_total_is_a_gap_in_the_line_not_a_drop_to_zero()
    {
        var chart = Parse(LineChart.Render("คะแนนรวมรายปี",
            [new Point("2563", 93.75m), new Point("2564", 95.01m), new Point("2565", null), new Point("2566", 90.47m), new Point("2567", 92m)],
            85m, "เกณฑ์ 85"));

        var lines = chart.Elements(Svg + "polyline").ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(2, l.Attribute("points")!.Value.Split(' ').Length));
        Assert.Equal(4, chart.Elements(Svg + "circle").Count());
    }

    [Fact]
    public void The_histogram_labels_each_column_with_its_count()
    {
        var chart = Parse(Histogram.Render("จำนวนหน่วยงาน",
            [new Bin("0–69.99", 0, "fail"), new Bin("70–84.99", 12, "fail"), new Bin("85–94.99", 100, "pass"), new Bin("95–100", 30, "top")],
            "ช่วงคะแนนรวม", "จำนวนหน่วยงาน"));

        var columns = chart.Elements(Svg + "rect").ToList();
        Assert.Equal(4, columns.Count);
        Assert.Equal(["70–84.99: 12", "85–94.99: 100"], columns.Skip(1).Take(2).Select(c => c.Element(Svg + "title")!.Value));
        var heights = columns.Select(c => double.Parse(c.Attribute("height")!.Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, heights[0]);
        Assert.True(heights[2] > heights[3] && heights[3] > heights[1]);
        Assert.Contains("ช่วงคะแนนรวม", chart.Elements(Svg + "text").Select(t => t.Value));
    }
}
