using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Methodology;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// "Draft from the catalogue": a first plan made from the analysis, for the coordinator to correct. The one place the
/// pages ask for a draft, so that the drafting engine can be swapped without touching them.
/// </summary>
public static class PlanDrafting
{
    /// <summary>
    /// A draft plan answering the analysis of <paramref name="framework"/>'s year. For now: one measure per indicator
    /// with urgent questions or sub-items, titled by the text of its lowest item, kind Improve, linked to every urgent
    /// item of the indicator (and to the themes those items belong to), running the whole plan year. Laid out by theme
    /// when the year has themes, else by item.
    /// </summary>
    public static MeasurePlan Draft(AnalysisReport analysis, Framework framework)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(framework);
        // LEAD: replace with MeasureDrafter (OpenIta.Core.Measures) and its catalogue; keep this signature for the pages.
        var measures = analysis.InTier(Tier.Urgent)
            .GroupBy(i => (i.Instrument, i.Indicator))
            .Select(group => group.OrderBy(i => Core.Scoring.Score.Round(i.Score)).ThenBy(i => i.Code, StringComparer.Ordinal).ToList())
            .OrderBy(items => Core.Scoring.Score.Round(items[0].Score))
            .ThenBy(items => items[0].Instrument).ThenBy(items => items[0].Indicator)
            .Select((items, index) =>
            {
                var lowest = items[0];
                var codes = items.Select(i => i.Code).ToList();
                var themes = framework.Themes
                    .Where(t => codes.Any(c => t.QuestionCodes.Contains(c, StringComparer.OrdinalIgnoreCase)
                                            || t.QuestionCodes.Contains(items.First(i => i.Code == c).QuestionCode, StringComparer.OrdinalIgnoreCase)))
                    .Select(t => t.Number).Order().ToList();
                return new Measure(
                    Number: index + 1,
                    Title: lowest.TextTh ?? lowest.Code,
                    Kind: MeasureKind.Improve,
                    Items: codes,
                    Themes: themes,
                    Weakness: null,
                    Steps: [],
                    Timeline: Timeline.WholeYear,
                    ResponsibleUnits: [],
                    Monitoring: null,
                    Reporting: null);
            })
            .ToList();
        var layout = framework.Themes.Count > 0 ? PlanLayout.ByTheme : PlanLayout.ByItem;
        return new MeasurePlan(framework.Year, layout, null, [], measures);
    }
}
