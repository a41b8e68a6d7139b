using System.Text.Json.Serialization;

namespace OpenIta.Core.Plans;

/// <summary>What a KPI measures.</summary>
public enum KpiKind
{
    /// <summary>A percentage, 0–100: satisfaction, the share of staff who signed (654 of 662).</summary>
    Percent,

    /// <summary>A count: people, times a year, processes.</summary>
    Count,

    /// <summary>Done or not.</summary>
    YesNo,

    /// <summary>A score, such as the ITA total.</summary>
    Score,

    /// <summary>An amount in baht.</summary>
    Baht,
}

/// <summary>Where a KPI's actual comes from.</summary>
public enum KpiSource
{
    /// <summary>Reported in each round.</summary>
    Reported,

    /// <summary>The agency's ITA total of the fiscal year, read from OpenITA's results (seed 004: ITA ไม่น้อยกว่าร้อยละ ๙๓).</summary>
    ItaTotal,
}

/// <summary>How the actuals of successive periods make a year's value (Akvo RSR, DHIS2: cumulative or not).</summary>
public enum Cumulation
{
    /// <summary>Each period reports the value so far; the latest is the value.</summary>
    Cumulative,

    /// <summary>Each period reports its own; the year's value adds them (counts, baht) or pools them (a count of a total).</summary>
    PerPeriod,
}

/// <summary>How a target compares.</summary>
public enum TargetKind
{
    AtLeast,
    AtMost,
    EqualTo,
    Done,
}

/// <summary>
/// A KPI's target: at least, at most or exactly a number, or done. Seed 004: "ไม่น้อยกว่าร้อยละ ๘๐" is at least 80,
/// "อย่างน้อย ๑๕๐ คน" at least 150, "๑๒ ครั้ง/ปี" at least 12, "สำเร็จร้อยละ ๑๐๐" at least 100.
/// </summary>
public sealed record Target
{
    private Target(TargetKind kind, decimal? value)
    {
        Kind = kind;
        Value = value;
    }

    public TargetKind Kind { get; }

    /// <summary>The number compared with; null for <see cref="TargetKind.Done"/>.</summary>
    public decimal? Value { get; }

    public static Target AtLeast(decimal value) => new(TargetKind.AtLeast, value);
    public static Target AtMost(decimal value) => new(TargetKind.AtMost, value);
    public static Target EqualTo(decimal value) => new(TargetKind.EqualTo, value);
    public static Target Done { get; } = new(TargetKind.Done, null);
}

/// <summary>
/// A key performance indicator (ตัวชี้วัด) with its target (เป้าหมาย), on a plan item or a measure. Its id is unique in
/// its plan; progress entries refer to it.
/// </summary>
[JsonConverter(typeof(KpiJsonConverter))]
public sealed record Kpi
{
    public Kpi(string id, string name, KpiKind kind, Target target, string? targetText = null, string? unit = null,
        decimal? baseline = null, Cumulation cumulation = Cumulation.Cumulative, KpiSource source = KpiSource.Reported)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(target);
        if ((kind == KpiKind.YesNo) != (target.Kind == TargetKind.Done))
        {
            throw new ArgumentException("A yes/no KPI, and only it, has the target done.", nameof(target));
        }
        if (kind == KpiKind.Percent && target.Value is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target.Value, "A percentage target is from 0 to 100.");
        }
        if (kind is KpiKind.Count or KpiKind.Baht && target.Value is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target.Value, "A count or an amount is not negative.");
        }
        if (source == KpiSource.ItaTotal && kind != KpiKind.Score)
        {
            throw new ArgumentException("The ITA total is a score.", nameof(kind));
        }
        Id = id.Trim();
        Name = name.Trim();
        Kind = kind;
        Target = target;
        TargetText = string.IsNullOrWhiteSpace(targetText) ? null : targetText.Trim();
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        Baseline = baseline;
        Cumulation = cumulation;
        Source = source;
    }

    public string Id { get; }

    /// <summary>What is measured (ร้อยละของบุคลากรที่ลงนามรับทราบนโยบาย).</summary>
    public string Name { get; }

    public KpiKind Kind { get; }

    public Target Target { get; }

    /// <summary>The target as the agency worded it (อย่างน้อย ๑ ครั้งต่อปี); the documents print it when given.</summary>
    public string? TargetText { get; }

    /// <summary>The unit of a count (คน, ครั้ง, กระบวนการ).</summary>
    public string? Unit { get; }

    /// <summary>The value before the plan, when stated.</summary>
    public decimal? Baseline { get; }

    public Cumulation Cumulation { get; }

    public KpiSource Source { get; }
}
