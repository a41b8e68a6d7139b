using OpenIta.Core.Measures;
using OpenIta.Data.Measures;

namespace OpenIta.Web.Features.Measures;

/// <summary>
/// What the undo notice (_Kept.cshtml) shows: the draft's kept content (<see cref="MeasurePlanRevision.KeptContentJson"/>)
/// and the measures in it that the current content no longer has. <paramref name="Back"/> is "edit" when shown in the
/// editor, so that restoring returns there.
/// </summary>
public sealed record KeptNotice(string PagePath, MeasurePlanRevision Revision, MeasurePlan Kept, IReadOnlyList<Measure> Gone, string Back)
{
    /// <summary>The notice of a draft the user edits, or null when nothing is kept (or the kept content cannot be read).</summary>
    public static KeptNotice? For(PlanContext context, MeasurePlanRevision? revision, MeasurePlan? current, string back)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (revision is not { Status: PlanStatus.Draft, KeptContentJson: not null } || !context.CanEdit || current is null
            || context.Latest?.Id != revision.Id)
        {
            return null;
        }
        try
        {
            var kept = revision.Kept()!;
            var now = current.Measures.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            return new KeptNotice(context.PagePath, revision, kept, kept.Measures.Where(m => !now.Contains(m.Id)).ToList(), back);
        }
        catch (MeasurePlanException)
        {
            return null;
        }
    }
}
