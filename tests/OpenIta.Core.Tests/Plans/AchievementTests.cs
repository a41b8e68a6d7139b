using FsCheck;
using FsCheck.Fluent;
using OpenIta.Core.Plans;
using Xunit;

namespace OpenIta.Core.Tests.Plans;

/// <summary>The one computation of achievement: exact values, compared as shown, unknown when not reported.</summary>
public sealed class AchievementTests
{
    private static Kpi Percent(Target target) => new("k", "ร้อยละ", KpiKind.Percent, target);
    private static Kpi Count(Target target) => new("k", "จำนวน", KpiKind.Count, target);

    public static TheoryData<string, decimal, AchievementStatus> Cases => new()
    {
        { "atLeast 80", 80m, AchievementStatus.Achieved },
        { "atLeast 80", 79.994m, AchievementStatus.NotAchieved },   // shown 79.99
        { "atLeast 80", 79.995m, AchievementStatus.Achieved },      // shown 80.00: the document never says 80.00 is short
        { "atMost 5", 5m, AchievementStatus.Achieved },
        { "atMost 5", 5.01m, AchievementStatus.NotAchieved },
        { "equals 12", 12m, AchievementStatus.Achieved },
        { "equals 12", 11m, AchievementStatus.NotAchieved },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_value_meets_its_target_as_shown(string target, decimal value, AchievementStatus status)
    {
        var parts = target.Split(' ');
        var n = decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var t = parts[0] switch { "atLeast" => Target.AtLeast(n), "atMost" => Target.AtMost(n), _ => Target.EqualTo(n) };

        Assert.Equal(status, Achievement.Of(Count(t), Actual.Number("k", value)).Status);
    }

    [Fact]
    public void A_missing_actual_is_unknown_never_zero()
    {
        var result = Achievement.Of(Count(Target.AtMost(3)), actual: null);

        Assert.Equal(AchievementStatus.Unknown, result.Status);
        Assert.Null(result.Value);
        Assert.Null(result.Shown);
        // An entry without this KPI's actual, and a KPI read from the ITA total before the results exist: unknown too.
        var entry = new ProgressEntry("1", null, "ทำแล้ว", EntryStatus.Done);
        Assert.Equal(AchievementStatus.Unknown, Achievement.Of(Count(Target.AtMost(3)), entry, null).Status);
        var ita = new Kpi("ita", "ITA", KpiKind.Score, Target.AtLeast(93), source: KpiSource.ItaTotal);
        Assert.Equal(AchievementStatus.Unknown, Achievement.Of(ita, entry, null).Status);
    }

    [Fact]
    public void Yes_no_is_done_or_not()
    {
        var kpi = new Kpi("y", "มีการประกาศ", KpiKind.YesNo, Target.Done);

        Assert.Equal(AchievementStatus.Achieved, Achievement.Of(kpi, Actual.YesNo("y", true)).Status);
        Assert.Equal(AchievementStatus.NotAchieved, Achievement.Of(kpi, Actual.YesNo("y", false)).Status);
        Assert.Equal(AchievementStatus.Unknown, Achievement.Of(kpi, Actual.Number("y", 1)).Status);
        Assert.Throws<ArgumentException>(() => new Kpi("y", "x", KpiKind.YesNo, Target.AtLeast(1)));
    }

    [Fact]
    public void Periods_combine_by_the_kpis_cumulation()
    {
        var perPeriod = new Kpi("k", "รายงาน", KpiKind.Count, Target.AtLeast(12), cumulation: Cumulation.PerPeriod);
        var cumulative = new Kpi("k", "รายงาน", KpiKind.Count, Target.AtLeast(12));
        Actual[] quarters = [Actual.Number("k", 3), Actual.Number("k", 3), Actual.Number("k", 3), Actual.Number("k", 3)];

        Assert.Equal(12m, Achievement.Combine(perPeriod, quarters)!.Value);
        Assert.Equal(3m, Achievement.Combine(cumulative, quarters)!.Value);
        var share = new Kpi("s", "ร้อยละ", KpiKind.Percent, Target.AtLeast(80), cumulation: Cumulation.PerPeriod);
        var pooled = Achievement.Combine(share, [Actual.Fraction("s", 330, 330), Actual.Fraction("s", 324, 332)])!;
        Assert.Equal("98.79", Achievement.Of(share, pooled).Shown); // 654 of 662, not the mean of two shares
        Assert.Null(Achievement.Combine(perPeriod, []));
    }

    [Fact]
    public void Achievement_is_monotone_in_the_actual_for_at_least_targets() =>
        Prop.ForAll(
            Gen.Choose(0, 100_000).Select(n => n / 1000m).ToArbitrary(),
            Gen.Choose(0, 100_000).Select(n => n / 1000m).ToArbitrary(),
            Gen.Choose(0, 10_000).Select(n => n / 100m).ToArbitrary(),
            (a, b, target) =>
            {
                var kpi = Percent(Target.AtLeast(target));
                var (low, high) = a <= b ? (a, b) : (b, a);
                var lowAchieved = Achievement.Of(kpi, Actual.Number("k", low)).Status == AchievementStatus.Achieved;
                var highAchieved = Achievement.Of(kpi, Actual.Number("k", high)).Status == AchievementStatus.Achieved;
                return !lowAchieved || highAchieved;
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_count_of_a_total_is_the_same_as_its_percentage_and_at_most_mirrors_at_least() =>
        Prop.ForAll(
            Gen.Choose(1, 5000).SelectMany(of => Gen.Choose(0, of).Select(count => (count, of))).ToArbitrary(),
            Gen.Choose(0, 100).ToArbitrary(),
            (fraction, target) =>
            {
                var (count, of) = fraction;
                var exact = count * 100m / of;
                var asFraction = Achievement.Of(Percent(Target.AtLeast(target)), Actual.Fraction("k", count, of));
                var asValue = Achievement.Of(Percent(Target.AtLeast(target)), Actual.Number("k", exact));
                var atMost = Achievement.Of(Percent(Target.AtMost(target)), Actual.Fraction("k", count, of));
                var shown = Math.Round(exact, 2, MidpointRounding.AwayFromZero);
                return asFraction == asValue
                    && (atMost.Status == AchievementStatus.Achieved) == (shown <= target)
                    && (asFraction.Status == AchievementStatus.Achieved) == (shown >= target);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Invalid_actuals_and_targets_are_refused_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Actual.Fraction("k", 663, 662));
        Assert.Throws<ArgumentOutOfRangeException>(() => Actual.Fraction("k", 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percent(Target.AtLeast(101)));
        Assert.Throws<ArgumentException>(() => new Budget(new(2568), 5, BudgetSource.None));
        Assert.Throws<ArgumentException>(() => new Budget(new(2568), null, BudgetSource.Own));
        Assert.Throws<ArgumentException>(() => new ProgressEntry("1", null, null, EntryStatus.NotDone));
    }
}
