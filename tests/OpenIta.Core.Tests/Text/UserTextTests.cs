using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;
using OpenIta.Core.Text;
using Xunit;

namespace OpenIta.Core.Tests.Text;

/// <summary>Issue 9 M1, L9, M6: the one rule for every text a user stores, and its sanitising twin for what is stored.</summary>
public sealed class UserTextTests
{
    [Theory]
    [InlineData("\u0001", "U+0001")]
    [InlineData("\u000B", "U+000B")]
    [InlineData("\0", "U+0000")]
    [InlineData("\u007F", "U+007F")]
    [InlineData("\u0085", "U+0085")]
    [InlineData("\uFFFE", "U+FFFE")]
    [InlineData("\uFFFF", "U+FFFF")]
    [InlineData("\u202A", "U+202A")]
    [InlineData("\u202E", "U+202E")]
    [InlineData("\u2066", "U+2066")]
    [InlineData("\u2069", "U+2069")]
    public void Control_characters_non_characters_lone_surrogates_and_direction_overrides_are_refused(string bad, string code)
    {
        var problem = UserText.Check("ชื่อ" + bad + "หน่วยงาน", 100);

        Assert.NotNull(problem);
        Assert.Contains(code, problem.Th, StringComparison.Ordinal);
        Assert.Contains("ตัวอักษรที่ 5", problem.Th, StringComparison.Ordinal);
        Assert.Equal("ชื่อหน่วยงาน", UserText.Printable("ชื่อ" + bad + "หน่วยงาน"));
    }

    [Fact]
    public void Lone_surrogates_are_refused_and_left_out()
    {
        // Built in code: an attribute cannot hold a lone surrogate (the compiler writes U+FFFD).
        foreach (var (bad, code) in new[] { (((char)0xD800).ToString(), "U+D800"), (((char)0xDC00).ToString(), "U+DC00") })
        {
            Assert.Contains(code, UserText.Check("ชื่อ" + bad + "หน่วยงาน", 100)!.Th, StringComparison.Ordinal);
            Assert.Equal("ชื่อหน่วยงาน", UserText.Printable("ชื่อ" + bad + "หน่วยงาน"));
        }
    }

    [Theory]
    [InlineData("สำนักงาน ก.พ.ร.")]
    [InlineData("บรรทัดหนึ่ง\nบรรทัดสอง\r\nและ\tแท็บ")]
    [InlineData("emoji 😀 and ๑๒๓")]
    [InlineData("")]
    public void Thai_text_line_breaks_tabs_and_pairs_are_kept(string text)
    {
        Assert.Null(UserText.Check(text, 100));
        Assert.Same(text, UserText.Printable(text));
    }

    [Fact]
    public void A_text_over_its_length_is_refused_with_both_lengths()
    {
        var problem = UserText.Check(new string('ก', 501), UserText.TitleMax);
        Assert.NotNull(problem);
        Assert.Equal("ยาวเกิน 500 ตัวอักษร (มี 501 ตัวอักษร)", problem.Th);
        Assert.Null(UserText.Check(new string('ก', 500), UserText.TitleMax));
    }

    [Fact]
    public void The_plan_rules_name_every_text_field_that_breaks_the_rule()
    {
        var measure = new Measure(1, "ชื่อ\u0001", MeasureKind.Improve, [], [], "จุดอ่อน\u202E", [new MeasureStep("ขั้นตอน\uFFFE", ["เจ้าของ\u000B"])],
            Timeline.WholeYear, ["หน่วย\0"], new string('ก', UserText.NarrativeMax + 1), new Reporting(ReportingCadence.Yearly, "ผู้บริหาร\u2066", "บันทึก\u0002"));
        var plan = new MeasurePlan(new FiscalYear(2567), PlanLayout.ByItem, "บทนำ\u0007", [new ThemeFinding(1, "ผล\u0001")], [measure]);

        var fields = MeasurePlanRules.Validate(plan, null).Select(p => p.Field).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "introduction", "findings[0].text", "measures[0].title", "measures[0].weakness", "measures[0].steps[0].text",
            "measures[0].steps[0].owners[0]", "measures[0].responsibleUnits[0]", "measures[0].monitoring", "measures[0].reporting.to",
            "measures[0].reporting.how",
        }, fields);
    }
}
