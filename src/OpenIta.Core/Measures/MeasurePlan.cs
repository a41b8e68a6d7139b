using System.Text.Json.Serialization;
using OpenIta.Core.Methodology;

namespace OpenIta.Core.Measures;

/// <summary>
/// An agency's measures (มาตรการ) answering the ITA results of one fiscal year (DOMAIN.md §4, seeds 000–003). The plan
/// is keyed by the year of the results it answers (<see cref="ResultsYear"/>); its measures run in the next fiscal
/// year (<see cref="PlanYear"/>): seed 000 answers FY2565 results with measures for FY2566.
/// <para>
/// "Apply measure N" (seed 000: ใช้มาตรการ/แนวทาง ตามข้อ ๖) is not stored: an item linked to a measure that an
/// earlier item already shows is written as a reference to it. Link the item to the measure and the document says so.
/// </para>
/// </summary>
/// <param name="ResultsYear">The year of the results the plan answers.</param>
/// <param name="Layout">How the measures document is laid out: per weak item (seeds 000, 001) or per theme (seeds 002, 003).</param>
/// <param name="Introduction">The paragraph that opens the document (how the agency analysed and decided), when any.</param>
/// <param name="Findings">What the analysis found per theme (seed 002: จากการวิเคราะห์ … พบข้อบกพร่อง …), by theme number.</param>
/// <param name="Measures">The measures, numbered 1, 2, 3 … in this order.</param>
public sealed record MeasurePlan(
    FiscalYear ResultsYear,
    PlanLayout Layout,
    string? Introduction,
    IReadOnlyList<ThemeFinding> Findings,
    IReadOnlyList<Measure> Measures)
{
    /// <summary>The fiscal year in which the measures run: the year after the results.</summary>
    [JsonIgnore]
    public FiscalYear PlanYear => new(ResultsYear.BuddhistEra + 1);

    /// <summary>An empty plan for the results of a year.</summary>
    public static MeasurePlan Empty(FiscalYear resultsYear, PlanLayout layout = PlanLayout.ByItem) =>
        new(resultsYear, layout, null, [], []);

    /// <summary>
    /// The plan with an id on every measure: a measure without one gets <paramref name="idFor"/>'s (made unique by a
    /// suffix when it is taken). Measures that have an id keep it, so editors address the same measure whatever moved.
    /// </summary>
    public MeasurePlan WithIds(Func<Measure, string> idFor)
    {
        ArgumentNullException.ThrowIfNull(idFor);
        if (Measures.All(m => m.Id is not null))
        {
            return this;
        }
        var taken = Measures.Where(m => m.Id is not null).Select(m => m.Id!).ToHashSet(StringComparer.Ordinal);
        var measures = new List<Measure>(Measures.Count);
        foreach (var measure in Measures)
        {
            if (measure.Id is not null)
            {
                measures.Add(measure);
                continue;
            }
            var id = idFor(measure);
            for (var k = 2; !taken.Add(id); k++)
            {
                id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{idFor(measure)}-{k}");
            }
            measures.Add(measure with { Id = id });
        }
        return this with { Measures = measures };
    }

    /// <summary>The measure with the id, or null.</summary>
    public Measure? Find(string id) => Measures.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));
}

/// <summary>The finding of the analysis for one theme.</summary>
public sealed record ThemeFinding(int Theme, string Text);

/// <summary>The measures document's layout.</summary>
public enum PlanLayout
{
    /// <summary>A row per weak question or item: score, weakness, measure, steps, owners, quarters, monitoring, reporting (seeds 000, 001).</summary>
    ByItem,

    /// <summary>A section per theme: its items with scores, the finding, then each measure with steps, period and owners (seeds 002, 003).</summary>
    ByTheme,
}

/// <summary>Whether a measure keeps a standard already met or improves a weak point (seed 003).</summary>
public enum MeasureKind
{
    Improve,
    KeepStandard,
}

/// <summary>One measure.</summary>
/// <param name="Number">Its number in the plan, from 1.</param>
/// <param name="Title">What the measure is (e.g. "จัดทำคู่มือการยืมทรัพย์สินของราชการ").</param>
/// <param name="Kind">Keep the standard or improve.</param>
/// <param name="Items">The question, sub-item or OIT item codes it answers (I17, E14, O10, i11 …), in the year's codes.</param>
/// <param name="Themes">The theme numbers it answers (1–7), for years with themes.</param>
/// <param name="Weakness">The weakness in the agency's words, when it differs from the question text.</param>
/// <param name="Steps">The numbered steps or methods.</param>
/// <param name="Timeline">When it runs: quarters of the plan year or a date range.</param>
/// <param name="ResponsibleUnits">The units responsible (สสน., ศปท., every division …).</param>
/// <param name="Monitoring">How it is monitored (แนวทางการกำกับติดตาม), when stated.</param>
/// <param name="Reporting">How often and to whom results are reported, when stated.</param>
/// <param name="TemplateId">The catalogue template it was drafted from, when any.</param>
/// <param name="Id">
/// Its stable id in the plan (a short code such as <c>a1b2c3d4e5f6</c>), given when it is created and kept through
/// edits, moves, revisions and redrafts: editors address a measure by it, never by its position. A plan stored before
/// ids reads as <c>m1</c>, <c>m2</c> … by number (<see cref="MeasurePlanJson.Read"/>), the same for every reader.
/// </param>
public sealed record Measure(
    int Number,
    string Title,
    MeasureKind Kind,
    IReadOnlyList<string> Items,
    IReadOnlyList<int> Themes,
    string? Weakness,
    IReadOnlyList<MeasureStep> Steps,
    Timeline Timeline,
    IReadOnlyList<string> ResponsibleUnits,
    string? Monitoring,
    Reporting? Reporting,
    string? TemplateId = null,
    string? Id = null)
{
    /// <summary>The measure's KPIs with their targets (seed 004's measures report: ตัวชี้วัด … เป้าหมาย …), which the
    /// measures reports of its year give actuals for; null when the plan states none (older stored plans).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OpenIta.Core.Plans.Kpi>? Kpis { get; init; }
}

/// <summary>A step of a measure; a step may have its own owners (seed 003: ข้อ 1–3 every division, ข้อ 4 ศปท.).</summary>
public sealed record MeasureStep
{
    /// <summary>A step with its own owners (the constructor JSON reads with).</summary>
    [JsonConstructor]
    public MeasureStep(string text, IReadOnlyList<string> owners)
    {
        Text = text;
        Owners = owners;
    }

    /// <summary>A step owned by the measure's responsible units.</summary>
    public MeasureStep(string text) : this(text, []) { }

    public string Text { get; init; }

    public IReadOnlyList<string> Owners { get; init; }
}

/// <summary>
/// When a measure runs: some of the quarters Q1–Q4 of the plan's fiscal year (seed 001), or a date range (seed 003),
/// or both left empty when the agency did not say.
/// </summary>
/// <param name="Quarters">Quarters 1–4 of the plan year, ascending, no repeats.</param>
public sealed record Timeline(IReadOnlyList<int> Quarters, DateOnly? From = null, DateOnly? To = null)
{
    public static Timeline WholeYear { get; } = new([1, 2, 3, 4]);
    public static Timeline None { get; } = new([]);

    /// <summary>Quarters given.</summary>
    [JsonIgnore]
    public bool ByQuarter => Quarters.Count > 0;

    /// <summary>A date range given.</summary>
    [JsonIgnore]
    public bool ByDates => From is not null || To is not null;
}

/// <summary>How often results are reported (seed 001).</summary>
public enum ReportingCadence
{
    Monthly,
    Quarterly,
    EverySixMonths,
    Yearly,
}

/// <summary>How often, how and to whom a measure's results are reported.</summary>
/// <param name="To">To whom (the head of the agency, the executive board …).</param>
/// <param name="How">How, when stated (a memo, the website …).</param>
public sealed record Reporting(ReportingCadence Cadence, string To, string? How = null);
