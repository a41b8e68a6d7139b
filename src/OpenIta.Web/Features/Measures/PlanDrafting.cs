using OpenIta.Core.Analysis;
using OpenIta.Core.Measures;
using OpenIta.Core.Measures.Catalogue;
using OpenIta.Core.Methodology;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// "Draft from the catalogue": a first plan made from the analysis by <see cref="MeasureDrafter"/> with the built-in
/// catalogue (catalogue/measures.yaml), for the coordinator to correct. The one place the pages ask for a draft.
/// </summary>
public static class PlanDrafting
{
    /// <summary>
    /// A draft answering the urgent items of the analysis: each catalogue template that answers some of them becomes a
    /// measure linked to them; themes without weaknesses get a keep-the-standard measure. Items no template answers are
    /// returned in <see cref="DraftResult.Unmatched"/> (shown to the coordinator, never guessed).
    /// </summary>
    public static DraftResult Draft(AnalysisReport analysis, Framework framework)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(framework);
        return MeasureDrafter.Draft(analysis, framework, MeasureCatalogue.BuiltIn, DraftOptions.Default);
    }

    /// <summary>
    /// A redraft over an existing plan: a drafted measure from the same catalogue template as a measure of
    /// <paramref name="existing"/> takes that measure's id, so a form open on it still addresses it; the others are new.
    /// </summary>
    public static MeasurePlan KeepIds(MeasurePlan drafted, MeasurePlan existing)
    {
        ArgumentNullException.ThrowIfNull(drafted);
        ArgumentNullException.ThrowIfNull(existing);
        var byTemplate = existing.Measures.Where(m => m.TemplateId is not null && m.Id is not null)
            .GroupBy(m => m.TemplateId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<string>(g.Select(m => m.Id!)), StringComparer.Ordinal);
        return drafted with
        {
            Measures = drafted.Measures.Select(m => m.TemplateId is { } t && byTemplate.TryGetValue(t, out var ids) && ids.Count > 0
                ? m with { Id = ids.Dequeue() } : m).ToList(),
        };
    }

    /// <summary>The audit note of a draft: how many measures, and the weak items no template answers.</summary>
    public static string Note(DraftResult draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var note = $"ร่างจากคลังมาตรการ {draft.Plan.Measures.Count} มาตรการ สำหรับข้อที่ต้องแก้ไข {draft.WeakItems.Count} ข้อ";
        return draft.Unmatched.Count == 0 ? note
            : note + "; ไม่มีมาตรการในคลังสำหรับ " + string.Join(", ", draft.Unmatched.Select(i => i.Code));
    }
}
