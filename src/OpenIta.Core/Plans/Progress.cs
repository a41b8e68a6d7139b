using System.Globalization;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Plans;

/// <summary>The span a round reports on.</summary>
public enum PeriodKind
{
    /// <summary>October to March (รอบ ๖ เดือน).</summary>
    SixMonths,

    /// <summary>October to September (รอบ ๑๒ เดือน).</summary>
    TwelveMonths,

    /// <summary>A quarter of the fiscal year, 1–4 (quarter 1 is October–December).</summary>
    Quarter,

    /// <summary>A month of the fiscal year, 1–12 (month 1 is October).</summary>
    Month,
}

/// <summary>
/// A reporting period of a fiscal year. Its dates come from the year: FY2568's 6-month round runs from 1 October 2024
/// (2567 BE) to 31 March 2025, its 12-month round to 30 September 2025.
/// </summary>
public readonly record struct ReportingPeriod
{
    private ReportingPeriod(PeriodKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    public PeriodKind Kind { get; }

    /// <summary>The quarter (1–4) or fiscal month (1–12); 6 or 12 for the rounds.</summary>
    public int Index { get; }

    public static ReportingPeriod SixMonths { get; } = new(PeriodKind.SixMonths, 6);
    public static ReportingPeriod TwelveMonths { get; } = new(PeriodKind.TwelveMonths, 12);

    public static ReportingPeriod Quarter(int quarter) =>
        quarter is >= 1 and <= 4 ? new(PeriodKind.Quarter, quarter) : throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "Quarters are 1–4.");

    /// <summary>A month of the fiscal year: 1 is October, 12 is September.</summary>
    public static ReportingPeriod Month(int fiscalMonth) =>
        fiscalMonth is >= 1 and <= 12 ? new(PeriodKind.Month, fiscalMonth) : throw new ArgumentOutOfRangeException(nameof(fiscalMonth), fiscalMonth, "Fiscal months are 1 (October) to 12 (September).");

    /// <summary>How many months of the fiscal year the period's end is from its start (6 for the 6-month round).</summary>
    public int LastFiscalMonth => Kind switch
    {
        PeriodKind.Quarter => Index * 3,
        _ => Index,
    };

    public int FirstFiscalMonth => Kind switch
    {
        PeriodKind.Quarter => Index * 3 - 2,
        PeriodKind.Month => Index,
        _ => 1,
    };

    /// <summary>The first day of the period in the fiscal year.</summary>
    public DateOnly From(FiscalYear year) => year.FirstDay.AddMonths(FirstFiscalMonth - 1);

    /// <summary>The last day of the period in the fiscal year.</summary>
    public DateOnly To(FiscalYear year) => year.FirstDay.AddMonths(LastFiscalMonth).AddDays(-1);

    /// <summary>The contract's name: 6, 12, "q1"–"q4", "m1"–"m12".</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Quarter => "q" + Index.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Month => "m" + Index.ToString(CultureInfo.InvariantCulture),
        _ => Index.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Where an item or a measure stands in a round.</summary>
public enum EntryStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    Done,

    /// <summary>Not done, with the reason (seed 004: ไม่ได้รับการจัดสรรงบประมาณ).</summary>
    NotDone,
}

/// <summary>
/// An actual value reported for a KPI: a number, a count of a total (654 of 662 staff signed: a percentage), or done
/// / not done.
/// </summary>
public sealed record Actual
{
    private Actual(string kpi, decimal? value, decimal? count, decimal? of, bool? done)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kpi);
        Kpi = kpi.Trim();
        Value = value;
        Count = count;
        Of = of;
        Done = done;
    }

    /// <summary>The id of the KPI.</summary>
    public string Kpi { get; }

    /// <summary>The number, for a plain value.</summary>
    public decimal? Value { get; }

    /// <summary>How many of <see cref="Of"/>, for a count of a total.</summary>
    public decimal? Count { get; }

    public decimal? Of { get; }

    /// <summary>Done or not, for a yes/no KPI.</summary>
    public bool? Done { get; }

    public bool IsFraction => Of is not null;

    public static Actual Number(string kpi, decimal value) => new(kpi, value, null, null, null);

    /// <summary>A count of a total: <paramref name="count"/> of <paramref name="of"/>, 0 ≤ count ≤ of, of &gt; 0.</summary>
    public static Actual Fraction(string kpi, decimal count, decimal of)
    {
        if (of <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(of), of, "A total is more than zero.");
        }
        if (count < 0 || count > of)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A count of a total is from zero to the total.");
        }
        return new(kpi, null, count, of, null);
    }

    public static Actual YesNo(string kpi, bool done) => new(kpi, null, null, null, done);
}

/// <summary>A piece of evidence: a file or a link.</summary>
/// <param name="Name">What it is (รายงานการประชุม, ภาพกิจกรรม).</param>
/// <param name="Url">Where it is, when it is a link or a stored file's address.</param>
public sealed record Evidence(string Name, string? Url = null);

/// <summary>
/// What was reported for one plan item or one measure in a round. Exactly one of <see cref="Item"/> and
/// <see cref="Measure"/> is given.
/// </summary>
public sealed record ProgressEntry
{
    public ProgressEntry(string? item, int? measure, string? text, EntryStatus? status, string? reason = null,
        decimal? spent = null, IReadOnlyList<Actual>? actuals = null, string? outcome = null, int? participants = null,
        decimal? satisfaction = null, IReadOnlyList<Evidence>? evidence = null)
    {
        if (string.IsNullOrWhiteSpace(item) == (measure is null))
        {
            throw new ArgumentException("An entry reports on one plan item or one measure.", nameof(item));
        }
        if (measure is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(measure), measure, "Measures are numbered from 1.");
        }
        if (status == EntryStatus.NotDone && string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("Not done needs its reason.", nameof(reason));
        }
        if (spent is < 0 || participants is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spent), "Money spent and participants are not negative.");
        }
        if (satisfaction is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(satisfaction), satisfaction, "Satisfaction is a percentage, 0–100.");
        }
        Item = string.IsNullOrWhiteSpace(item) ? null : item.Trim();
        Measure = measure;
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        Status = status;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Spent = spent;
        Actuals = actuals ?? [];
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        Participants = participants;
        Satisfaction = satisfaction;
        Evidence = evidence ?? [];
    }

    /// <summary>The plan item's number.</summary>
    public string? Item { get; }

    /// <summary>The measure's number in the agency's measures plan of the year.</summary>
    public int? Measure { get; }

    /// <summary>What was done, in Thai (ผลการดำเนินงาน).</summary>
    public string? Text { get; }

    /// <summary>Where it stands; null when the report does not say (seed 004's measures report gives none).</summary>
    public EntryStatus? Status { get; }

    /// <summary>Why it was not done, or what puts it at risk.</summary>
    public string? Reason { get; }

    /// <summary>Money spent in baht.</summary>
    public decimal? Spent { get; }

    public IReadOnlyList<Actual> Actuals { get; }

    /// <summary>The outcome (ผลลัพธ์หรือผลสำเร็จในการดำเนินการ), as the measures report writes it.</summary>
    public string? Outcome { get; }

    public int? Participants { get; }

    /// <summary>The participants' satisfaction in percent.</summary>
    public decimal? Satisfaction { get; }

    public IReadOnlyList<Evidence> Evidence { get; }

    /// <summary>The item number or "measure N": what the entry is about.</summary>
    public string Subject => Item ?? "measure " + Measure!.Value.ToString(CultureInfo.InvariantCulture);

    public Actual? ActualOf(string kpi) => Actuals.FirstOrDefault(a => string.Equals(a.Kpi, kpi, StringComparison.Ordinal));
}

/// <summary>A correction to a closed round: the entry as it should read, why, by whom and when. The round's own entries
/// are never rewritten; the newest correction of a subject is what the round now says.</summary>
public sealed record Correction(ProgressEntry Entry, string Reason, string By, DateTimeOffset At);

/// <summary>
/// One round of progress reports for a fiscal year: the entries for plan items, or for measures. Open rounds take
/// edits; a closed round is frozen (<see cref="RoundFreeze"/>): what it said stays, corrections are added with who
/// and why.
/// </summary>
public sealed record ProgressRound
{
    public ProgressRound(FiscalYear fiscalYear, ReportingPeriod period, IReadOnlyList<ProgressEntry> entries,
        DateTimeOffset? closedAt = null, IReadOnlyList<Correction>? corrections = null, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var subjects = entries.Select(e => e.Subject).ToList();
        if (subjects.Distinct(StringComparer.Ordinal).Count() != subjects.Count)
        {
            throw new ArgumentException("A round has one entry per item or measure.", nameof(entries));
        }
        if (corrections is { Count: > 0 } && closedAt is null)
        {
            throw new ArgumentException("Only a closed round is corrected; an open round is edited.", nameof(corrections));
        }
        FiscalYear = fiscalYear;
        Period = period;
        Entries = entries;
        ClosedAt = closedAt;
        Corrections = corrections ?? [];
        Notes = notes ?? [];
    }

    public FiscalYear FiscalYear { get; }
    public ReportingPeriod Period { get; }

    /// <summary>The entries as reported while the round was open.</summary>
    public IReadOnlyList<ProgressEntry> Entries { get; }

    /// <summary>When the round was closed; null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; }

    public IReadOnlyList<Correction> Corrections { get; }

    /// <summary>Notes under the report (seed 004: หมายเหตุ งบประมาณดำเนินงานโครงการฯ …).</summary>
    public IReadOnlyList<string> Notes { get; }

    public bool IsClosed => ClosedAt is not null;

    public DateOnly From => Period.From(FiscalYear);
    public DateOnly To => Period.To(FiscalYear);

    /// <summary>What the round says now for each subject: the newest correction, else the entry; in entry order, then
    /// subjects only a correction adds.</summary>
    public IReadOnlyList<ProgressEntry> Effective()
    {
        var corrected = new Dictionary<string, ProgressEntry>(StringComparer.Ordinal);
        foreach (var correction in Corrections.OrderBy(c => c.At))
        {
            corrected[correction.Entry.Subject] = correction.Entry;
        }
        var result = Entries.Select(e => corrected.GetValueOrDefault(e.Subject, e)).ToList();
        result.AddRange(corrected.Values.Where(c => !Entries.Any(e => e.Subject == c.Subject)));
        return result;
    }

    /// <summary>What the round says now about a plan item, or null.</summary>
    public ProgressEntry? ForItem(string number) => Effective().FirstOrDefault(e => e.Item == number);

    /// <summary>What the round says now about a measure, or null.</summary>
    public ProgressEntry? ForMeasure(int number) => Effective().FirstOrDefault(e => e.Measure == number);
}
