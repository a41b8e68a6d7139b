using OpenIta.Core.Scoring;

namespace OpenIta.Core.Plans;

/// <summary>Whether a KPI reached its target.</summary>
public enum AchievementStatus
{
    Achieved,
    NotAchieved,

    /// <summary>No actual was reported (or the ITA total is not known yet): never guessed.</summary>
    Unknown,
}

/// <summary>A KPI's value in a round and whether it meets the target.</summary>
/// <param name="Value">The exact value (654 of 662 → 98.7915…%; done → 1, not done → 0); null when unknown.</param>
public sealed record KpiAchievement(Kpi Kpi, decimal? Value, AchievementStatus Status)
{
    /// <summary>The value as shown: two decimals, half-up (<see cref="Score.Display(decimal)"/>); null when unknown.</summary>
    public string? Shown => Kpi.Kind == KpiKind.YesNo ? null : Score.Display(Value);

    public bool? Done => Kpi.Kind == KpiKind.YesNo && Value is { } v ? v == 1m : null;
}

/// <summary>
/// The one place that computes achievement, for every page, document and export. Values are exact decimals; the
/// comparison with the target is made on the value as shown (two decimals, half-up, as <see cref="Score"/> and the
/// rating do), so that a document never prints "80.00" beside "not achieved" for a target of at least 80.
/// A missing actual is <see cref="AchievementStatus.Unknown"/>, never zero.
/// </summary>
public static class Achievement
{
    /// <summary>The exact value of an actual for a KPI: a count of a total as a percentage (654 of 662 → 98.79…), a
    /// number as given, done as 1 and not done as 0. Null when the actual does not fit the KPI's kind.</summary>
    public static decimal? ValueOf(Kpi kpi, Actual actual)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(actual);
        return (kpi.Kind, actual) switch
        {
            (KpiKind.YesNo, { Done: { } done }) => done ? 1m : 0m,
            (KpiKind.YesNo, _) => null,
            (KpiKind.Percent, { Count: { } count, Of: { } of }) => count * 100m / of,
            (_, { Value: { } value }) => value,
            _ => null,
        };
    }

    /// <summary>Whether an exact value meets a target, compared as shown (two decimals, half-up).</summary>
    public static bool Meets(Target target, decimal value)
    {
        ArgumentNullException.ThrowIfNull(target);
        var shown = Score.Round(value);
        return target.Kind switch
        {
            TargetKind.AtLeast => shown >= target.Value!.Value,
            TargetKind.AtMost => shown <= target.Value!.Value,
            TargetKind.EqualTo => shown == target.Value!.Value,
            _ => value == 1m,
        };
    }

    /// <summary>A KPI against an actual (none: unknown).</summary>
    public static KpiAchievement Of(Kpi kpi, Actual? actual)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var value = actual is null ? null : ValueOf(kpi, actual);
        return value is { } v
            ? new KpiAchievement(kpi, v, Meets(kpi.Target, v) ? AchievementStatus.Achieved : AchievementStatus.NotAchieved)
            : new KpiAchievement(kpi, null, AchievementStatus.Unknown);
    }

    /// <summary>
    /// A KPI in a round: the entry's actual, or — for a KPI that reads the ITA total — the agency's total of the year
    /// from its results (<paramref name="itaTotal"/>; unknown until there is one).
    /// </summary>
    public static KpiAchievement Of(Kpi kpi, ProgressEntry? entry, decimal? itaTotal)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        if (kpi.Source == KpiSource.ItaTotal)
        {
            return Of(kpi, itaTotal is { } total ? Actual.Number(kpi.Id, total) : null);
        }
        return Of(kpi, entry?.ActualOf(kpi.Id));
    }

    /// <summary>
    /// The actual of a span made of periods, oldest first (monthly or quarterly rounds into a year): for a cumulative KPI
    /// the latest; for a per-period one the sum of numbers, the pooled count of a total (Σcount of Σtotal), done when
    /// any period is done. Null when no period reported.
    /// </summary>
    public static Actual? Combine(Kpi kpi, IEnumerable<Actual> periods)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        var list = periods.Where(a => string.Equals(a.Kpi, kpi.Id, StringComparison.Ordinal)).ToList();
        if (list.Count == 0)
        {
            return null;
        }
        if (kpi.Cumulation == Cumulation.Cumulative)
        {
            return list[^1];
        }
        if (kpi.Kind == KpiKind.YesNo)
        {
            return Actual.YesNo(kpi.Id, list.Any(a => a.Done == true));
        }
        if (list.All(a => a.IsFraction))
        {
            return Actual.Fraction(kpi.Id, list.Sum(a => a.Count!.Value), list.Sum(a => a.Of!.Value));
        }
        return Actual.Number(kpi.Id, list.Sum(a => ValueOf(kpi, a) ?? 0m));
    }
}
