using Microsoft.EntityFrameworkCore;
using OpenIta.Core.Measures;
using OpenIta.Core.Plans;
using OpenIta.Data;
using OpenIta.Data.Agencies;
using OpenIta.Data.Plans;
using OpenIta.Data.Users;
using OpenIta.Reports.Thai;

namespace OpenIta.Web.Features.Plans;

/// <summary>One thing a round asks about, as the pages show it: the subject, its entry, its KPIs judged by
/// <see cref="Achievement"/> (the one place), whether it is overdue, and whether the user may write it.</summary>
public sealed record SubjectLine(RoundSubject Subject, ProgressEntry? Entry, IReadOnlyList<(KpiAchievement Result, Actual? Actual)> Kpis,
    Budget? Budget, bool Overdue, bool CanWrite)
{
    public ReviewStatus? Review => Subject.Entry?.Review;

    /// <summary>Reported and with the coordinator or accepted: nothing more is owed.</summary>
    public bool Delivered => Review is ReviewStatus.Submitted or ReviewStatus.Accepted;

    public bool AtRisk => Entry?.Status is EntryStatus.AtRisk or EntryStatus.NotDone;
}

/// <summary>What a unit still owes in a round.</summary>
public sealed record UnitDue(string Unit, int Subjects, int Owed, int Overdue, int AtRisk);

/// <summary>
/// A round read for its pages (the round page, the report form, the to-do list): the plan, the round's subjects with
/// their entries and achievement, what each unit still owes, and the budget planned and spent. Entries are the round's
/// own (sequence 0) in whatever review they stand, corrections of a closed round applied; achievement and budget read
/// the core's <see cref="Achievement"/> and <see cref="BudgetRollup"/>, as the documents do.
/// </summary>
public sealed class RoundView
{
    public required ProgressRoundRow Round { get; init; }
    public required ActionPlanRow PlanRow { get; init; }
    public required ActionPlan Plan { get; init; }
    public required MeasurePlan? Measures { get; init; }
    public required IReadOnlyList<SubjectLine> Lines { get; init; }
    public required IReadOnlyList<ProgressEntryRow> Rows { get; init; }
    public required ProgressRound Reported { get; init; }
    public required DateOnly Today { get; init; }
    public decimal? ItaTotal { get; init; }

    public bool IsOpen => Round.Status == RoundStatus.Open;

    public bool IsPastDue => IsOpen && Round.DueOn is { } due && Today > due;

    /// <summary>The corrections made after the round closed, newest last.</summary>
    public IEnumerable<ProgressEntryRow> Corrections => Rows.Where(r => r.Sequence > 0).OrderBy(r => r.CreatedAtUnixMs);

    /// <summary>Each unit named as an owner, with what it still owes; subjects no unit owns are the coordinator's ("").</summary>
    public IReadOnlyList<UnitDue> ByUnit()
    {
        var units = new SortedDictionary<string, List<SubjectLine>>(StringComparer.Ordinal);
        foreach (var line in Lines.Where(l => Reportable(l)))
        {
            foreach (var unit in line.Subject.Owners.DefaultIfEmpty(""))
            {
                (units.TryGetValue(unit, out var list) ? list : units[unit] = []).Add(line);
            }
        }
        return [.. units.Select(u => new UnitDue(u.Key, u.Value.Count, u.Value.Count(l => !l.Delivered), u.Value.Count(l => l.Overdue),
            u.Value.Count(l => l.AtRisk)))];
    }

    /// <summary>Whether a subject is reported on: a measure, or a plan item that is a row of the report (below the
    /// heading levels) or carries KPIs or a budget of the year.</summary>
    public bool Reportable(SubjectLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return IsReportable(Plan, line.Subject, Round.Year());
    }

    /// <summary>The rule of <see cref="Reportable(SubjectLine)"/> for a subject of a plan in a year.</summary>
    public static bool IsReportable(ActionPlan plan, RoundSubject subject, Core.Methodology.FiscalYear year)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.MeasureNumber is not null || subject.Depth >= plan.HeadingLevels)
        {
            return true;
        }
        var item = subject.ItemNumber is { } number ? plan.Find(number) : null;
        return item is not null && (item.Kpis.Count > 0 || item.BudgetOf(year) is not null);
    }

    public IReadOnlyList<BudgetTotal> BudgetByLevel() => BudgetRollup.ByLevel(Plan, Round.Year(), Reported);

    public SubjectLine? Line(string subject) => Lines.FirstOrDefault(l => l.Subject.Subject == subject);

    /// <summary>The round of an agency with everything its pages show; null when the agency has no such round.</summary>
    public static async Task<RoundView?> LoadAsync(OpenItaDb db, PlanStore store, Agency agency, Permissions permissions, int roundId,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(permissions);
        var round = await store.FindRoundAsync(agency.Id, roundId, cancellationToken);
        if (round is null || await store.FindPlanAsync(agency.Id, round.PlanId, cancellationToken) is not { } planRow)
        {
            return null;
        }
        var plan = planRow.Plan();
        var measures = await store.MeasuresForAsync(agency.Id, round.FiscalYear, cancellationToken);
        var subjects = await store.SubjectsAsync(agency.Id, roundId, cancellationToken);
        var rows = await store.EntriesAsync(roundId, cancellationToken);
        var items = await store.ProgressRoundAsync(roundId, RoundPart.Items, acceptedOnly: false, cancellationToken);
        var measured = await store.ProgressRoundAsync(roundId, RoundPart.Measures, acceptedOnly: false, cancellationToken);
        var total = await db.Results.AsNoTracking().Where(r => r.AgencyId == agency.Id && r.FiscalYear == round.FiscalYear)
            .Select(r => r.TotalHundredths).SingleOrDefaultAsync(cancellationToken);
        decimal? itaTotal = total is { } t ? t / 100m : null;
        var today = ThaiTime.Today(clock);
        var pastDue = round.Status == RoundStatus.Open && round.DueOn is { } due && today > due;
        var open = round.Status == RoundStatus.Open;
        var lines = subjects.Select(s =>
        {
            var entry = s.ItemNumber is { } number ? items.ForItem(number) : measured.ForMeasure(s.MeasureNumber!.Value);
            IReadOnlyList<Kpi> kpis = s.ItemNumber is { } n
                ? plan.Find(n)?.Kpis ?? []
                : measures?.Measures.FirstOrDefault(m => m.Number == s.MeasureNumber)?.Kpis ?? [];
            var results = kpis.Select(k => (Achievement.Of(k, entry, itaTotal), entry?.ActualOf(k.Id))).ToList();
            var budget = s.ItemNumber is { } b ? plan.Find(b)?.BudgetOf(round.Year()) : null;
            var delivered = s.Entry?.Review is ReviewStatus.Submitted or ReviewStatus.Accepted;
            return new SubjectLine(s, entry, results, budget, pastDue && !delivered, open && permissions.CanReportOn(agency, s.Owners));
        }).ToList();
        return new RoundView
        {
            Round = round,
            PlanRow = planRow,
            Plan = plan,
            Measures = measures,
            Lines = lines,
            Rows = rows,
            Reported = items,
            Today = today,
            ItaTotal = itaTotal,
        };
    }
}
