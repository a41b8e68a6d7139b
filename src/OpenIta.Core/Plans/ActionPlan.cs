using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Plans;

/// <summary>
/// An agency's anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต, DOMAIN.md §5, seed 004) covering one or more
/// fiscal years: a tree of items whose level names the plan defines. A central agency writes ยุทธศาสตร์ → กลยุทธ์ →
/// โครงการ → กิจกรรม → กิจกรรมย่อย for one year; a local administration writes มิติ → แผนงาน → โครงการ for four years,
/// with a budget for each. Both are the same type: nothing in the code knows a level by its name.
/// </summary>
/// <remarks>
/// Built only through <see cref="ActionPlan(string, IReadOnlyList{FiscalYear}, IReadOnlyList{string}, IReadOnlyList{PlanItem}, int?, IReadOnlyList{string}?)"/>,
/// which checks what a plan is by itself (years, levels, depth); the rules across the tree (unique numbers and KPI ids,
/// budget years inside the plan) are <see cref="PlanRules"/>, which name the JSON path of each fault.
/// </remarks>
public sealed record ActionPlan
{
    public ActionPlan(
        string title,
        IReadOnlyList<FiscalYear> fiscalYears,
        IReadOnlyList<string> levels,
        IReadOnlyList<PlanItem> items,
        int? headingLevels = null,
        IReadOnlyList<string>? notes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(fiscalYears);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(items);
        if (fiscalYears.Count == 0 || fiscalYears.Distinct().Count() != fiscalYears.Count)
        {
            throw new ArgumentException("A plan covers one or more distinct fiscal years.", nameof(fiscalYears));
        }
        if (levels.Count == 0 || levels.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A plan names one or more levels (ยุทธศาสตร์, กลยุทธ์, โครงการ …).", nameof(levels));
        }
        var depth = Depth(items);
        if (depth > levels.Count)
        {
            throw new ArgumentException($"The items are {depth} levels deep but the plan names {levels.Count} levels.", nameof(items));
        }
        if (headingLevels is < 0 || headingLevels >= levels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(headingLevels), headingLevels, "At least the last level is written as table rows.");
        }
        Title = title.Trim();
        FiscalYears = [.. fiscalYears.Order()];
        Levels = levels;
        Items = items;
        HeadingLevels = headingLevels ?? Math.Min(2, levels.Count - 1);
        Notes = notes ?? [];
    }

    /// <summary>The plan's title as the agency writes it.</summary>
    public string Title { get; }

    /// <summary>The fiscal years the plan covers, ascending.</summary>
    public IReadOnlyList<FiscalYear> FiscalYears { get; }

    /// <summary>The names of the levels, top first: level 0 is the items of <see cref="Items"/>.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>The top-level items.</summary>
    public IReadOnlyList<PlanItem> Items { get; }

    /// <summary>How many top levels the documents write as headings with their goal and KPIs (seed 004: ยุทธศาสตร์ and
    /// กลยุทธ์); the levels below are the rows of the tables. Two by default, fewer when the plan has fewer levels.</summary>
    public int HeadingLevels { get; }

    /// <summary>Notes under the plan (หมายเหตุ).</summary>
    public IReadOnlyList<string> Notes { get; }

    public bool Covers(FiscalYear year) => FiscalYears.Contains(year);

    /// <summary>Every item with its depth (0 = top) and its parent, depth first in document order.</summary>
    public IEnumerable<PlacedItem> All()
    {
        var stack = new Stack<PlacedItem>(Items.Reverse().Select(i => new PlacedItem(i, 0, null)));
        while (stack.Count > 0)
        {
            var placed = stack.Pop();
            yield return placed;
            for (var c = placed.Item.Items.Count - 1; c >= 0; c--)
            {
                stack.Push(new PlacedItem(placed.Item.Items[c], placed.Depth + 1, placed.Item));
            }
        }
    }

    /// <summary>The item with this number, or null.</summary>
    public PlanItem? Find(string number) =>
        All().FirstOrDefault(p => string.Equals(p.Item.Number, number, StringComparison.Ordinal))?.Item;

    /// <summary>Every KPI of the plan, with the item it belongs to.</summary>
    public IEnumerable<(PlanItem Item, Kpi Kpi)> Kpis() => All().SelectMany(p => p.Item.Kpis.Select(k => (p.Item, k)));

    private static int Depth(IReadOnlyList<PlanItem> items) => items.Count == 0 ? 0 : 1 + items.Max(i => Depth(i.Items));
}

/// <summary>An item and where it sits.</summary>
public sealed record PlacedItem(PlanItem Item, int Depth, PlanItem? Parent);

/// <summary>
/// One item of a plan at any level: a strategy, a tactic, a project, an activity, a dimension, a programme …
/// </summary>
/// <param name="Number">Its number, unique in the plan (progress entries refer to it): "1", "1.2", "1.2.1" …</param>
/// <param name="Title">What it is, as the agency writes it.</param>
/// <param name="Label">How the documents number it when that differs from <paramref name="Number"/> (seed 004 numbers
/// projects 1, 2 … under each tactic and sub-activities "กิจกรรมย่อยที่ 1").</param>
/// <param name="Goal">Its goal (เป้าหมาย), as a tactic of seed 004 states it.</param>
/// <param name="Objective">Its objective (วัตถุประสงค์).</param>
/// <param name="Owners">The units responsible (ศปท., กพบ. …).</param>
/// <param name="Kpis">Its KPIs, each with its target.</param>
/// <param name="Budgets">Its budget per fiscal year; at most one per year.</param>
/// <param name="Timeline">When it runs, when stated.</param>
/// <param name="Notes">Notes (หมายเหตุ).</param>
/// <param name="Items">The items under it.</param>
public sealed record PlanItem(
    string Number,
    string Title,
    string? Label,
    string? Goal,
    string? Objective,
    IReadOnlyList<string> Owners,
    IReadOnlyList<Kpi> Kpis,
    IReadOnlyList<Budget> Budgets,
    Timeline? Timeline,
    IReadOnlyList<string> Notes,
    IReadOnlyList<PlanItem> Items)
{
    public string Number { get; } = !string.IsNullOrWhiteSpace(Number) ? Number.Trim() : throw new ArgumentException("An item has a number.", nameof(Number));

    public string Title { get; } = !string.IsNullOrWhiteSpace(Title) ? Title.Trim() : throw new ArgumentException("An item has a title.", nameof(Title));

    /// <summary>How the documents number it: the label when given, else the number.</summary>
    public string ShownNumber => string.IsNullOrWhiteSpace(Label) ? Number : Label.Trim();

    /// <summary>Its budget of a year, or null when none is stated for that year.</summary>
    public Budget? BudgetOf(FiscalYear year) => Budgets.FirstOrDefault(b => b.FiscalYear == year);

    /// <summary>A leaf item with a title and nothing else (for tests and drafting).</summary>
    public static PlanItem Of(string number, string title, params PlanItem[] items) =>
        new(number, title, null, null, null, [], [], [], null, [], items);
}

/// <summary>Where an item's money comes from.</summary>
public enum BudgetSource
{
    /// <summary>The item's own budget line.</summary>
    Own,

    /// <summary>Another unit's budget (seed 004: "๒,๖๗๐ (งบ กทบ.)", "งบประมาณ ของ กพบ.").</summary>
    OtherUnit,

    /// <summary>It needs no money (seed 004: ไม่ใช้งบประมาณ).</summary>
    None,

    /// <summary>It asked for money and got none (seed 004: ไม่ได้รับการจัดสรรงบประมาณ).</summary>
    NotAllocated,
}

/// <summary>
/// An item's budget for one fiscal year. An amount is given for <see cref="BudgetSource.Own"/> and may be for
/// <see cref="BudgetSource.OtherUnit"/> (seed 004 names the unit but not always the amount); none and not allocated
/// carry no amount.
/// </summary>
/// <param name="Planned">The planned amount in baht, when known.</param>
/// <param name="Unit">Whose budget, for another unit's (กทบ., กพบ.).</param>
/// <param name="Text">What the agency wrote beside it (งบค่ารับรองและพิธีการ), shown with the amount.</param>
public sealed record Budget
{
    public Budget(FiscalYear fiscalYear, decimal? planned, BudgetSource source, string? unit = null, string? text = null)
    {
        if (planned is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(planned), planned, "A budget is not negative.");
        }
        if (planned is not null && source is BudgetSource.None or BudgetSource.NotAllocated)
        {
            throw new ArgumentException($"A budget of source {source} has no amount.", nameof(planned));
        }
        if (planned is null && source == BudgetSource.Own)
        {
            throw new ArgumentException("An own budget has an amount.", nameof(planned));
        }
        FiscalYear = fiscalYear;
        Planned = planned;
        Source = source;
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public FiscalYear FiscalYear { get; }
    public decimal? Planned { get; }
    public BudgetSource Source { get; }
    public string? Unit { get; }
    public string? Text { get; }
}
