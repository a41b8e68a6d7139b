using OpenIta.Core.Measures;
using Xunit;

namespace OpenIta.Core.Tests.Measures;

/// <summary>The JSON form of a plan and the approval workflow.</summary>
public sealed class PlanJsonAndWorkflowTests
{
    [Fact]
    public void A_drafted_plan_round_trips_exactly()
    {
        var plan = DrafterTests.DraftSeed000().Plan.WithIds(m => "x" + m.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var json = MeasurePlanJson.Write(plan);

        var read = MeasurePlanJson.Read(json);

        Assert.Equal(json, MeasurePlanJson.Write(read));
        Assert.Equal(plan.Measures.Count, read.Measures.Count);
        Assert.Equal(plan.Measures[0].Items, read.Measures[0].Items);
        Assert.Contains("\"templateId\": \"work-manual\"", json, StringComparison.Ordinal);
        Assert.Contains("ทบทวนหรือจัดทำคู่มือ", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_themed_plan_with_dates_round_trips_exactly()
    {
        var drafted = DrafterTests.AnalyseSeed002();
        var plan = MeasureDrafter.Draft(drafted, OpenIta.Core.Methodology.FrameworkCatalog.BuiltIn.Get(drafted.Year),
            OpenIta.Core.Measures.Catalogue.MeasureCatalogue.BuiltIn,
            DraftOptions.Default with { Timeline = new Timeline([1, 2, 3, 4], new DateOnly(2024, 10, 1), new DateOnly(2025, 9, 30)) }).Plan;
        var json = MeasurePlanJson.Write(plan.WithIds(m => "x" + m.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)) with { Introduction = "บทนำ" });

        Assert.Equal(json, MeasurePlanJson.Write(MeasurePlanJson.Read(json)));
        Assert.Contains("\"from\": \"2024-10-01\"", json, StringComparison.Ordinal);
        Assert.Contains("\"layout\": \"byTheme\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"keepStandard\"", json, StringComparison.Ordinal);
    }

    private static string DraftJson() => MeasurePlanJson.Write(DrafterTests.DraftSeed000().Plan);

    [Fact]
    public void A_plan_missing_a_field_names_it()
    {
        var json = DraftJson().Replace("      \"title\": \"ทบทวนและจัดทำคู่มือหรือแนวทางการปฏิบัติงานที่ระบุขั้นตอนและระยะเวลา\",\n", "", StringComparison.Ordinal);
        Assert.NotEqual(DraftJson(), json);

        var error = Assert.Throws<MeasurePlanException>(() => MeasurePlanJson.Read(json));

        Assert.StartsWith("measures[0]", error.Field, StringComparison.Ordinal);
        Assert.Contains("title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_enum_names_the_field()
    {
        var json = DraftJson();
        var at = json.IndexOf("\"kind\": \"improve\"", StringComparison.Ordinal);
        var broken = string.Concat(json.AsSpan(0, at), "\"kind\": \"better\"", json.AsSpan(at + "\"kind\": \"improve\"".Length));

        var error = Assert.Throws<MeasurePlanException>(() => MeasurePlanJson.Read(broken));

        Assert.Equal("measures[0].kind", error.Field);
    }

    [Fact]
    public void A_bad_cadence_and_a_bad_year_name_their_fields()
    {
        var json = DraftJson();
        Assert.Equal("resultsYear",
            Assert.Throws<MeasurePlanException>(() => MeasurePlanJson.Read(json.Replace("\"resultsYear\": 2565", "\"resultsYear\": 1999", StringComparison.Ordinal))).Field);
        var at = json.IndexOf("\"cadence\": \"everySixMonths\"", StringComparison.Ordinal);
        var broken = string.Concat(json.AsSpan(0, at), "\"cadence\": \"weekly\"", json.AsSpan(at + "\"cadence\": \"everySixMonths\"".Length));
        Assert.Equal("measures[0].reporting.cadence", Assert.Throws<MeasurePlanException>(() => MeasurePlanJson.Read(broken)).Field);
    }

    [Theory]
    [InlineData(PlanStatus.Draft, PlanAction.Edit, PlanStatus.Draft)]
    [InlineData(PlanStatus.Draft, PlanAction.Submit, PlanStatus.Submitted)]
    [InlineData(PlanStatus.Submitted, PlanAction.Return, PlanStatus.Draft)]
    [InlineData(PlanStatus.Submitted, PlanAction.Approve, PlanStatus.Approved)]
    [InlineData(PlanStatus.Approved, PlanAction.Publish, PlanStatus.Published)]
    [InlineData(PlanStatus.Approved, PlanAction.Revise, PlanStatus.Draft)]
    [InlineData(PlanStatus.Published, PlanAction.Revise, PlanStatus.Draft)]
    public void Allowed_transitions(PlanStatus from, PlanAction action, PlanStatus to)
    {
        Assert.Equal(to, PlanWorkflow.Next(from, action));
        Assert.Null(PlanWorkflow.WhyNot(from, action));
    }

    [Theory]
    [InlineData(PlanStatus.Draft, PlanAction.Approve)]
    [InlineData(PlanStatus.Approved, PlanAction.Approve)]
    [InlineData(PlanStatus.Published, PlanAction.Approve)]
    [InlineData(PlanStatus.Approved, PlanAction.Edit)]
    [InlineData(PlanStatus.Published, PlanAction.Edit)]
    [InlineData(PlanStatus.Submitted, PlanAction.Edit)]
    [InlineData(PlanStatus.Draft, PlanAction.Revise)]
    [InlineData(PlanStatus.Submitted, PlanAction.Revise)]
    [InlineData(PlanStatus.Draft, PlanAction.Publish)]
    [InlineData(PlanStatus.Published, PlanAction.Submit)]
    public void Refused_transitions_say_why(PlanStatus from, PlanAction action)
    {
        Assert.Null(PlanWorkflow.Next(from, action));
        var why = PlanWorkflow.WhyNot(from, action);
        Assert.NotNull(why);
        Assert.False(string.IsNullOrWhiteSpace(why.Value.Th));
        Assert.False(string.IsNullOrWhiteSpace(why.Value.En));
    }

    [Fact]
    public void Only_a_submitted_revision_can_be_approved_and_an_approved_one_is_frozen()
    {
        Assert.Equal([PlanStatus.Submitted], Enum.GetValues<PlanStatus>().Where(s => PlanWorkflow.Next(s, PlanAction.Approve) is not null));
        Assert.True(PlanWorkflow.IsFrozen(PlanStatus.Approved));
        Assert.True(PlanWorkflow.IsFrozen(PlanStatus.Published));
        Assert.False(PlanWorkflow.IsFrozen(PlanStatus.Draft));
        Assert.False(PlanWorkflow.IsFrozen(PlanStatus.Submitted));
        Assert.Equal("Only a submitted revision can be approved.", PlanWorkflow.WhyNot(PlanStatus.Draft, PlanAction.Approve)!.Value.En);
        Assert.StartsWith("An approved revision cannot be edited", PlanWorkflow.WhyNot(PlanStatus.Approved, PlanAction.Edit)!.Value.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_stored_before_ids_reads_with_the_same_ids_for_every_reader()
    {
        var json = DraftJson(); // measures without ids, as plans were stored before issue 9 M3
        Assert.Contains("\"id\": null", json, StringComparison.Ordinal);

        var first = MeasurePlanJson.Read(json);
        var second = MeasurePlanJson.Read(json);

        Assert.Equal(first.Measures.Select(m => "m" + m.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), first.Measures.Select(m => m.Id));
        Assert.Equal(first.Measures.Select(m => m.Id), second.Measures.Select(m => m.Id));
        // Once written with them, the ids stay whatever moves.
        var reversed = first with { Measures = [.. first.Measures.Reverse()] };
        Assert.Equal(reversed.Measures.Select(m => m.Id), MeasurePlanJson.Read(MeasurePlanJson.Write(reversed)).Measures.Select(m => m.Id));
    }

    [Fact]
    public void The_fingerprint_of_a_measure_ignores_its_number_and_sees_its_content()
    {
        var measure = MeasurePlanJson.Read(DraftJson()).Measures[0];
        Assert.Equal(MeasurePlanJson.Fingerprint(measure), MeasurePlanJson.Fingerprint(measure with { Number = 9 }));
        Assert.NotEqual(MeasurePlanJson.Fingerprint(measure), MeasurePlanJson.Fingerprint(measure with { Title = measure.Title + "." }));
    }

    [Fact]
    public void A_stored_text_with_control_characters_reads_without_them()
    {
        var json = DraftJson().Replace("ทบทวนหรือจัดทำคู่มือ", "ทบทวน\\u0001หรือ\\u202Eจัดทำคู่มือ", StringComparison.Ordinal);
        Assert.Contains("\\u0001", json, StringComparison.Ordinal);
        Assert.Contains(MeasurePlanJson.Read(json).Measures.SelectMany(m => m.Steps), s => s.Text.Contains("ทบทวนหรือจัดทำคู่มือ", StringComparison.Ordinal));
    }
}
