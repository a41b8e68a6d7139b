using OpenIta.Core.Methodology;
using OpenIta.Core.Plans;
using Xunit;

namespace OpenIta.Core.Tests.Plans;

/// <summary>Closing a round freezes it: later edits never rewrite it; a correction is a new, audited entry.</summary>
public sealed class RoundFreezeTests
{
    private static readonly DateTimeOffset Closed = new(2025, 10, 15, 9, 0, 0, TimeSpan.FromHours(7));

    private static ProgressEntry Signed(decimal count) =>
        new("1.3.1", null, "ลงนามรับทราบ", EntryStatus.Done, actuals: [Actual.Fraction("p1", count, 662)]);

    private static ProgressRound Open() => new(new FiscalYear(2568), ReportingPeriod.TwelveMonths, [Signed(650)]);

    [Fact]
    public void An_open_round_takes_edits_in_place()
    {
        var edited = RoundFreeze.Edit(Open(), Signed(654));

        Assert.True(edited.Accepted);
        Assert.Equal(654m, edited.Round!.Entries.Single().Actuals[0].Count);
    }

    [Fact]
    public void A_closed_round_refuses_edits()
    {
        var closed = RoundFreeze.Close(Open(), Closed).Round!;

        var edit = RoundFreeze.Edit(closed, Signed(654));

        Assert.False(edit.Accepted);
        Assert.Contains("ปิดแล้ว", edit.RefusedTh, StringComparison.Ordinal);
        Assert.False(RoundFreeze.Close(closed, Closed.AddDays(1)).Accepted);
    }

    [Fact]
    public void A_correction_is_added_beside_what_the_closed_round_said()
    {
        var closed = RoundFreeze.Close(Open(), Closed).Round!;

        var corrected = RoundFreeze.Correct(closed, Signed(654), "นับผู้ลงนามตกหล่น 4 คน", "ศปท.", Closed.AddDays(3)).Round!;

        Assert.Equal(650m, corrected.Entries.Single().Actuals[0].Count); // what was said stays
        var correction = corrected.Corrections.Single();
        Assert.Equal(("นับผู้ลงนามตกหล่น 4 คน", "ศปท.", Closed.AddDays(3)), (correction.Reason, correction.By, correction.At));
        Assert.Equal(654m, corrected.ForItem("1.3.1")!.Actuals[0].Count); // what the round says now
        Assert.Equal(Closed, corrected.ClosedAt);
    }

    [Fact]
    public void The_newest_correction_wins_and_corrections_need_a_reason_an_author_and_a_closed_round()
    {
        var closed = RoundFreeze.Close(Open(), Closed).Round!;
        var once = RoundFreeze.Correct(closed, Signed(652), "แก้ไข", "ศปท.", Closed.AddDays(2)).Round!;
        var twice = RoundFreeze.Correct(once, Signed(654), "แก้ไขอีกครั้ง", "ศปท.", Closed.AddDays(5)).Round!;

        Assert.Equal(654m, twice.ForItem("1.3.1")!.Actuals[0].Count);
        Assert.Equal(2, twice.Corrections.Count);
        Assert.False(RoundFreeze.Correct(closed, Signed(654), " ", "ศปท.", Closed).Accepted);
        Assert.False(RoundFreeze.Correct(closed, Signed(654), "เหตุผล", "", Closed).Accepted);
        Assert.False(RoundFreeze.Correct(Open(), Signed(654), "เหตุผล", "ศปท.", Closed).Accepted);
    }

    [Fact]
    public void A_closed_round_with_corrections_round_trips_through_json()
    {
        var closed = RoundFreeze.Close(Open(), Closed).Round!;
        var corrected = RoundFreeze.Correct(closed, Signed(654), "แก้ไข", "ศปท.", Closed.AddDays(2)).Round!;
        var plan = new ActionPlan("แผน", [new FiscalYear(2568)], ["โครงการ"],
            [PlanItem.Of("1.3.1", "No Gift Policy") with { Kpis = [new Kpi("p1", "ร้อยละ", KpiKind.Percent, Target.AtLeast(80))] }]);

        var read = PlanJson.Read(PlanJson.Write(new PlanImport(plan, [corrected], [])));

        var round = read.Reports.Single();
        Assert.Equal(Closed, round.ClosedAt);
        Assert.Equal(650m, round.Entries.Single().Actuals[0].Count);
        Assert.Equal(654m, round.ForItem("1.3.1")!.Actuals[0].Count);
    }
}
